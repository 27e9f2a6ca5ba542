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
#include "signalvar.h"
#include "resourcevar.h"
#include "fork.h"
#include "procdesc.h"
#include "console.h"
#include <sys/wait.h>
#include <sys/signal.h>
#include <sys/resource.h>


/* Make q a child of newparent.  proctree_lock held. */
static void
proc_reparent(struct proc *q, struct proc *newparent)
{
	q->p_pptr->p_nchildren--;
	q->p_pptr = newparent;
	newparent->p_nchildren++;
	/* A reaper gets SIGCHLD, whatever the child's exit signal was. */
	q->p_exitsig = SIGCHLD;
}

/* Hand p to its reaper (a process descriptor let it go).  proctree. */
void
proc_reparent_to_reaper(struct proc *p)
{
	proc_reparent(p, proc_reaper_of(p));
	wakeup(p->p_pptr);
}

/*
 * Give p's children to p's reaper (init unless a procctl reaper is
 * closer), and p's subtree too if p was a reaper.  proctree_lock held.
 */
static void
proc_reparent_children(struct proc *p)
{
	struct proc *q, *reaper = proc_reaper_of(p);
	int zombies = 0;

	for (q = proc; q < &proc[NPROC]; q++) {
		if (q->p_state == PRS_UNUSED)
			continue;
		if (q->p_reaper == p)
			q->p_reaper = reaper;
		if (q->p_pptr != p)
			continue;
		proc_reparent(q, reaper);
		if (q->p_state == PRS_ZOMBIE)
			zombies = 1;
	}
	if (zombies)
		wakeup(reaper);
}

/*
 * End the running process p: rval is the exit code, signo the signal
 * that killed it (0 if none).  Never returns.
 */
void
exit1(struct proc *p, int rval, int signo)
{
	struct vmspace *vm;
	int xstat, notify;

	if (p == initproc)
		panic("init exited (status %d, signal %d)", rval, signo);
	spin_lock(&p->p_lock);
	p->p_flag |= P_WEXIT;		/* no new RFTHREAD peers, no signals */
	spin_unlock(&p->p_lock);
	proc_thread_exit(p);

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
	/* LAB vfork: begin
	 * An exiting vfork child lets its parent run again, once it has
	 * left the shared address space.
	 */
	vfork_release(p);		/* after the address space is dropped */
	/* LAB vfork: end */

	if (signo != 0 && (signo == SIGSEGV || signo == SIGBUS ||
	    signo == SIGILL || signo == SIGFPE || signo == SIGSYS))
		printf("pid %d (%s), uid %d: exited on signal %d\n", p->p_pid,
		    p->p_comm, p->p_ucred->cr_uid, signo);
	spin_lock(&p->p_lock);
	p->p_itimer_next = 0;
	spin_unlock(&p->p_lock);

	spin_lock(&proctree_lock);
	proc_reparent_children(p);
	if (p->p_pgrp != NULL && p->p_pgrp->pg_session->s_leader == p)
		p->p_pgrp->pg_session->s_leader = NULL;
	xstat = signo != 0 ? W_EXITCODE(0, signo) : W_EXITCODE(rval & 0xff, 0);
	/* With a process descriptor open, the parent hears nothing. */
	notify = !procdesc_exit(p, xstat);
	/*
	 * A parent that ignores SIGCHLD or set SA_NOCLDWAIT keeps no
	 * zombies: the reaper (init) collects this one, as on FreeBSD --
	 * unless a descriptor is open, which keeps waitpid(pid) working.
	 */
	if (notify && p->p_pptr != initproc && (p->p_pptr->p_sigacts->ps_flag &
	    (PS_NOCLDWAIT | PS_CLDSIGIGN))) {
		struct proc *parent = p->p_pptr;

		proc_reparent(p, proc_reaper_of(parent));
		wakeup(parent);		/* a wait may now have no children */
	}
	(void)console_session_leader_exit(p);	/* the console is free */
	spin_lock(&p->p_lock);
	p->p_flag |= P_WEXIT;
	p->p_xstat = xstat;
	p->p_state = PRS_ZOMBIE;
	if (notify)
		childproc_exited(p);
	/* p_lock is still held: the parent cannot reap us until we are off
	 * this stack (the scheduler drops it). */
	wakeup(p->p_pptr);
	spin_unlock(&proctree_lock);
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
/*
 * p is going: if it was the last process of a reaper subtree, that
 * subtree's id (a pid) is free again.  proctree_lock held.
 */
static void
reap_id_release(struct proc *p)
{
	pid_t id = p->p_reapsubtree;
	struct proc *q;

	if (id == 0 || !reap_id_in_use(id))
		return;
	for (q = proc; q < &proc[NPROC]; q++)
		if (q != p && q->p_state != PRS_UNUSED &&
		    q->p_reapsubtree == id)
			return;
	reap_id_set(id, 0);
}

void
proc_reap(struct proc *parent, struct proc *p)
{
	spin_lock(&p->p_lock);		/* wait out the exiting hart */
	spin_unlock(&p->p_lock);
	parent->p_nchildren--;
	nprocs--;
	pgrp_leave(p);
	reap_id_release(p);
	/* With a descriptor open, the pid stays taken until it closes. */
	if (p->p_procdesc != NULL)
		procdesc_reap(p);
	else
		pid_bitmap_set(p->p_pid, 0);
	proc_free_kstack(p);
	(void)chgproccnt(p->p_ucred->cr_ruid, -1, 0);
	crfree(p->p_ucred);
	p->p_ucred = NULL;
	sigacts_free(p->p_sigacts);
	p->p_sigacts = NULL;
	lim_free(p->p_limit);
	p->p_limit = NULL;
	proc_free(p);
}

/*
 * Does child q match wait's pid and options?  FreeBSD's filter for exit
 * signals (FORK.md Part 1, 11): without WLINUXCLONE only children whose
 * exit signal is SIGCHLD, with it only the others, __WALL both; a reaper
 * (init included) sees all its children.
 */
static int
wait_matches(struct proc *q, struct proc *parent, pid_t pid, int options)
{
	pid_t pgid;

	if (q->p_pptr != parent || q->p_state == PRS_UNUSED ||
	    q->p_state == PRS_NEW)
		return (0);
	if (!(options & __WALL) && parent != initproc &&
	    !(parent->p_flag & P_TREE_REAPER) &&
	    ((q->p_exitsig != SIGCHLD) != ((options & WLINUXCLONE) != 0)))
		return (0);
	if (pid == WAIT_ANY)
		return (q->p_procdesc == NULL);	/* pdwait or waitpid(pid) */
	if (pid > 0)
		return (q->p_pid == pid);
	pgid = pid == 0 ? parent->p_pgrp->pg_id : -pid;
	return (q->p_pgrp != NULL && q->p_pgrp->pg_id == pgid);
}

/*
 * wait4(pid, status, options, rusage): wait for a child to exit, or with
 * WUNTRACED to stop, or with WCONTINUED to be continued.  pid -1 means any
 * child, 0 one in the caller's group, < -1 one in group -pid.  WNOHANG
 * returns 0 at once if none is ready.  ECHILD if no child matches.
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
			if (!wait_matches(q, p, uap->pid, uap->options))
				continue;
			nfound++;
			if (q->p_state != PRS_ZOMBIE) {
				if (!sig_stopped_report(q, uap->options,
				    &status))
					continue;
				pid = q->p_pid;
				spin_unlock(&proctree_lock);
				p->p_retval[0] = pid;
				if (uap->status != NULL)
					return (copyout(&status, uap->status,
					    sizeof(status)));
				return (0);
			}
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
