/* sys/wait.h: wait status macros and options, FreeBSD's values. */
#ifndef _SYS_WAIT_H_
#define _SYS_WAIT_H_

#define	_WSTATUS(x)	((x) & 0177)
#define	_WSTOPPED	0177
#define	WIFSTOPPED(x)	(_WSTATUS(x) == _WSTOPPED)
#define	WSTOPSIG(x)	((x) >> 8)
#define	WIFSIGNALED(x)	(_WSTATUS(x) != _WSTOPPED && _WSTATUS(x) != 0 && \
			    (x) != 0x13)
#define	WTERMSIG(x)	(_WSTATUS(x))
#define	WIFEXITED(x)	(_WSTATUS(x) == 0)
#define	WEXITSTATUS(x)	(((x) >> 8) & 0xff)
#define	WIFCONTINUED(x)	((x) == 0x13)
#define	WCOREDUMP(x)	((x) & 0200)

#define	W_EXITCODE(ret, sig)	((ret) << 8 | (sig))
#define	W_STOPCODE(sig)		((sig) << 8 | _WSTOPPED)

#define	WNOHANG		1
#define	WUNTRACED	2
#define	WSTOPPED	WUNTRACED
#define	WCONTINUED	4
#define	WNOWAIT		8
#define	WEXITED		16
#define	WTRAPPED	32
#define	__WALL		0x40000000
#define	WLINUXCLONE	0x80000000
#define	__WCLONE	WLINUXCLONE

/* What an id names, for procctl(2) and wait6(2): FreeBSD's order. */
typedef enum {
	P_PID,
	P_PPID,
	P_PGID,
	P_SID,
	P_CID,
	P_UID,
	P_GID,
	P_ALL,
	P_LWPID,
	P_TASKID,
	P_PROJID,
	P_POOLID,
	P_JAILID,
	P_CTID,
	P_CPUID,
	P_PSETID
} idtype_t;

#define	WAIT_ANY	(-1)
#define	WAIT_MYPGRP	0

#endif /* !_SYS_WAIT_H_ */
