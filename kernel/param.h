/* param.h: compile-time sizes of kernel tables. */
#ifndef _PARAM_H_
#define _PARAM_H_

#define	MAXCPU		8	/* harts we can run (CPUS=1..8) */
#define	NPROC		1024	/* process table slots: kern.maxproc's ceiling */
#define	NOFILE		64	/* default RLIMIT_NOFILE, and the fd table size */
#define	NFILE		1024	/* open file objects, system-wide */
#define	NINODE		128	/* in-memory inode cache */
#define	NBUF		256	/* buffer cache blocks (the log uses half) */
#define	MAXARG		1024	/* max exec strings, argv and envp together */
#define	ARG_MAX		(64 * 1024)	/* bytes of argv + envp at exec */
#define	MAXPATH		256	/* longest path name, NUL included */
#define	MAXCOMLEN	19	/* p_comm length, as FreeBSD */
#define	ROOTDEV		1	/* device number of the root file system */
#define	HZ		100	/* clock interrupts per second */
#define	KSTACK_PAGES	4	/* pages of kernel stack per process */
#define	USTACK_PAGES	4	/* initial user stack pages */
#define	PID_MAX		99999	/* pids are below this (kern.pid_max) */

#endif /* !_PARAM_H_ */
