/*
 * kern_exit.c: process exit, wait4 and kill.
 *
 * An exiting process gives back its address space, files and directory
 * itself (exit1), and becomes a zombie that keeps only its slot, pid,
 * kernel stack and credentials until its parent reaps it (proc_reap).
 * Its children go to init.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "pmap.h"
#include "vm_map.h"
#include "file.h"
#include "ucred.h"
#include "sysproto.h"
#include <sys/wait.h>
#include <sys/signal.h>
#include <sys/resource.h>

void	sleep_interrupt(struct proc *p);

/* Give p's children to init.  proctree_lock held. */
static void
proc_reparent_children(struct proc *p)
{
	struct proc *q;
	int zombies = 0;

	for (q = proc; q < &proc[NPROC]; q++) {
		if (q->p_state == PRS_UNUSED || q->p_pptr != p)
			continue;
		q->p_pptr = initproc;
		p->p_nchildren--;
		initproc->p_nchildren++;
		if (q->p_state == PRS_ZOMBIE)
			zombies = 1;
	}
	if (zombies)
		wakeup(initproc);
}

/*
 * End the running process p: rval is the exit code, signo the signal
 * that killed it (0 if none).  Never returns.
 */
void
exit1(struct proc *p, int rval, int signo)
{
	struct vmspace *vm;

	if (p == initproc)
		panic("init exited (status %d, signal %d)", rval, signo);

	/* Files and directory first: closing may sleep on the disk. */
	if (p->p_fd != NULL) {
		fdfree(p->p_fd);
		p->p_fd = NULL;
	}
	if (p->p_pwd != NULL) {
		pwd_drop(p->p_pwd);
		p->p_pwd = NULL;
	}
	/* Leave the address space before dropping it. */
	vm = vmspace_install(p, NULL);
	if (vm != NULL)
		vmspace_free(vm);

	spin_lock(&proctree_lock);
	proc_reparent_children(p);
	spin_lock(&p->p_lock);
	p->p_flag |= P_WEXIT;
	p->p_xstat = signo != 0 ? W_EXITCODE(0, signo) :
	    W_EXITCODE(rval & 0xff, 0);
	p->p_state = PRS_ZOMBIE;
	spin_unlock(&proctree_lock);
	/* p_lock is still held: the parent cannot reap us until we are off
	 * this stack (the scheduler drops it). */
	if (p->p_pptr != NULL)
		wakeup(p->p_pptr);
	sched_switch();
	panic("zombie %d ran again", p->p_pid);
}

int
sys_exit(struct proc *p, struct exit_args *uap)
{
	exit1(p, uap->rval, 0);
}

/*
 * Free what a zombie kept.  proctree_lock held; the child is off every
 * hart (its p_lock is free).
 */
static void
proc_reap(struct proc *parent, struct proc *p)
{
	spin_lock(&p->p_lock);		/* wait out the exiting hart */
	spin_unlock(&p->p_lock);
	parent->p_nchildren--;
	nprocs--;
	proc_free_kstack(p);
	crfree(p->p_ucred);
	p->p_ucred = NULL;
	proc_free(p);
}

static int
wait_matches(struct proc *q, struct proc *parent, pid_t pid)
{
	if (q->p_pptr != parent || q->p_state == PRS_UNUSED ||
	    q->p_state == PRS_NEW)
		return (0);
	return (pid == WAIT_ANY || pid <= 0 || q->p_pid == pid);
}

/*
 * wait4(pid, status, options, rusage): wait for a child to exit.  pid -1
 * means any child (process groups arrive with the process model; until
 * then 0 and -pgid also mean any).  WNOHANG returns 0 at once if none
 * has exited.  ECHILD if no child matches.
 */
int
sys_wait4(struct proc *p, struct wait4_args *uap)
{
	struct proc *q;
	int error, status, nfound;
	pid_t pid;

	if (uap->options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT |
	    WEXITED | WTRAPPED | __WALL | WLINUXCLONE))
		return (EINVAL);
	spin_lock(&proctree_lock);
	for (;;) {
		nfound = 0;
		for (q = proc; q < &proc[NPROC]; q++) {
			if (!wait_matches(q, p, uap->pid))
				continue;
			nfound++;
			if (q->p_state != PRS_ZOMBIE)
				continue;
			pid = q->p_pid;
			status = q->p_xstat;
			if (!(uap->options & WNOWAIT))
				proc_reap(p, q);
			spin_unlock(&proctree_lock);
			p->p_retval[0] = pid;
			if (uap->status != NULL &&
			    (error = copyout(&status, uap->status,
			    sizeof(status))) != 0)
				return (error);
			if (uap->rusage != NULL) {
				struct rusage ru;

				memset(&ru, 0, sizeof(ru));
				if ((error = copyout(&ru, uap->rusage,
				    sizeof(ru))) != 0)
					return (error);
			}
			return (0);
		}
		if (nfound == 0) {
			spin_unlock(&proctree_lock);
			return (ECHILD);
		}
		if (uap->options & WNOHANG) {
			spin_unlock(&proctree_lock);
			p->p_retval[0] = 0;
			return (0);
		}
		error = msleep(p, &proctree_lock, PCATCH, "wait", 0);
		if (error != 0) {
			spin_unlock(&proctree_lock);
			return (error);
		}
	}
}

int
proc_issignaled(struct proc *p)
{
	return (__atomic_load_n(&p->p_killsig, __ATOMIC_RELAXED));
}

/*
 * May cred send a signal to p?  Root may signal anyone; others only
 * processes whose real or saved uid matches their real or effective uid
 * (FreeBSD's cr_cansignal, without the sugid subtleties).
 */
static int
cansignal(struct ucred *cr, struct proc *p)
{
	struct ucred *tc = p->p_ucred;

	if (priv_check_cred(cr, PRIV_SIGNAL_OTHER) == 0)
		return (0);
	if (cr->cr_ruid == tc->cr_ruid || cr->cr_ruid == tc->cr_svuid ||
	    cr->cr_uid == tc->cr_ruid || cr->cr_uid == tc->cr_svuid)
		return (0);
	return (EPERM);
}

/*
 * kill(pid, sig).  Until signals exist every signal but 0 terminates
 * the target.  Kernel processes and init are not killed (FreeBSD takes no
 * default action on them either).
 */
int
kern_kill(struct proc *td, pid_t pid, int signum)
{
	struct proc *p;
	int error;

	if (signum < 0 || signum > _SIG_MAXSIG)
		return (EINVAL);
	if (pid <= 0)
		return (ESRCH);		/* groups and broadcast: later */
	if ((p = pfind(pid)) == NULL)
		return (ESRCH);
	if (p->p_state == PRS_ZOMBIE) {
		/* FreeBSD permits signalling a zombie: nothing happens. */
		spin_unlock(&p->p_lock);
		return (0);
	}
	if ((error = cansignal(td->p_ucred, p)) != 0) {
		spin_unlock(&p->p_lock);
		return (error);
	}
	if (signum != 0 && p != initproc && !(p->p_flag & P_SYSTEM)) {
		if (p->p_killsig == 0)
			p->p_killsig = signum;
		sleep_interrupt(p);
	}
	spin_unlock(&p->p_lock);
	return (0);
}

int
sys_kill(struct proc *p, struct kill_args *uap)
{
	return (kern_kill(p, uap->pid, uap->signum));
}
