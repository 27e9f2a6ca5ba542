/* sys/sched.h: NetBSD's __clone(2) flags (sys/sched.h, _NETBSD_SOURCE). */
#ifndef _SYS_SCHED_H_
#define _SYS_SCHED_H_

#define	CLONE_CSIGNAL	0x000000ff	/* exit signal, in the low byte */
#define	CLONE_VM	0x00000100	/* share the address space */
#define	CLONE_FS	0x00000200	/* share the current directory */
#define	CLONE_FILES	0x00000400	/* share the fd table */
#define	CLONE_SIGHAND	0x00000800	/* share signal actions */
#define	CLONE_PID	0x00001000	/* historic: rejected (EINVAL) */
#define	CLONE_PTRACE	0x00002000	/* rejected (EINVAL) */
#define	CLONE_VFORK	0x00004000	/* parent waits for exec or exit */

#endif /* !_SYS_SCHED_H_ */
