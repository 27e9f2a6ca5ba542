/* sys/reboot.h: reboot(2) howto flags, FreeBSD's values. */
#ifndef _SYS_REBOOT_H_
#define _SYS_REBOOT_H_

#define	RB_AUTOBOOT	0	/* plain reboot */
#define	RB_HALT		0x8	/* stop, don't reboot */
#define	RB_POWEROFF	0x4000	/* turn the power off */

#endif /* !_SYS_REBOOT_H_ */
