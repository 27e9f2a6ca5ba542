/* sys/procdesc.h: process descriptors, FreeBSD's flags. */
#ifndef _SYS_PROCDESC_H_
#define _SYS_PROCDESC_H_

#define	PD_DAEMON	0x00000001	/* closing does not kill the child */
#define	PD_CLOEXEC	0x00000002	/* close the descriptor on exec */
#define	PD_ALLOWED_AT_FORK	(PD_DAEMON | PD_CLOEXEC)

#endif /* !_SYS_PROCDESC_H_ */
