/*
 * proc.h: processes.
 *
 * Lock order (take them top to bottom, never the reverse):
 *
 *   sleep locks: inodes, buffers, the log, vm_lock (may be held while
 *     sleeping; never taken with a spinlock held)
 *   proctree_lock
 *   condition spinlocks: pipe, console, poll_lock, the buffer cache,
 *     file table, fd_lock, pm_lock, a sleep lock's interlock
 *   p->p_lock (msleep and wakeup take it with the condition lock held;
 *     an exiting child's, then its parent's)
 *   leaves: vm_page_lock, malloc_lock, printf_lock
 *
 * Field guards: (t) proctree_lock, (p) p_lock, (c) constant while the
 * process lives, (o) only the process itself reads or writes it.
 */
#ifndef _PROC_H_
#define _PROC_H_

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "pcpu.h"
#include "trap.h"
#include <sys/signal.h>

struct vmspace;
struct sigacts;
struct plimit;
struct pgrp;
struct session;
struct procdesc;
struct filedesc;
struct pwd;
struct ucred;
struct inode;

enum procstate {
	PRS_UNUSED = 0,		/* free slot */
	PRS_NEW,		/* being built by fork1 */
	PRS_RUNNABLE,		/* waiting for a hart */
	PRS_RUNNING,		/* on a hart */
	PRS_SLEEPING,		/* in msleep() */
	PRS_STOPPED,		/* stopped by a signal, until SIGCONT */
	PRS_ZOMBIE,		/* exited, waiting to be reaped */
};

struct proc {
	struct spinlock	p_lock;		/* guards the (p) fields */
	enum procstate	p_state;	/* (p) */
	void		*p_wchan;	/* (p) sleep channel */
	const char	*p_wmesg;	/* (p) why it sleeps */
	int		p_sleepflags;	/* (p) PCATCH if interruptible */
	uint64		p_timeout;	/* (p) tick to wake at, 0 none */
	int		p_slpresult;	/* (p) why msleep woke: 0, EINTR... */
	int		p_flag;		/* (p) P_* below */
	int		p_xstat;	/* (p) exit status for wait */
	int		p_cpu;		/* (p) hart it last ran on */

	/* Signals (kern_sig.c). */
	sigset_t	p_siglist;	/* (p) pending */
	sigset_t	p_sigmask;	/* (p) blocked */
	sigset_t	p_oldsigmask;	/* (p) to restore after sigsuspend */
	struct sigacts	*p_sigacts;	/* (o) actions, maybe shared */
	int		p_xsig;		/* (p) signal that stopped it */
	int		p_exitsig;	/* (t) sent to the parent at exit */
	struct {
		pid_t	pid;		/* sender, for siginfo */
		uid_t	uid;
		int	code;		/* SI_USER, CLD_*, SEGV_* */
		int	status;
	} p_ksi[NSIG];			/* (p) for pending signals 1..31 */
	void		*p_sigaddr;	/* (p) fault address for SIGSEGV... */
	uint64		p_itimer_next;	/* (p) tick of the next SIGALRM */
	uint64		p_itimer_interval;	/* (p) ticks between them */

	/* Process groups, sessions, reapers (kern_proc.c). */
	struct pgrp	*p_pgrp;	/* (t) */
	struct proc	*p_reaper;	/* (t) who gets our orphans */
	pid_t		p_reapsubtree;	/* (t) pid of our subtree's root */

	/* The fork family (kern_fork.c). */
	struct proc	*p_leader;	/* (t) RFTHREAD leader, or itself */
	struct proc	*p_peers;	/* (t) next peer of the same leader */
	struct proc	*p_vforkparent;	/* (t) parent asleep in vfork, or NULL */
	int		p_vforkwait;	/* (t) we sleep until our child execs */
	struct procdesc	*p_procdesc;	/* (t) our process descriptor, if any */

	struct plimit	*p_limit;	/* (o) resource limits, copy-on-write */

	struct proc	*p_pptr;	/* (t) parent */
	int		p_nchildren;	/* (t) for quick ECHILD */

	pid_t		p_pid;		/* (c) */
	vaddr_t		p_kstack;	/* (c) bottom of the kernel stack */
	struct trapframe *p_frame;	/* (c) user registers, stack top */
	struct context	p_ctx;		/* (p) saved by cpu_switch */
	void		*p_onfault;	/* (o) copyin/copyout recovery pc */
	register_t	p_retval[2];	/* (o) syscall results: a0, a1 */

	struct vmspace	*p_vmspace;	/* (o) address space, maybe shared */
	struct filedesc	*p_fd;		/* (o) fd table, maybe shared */
	struct pwd	*p_pwd;		/* (o) current directory, maybe shared */
	struct ucred	*p_ucred;	/* (o) credentials, copy-on-write */

	char		p_comm[MAXCOMLEN + 1];	/* (o) program name */
	uint64		p_start;	/* (c) ticks at fork */
	int		p_failpoint;	/* (o) debug.fail_point.fork_page_alloc */
	int		p_failcount;	/* (o) page allocations left before it */
};

/* p_flag */
#define	P_SYSTEM	0x0001		/* kernel process */
#define	P_WEXIT		0x0002		/* exiting */
#define	P_OLDMASK	0x0008		/* restore p_oldsigmask after a handler */
#define	P_WAITED	0x0010		/* stop already reported by wait */
#define	P_CONTINUED	0x0020		/* continued, not yet reported */
#define	P_EXEC		0x0040		/* has exec'd (setpgid: EACCES) */
#define	P_TREE_REAPER	0x0080		/* a reaper (procctl) */
#define	P_PPWAIT	0x0200		/* our vfork parent waits for us */
#define	P_PROCDESC	0x0400		/* (kinfo only) has a process descriptor */

/* msleep() flags */
#define	PCATCH		0x0100		/* a kill interrupts the sleep */

extern struct proc proc[NPROC];
extern struct proc *initproc;
extern struct spinlock proctree_lock;
extern int nprocs;			/* kern.nprocs */

/* kern_synch.c: sleeping and waking. */
int	msleep(void *chan, struct spinlock *lk, int flags, const char *wmesg,
	    int timo);
void	wakeup(void *chan);
void	yield(void);
void	sched_switch(void);		/* call with p_lock held */
void	scheduler(void) __noreturn;
void	setrunnable(struct proc *p);	/* call with p_lock held */
int	pause_ticks(const char *wmesg, int timo);

/* kern_proc.c, kern_fork.c, kern_exit.c */
struct proc *pfind(pid_t pid);		/* returns with p_lock held */
struct proc *proc_alloc(void);		/* a PRS_NEW slot, or NULL */
void	proc_free(struct proc *p);	/* back to PRS_UNUSED */
int	proc_alloc_kstack(struct proc *p);	/* ENOMEM */
void	proc_free_kstack(struct proc *p);
pid_t	fork_findpid(int flags);	/* 0 if none free */
void	pid_bitmap_set(pid_t pid, int on);
void	reap_id_set(pid_t pid, int on);
int	reap_id_in_use(pid_t pid);
int	proc_wchan_has_waiters(void *chan);
void	exit1(struct proc *p, int rval, int signo) __noreturn;
int	kern_kill(struct proc *td, pid_t pid, int signum);
void	proc_dump(void);		/* ^P: the process list */

/* Process groups and sessions; proctree_lock guards them. */
struct session {
	int		s_count;	/* process groups in it */
	pid_t		s_sid;		/* the leader's pid */
	struct proc	*s_leader;	/* NULL once it exits */
	int		s_ttyvp;	/* has the console as controlling tty */
};

struct pgrp {
	struct pgrp	*pg_next;	/* on the list of all groups */
	pid_t		pg_id;
	int		pg_count;	/* member processes */
	struct session	*pg_session;
};

struct pgrp *pgfind(pid_t pgid);		/* proctree_lock held */
int	enterpgrp(struct proc *p, pid_t pgid, int newsession);
void	pgrp_join(struct proc *p, struct pgrp *pg);	/* proctree_lock */
void	pgrp_leave(struct proc *p);			/* proctree_lock */
int	pid_in_use_as_group(pid_t pid);		/* pgid or sid? */
struct proc *proc_reaper_of(struct proc *p);	/* proctree_lock */
void	proc_reparent_to_reaper(struct proc *p);	/* proctree_lock */

/* machdep: swtch.S */
void	cpu_switch(struct context *from, struct context *to);

#endif /* !_PROC_H_ */
