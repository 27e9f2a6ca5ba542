/*
 * signalvar.h: the kernel's signal state.
 *
 * Signal actions live in a reference-counted sigacts, so that
 * rfork(RFSIGSHARE) and __clone(CLONE_SIGHAND) can share one; the mask
 * and the pending set belong to each process.  ps_lock guards a sigacts;
 * a process's p_lock guards its pending set and mask.
 */
#ifndef _SIGNALVAR_H_
#define _SIGNALVAR_H_

#include "types.h"
#include "spinlock.h"
#include <sys/signal.h>

struct proc;
struct trapframe;

struct sigacts {
	int		ps_refcnt;	/* processes sharing it (atomic) */
	struct spinlock	ps_lock;	/* guards the rest */
	__sighandler_t	*ps_sigact[_SIG_MAXSIG];	/* by sig - 1 */
	sigset_t	ps_catchmask[_SIG_MAXSIG];	/* sa_mask */
	int		ps_saflags[_SIG_MAXSIG];	/* sa_flags */
	sigset_t	ps_sigignore;	/* signals with SIG_IGN */
	sigset_t	ps_sigcatch;	/* signals with a handler */
	int		ps_flag;	/* PS_* below */
};

#define	PS_NOCLDWAIT	0x0001	/* SIGCHLD has SA_NOCLDWAIT */
#define	PS_NOCLDSTOP	0x0002	/* SIGCHLD has SA_NOCLDSTOP */
#define	PS_CLDSIGIGN	0x0004	/* SIGCHLD is SIG_IGN */

/* The kernel's trampoline page: calls sigreturn when a handler returns. */
#define	SIGCODE_VA	(VM_MAXUSER_ADDRESS - PGSIZE)

static inline void
sigaddset_k(sigset_t *s, int sig)
{
	s->__bits[_SIG_WORD(sig)] |= _SIG_BIT(sig);
}

static inline void
sigdelset_k(sigset_t *s, int sig)
{
	s->__bits[_SIG_WORD(sig)] &= ~_SIG_BIT(sig);
}

static inline int
sigismember_k(const sigset_t *s, int sig)
{
	return ((s->__bits[_SIG_WORD(sig)] & _SIG_BIT(sig)) != 0);
}

void		sig_init(void);
struct sigacts	*sigacts_alloc(void);
struct sigacts	*sigacts_hold(struct sigacts *ps);
void		sigacts_free(struct sigacts *ps);
void		sigacts_copy(struct sigacts *dst, struct sigacts *src);
void		execsigs(struct proc *p);
int		sigcode_map(struct proc *p, void *vm);

void	psignal(struct proc *p, int sig);	/* p_lock held */
void	kern_psignal(struct proc *p, int sig);	/* takes p_lock */
void	pgsignal(pid_t pgid, int sig);
void	trapsignal(struct proc *p, int sig, int code, void *addr);
int	sig_sleep_result(struct proc *p);	/* p_lock held */
int	sig_deliverable(struct proc *p);	/* p_lock held */
void	postsig_all(struct proc *p, struct trapframe *tf);
void	childproc_exited(struct proc *child);
int	sig_stopped_report(struct proc *p, int options, int *status);
void	sig_stop_check(struct proc *p);

#endif /* !_SIGNALVAR_H_ */
