/* sys/ttycom.h: terminal ioctls (FreeBSD's values). */
#ifndef _SYS_TTYCOM_H_
#define _SYS_TTYCOM_H_

#define	IOCPARM_SHIFT	16
#define	IOC_OUT		0x40000000UL	/* copy out */
#define	IOC_IN		0x80000000UL	/* copy in */
#define	_IOC(inout, group, num, len)					\
	((unsigned long)((inout) | (((len) & 0x1fff) << IOCPARM_SHIFT) |\
	    ((group) << 8) | (num)))
#define	_IOR(g, n, t)	_IOC(IOC_OUT, (g), (n), sizeof(t))
#define	_IOW(g, n, t)	_IOC(IOC_IN, (g), (n), sizeof(t))

#define	TIOCSPGRP	_IOW('t', 118, int)	/* set the foreground group */
#define	TIOCGPGRP	_IOR('t', 119, int)	/* get the foreground group */
#define	TIOCSCTTY	_IOC(0x20000000UL, 't', 97, 0)	/* become ctty */
#define	TIOCGSID	_IOR('t', 99, int)	/* session of the tty */

#endif /* !_SYS_TTYCOM_H_ */
