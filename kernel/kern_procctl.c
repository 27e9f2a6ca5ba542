/*
 * kern_procctl.c: procctl(2), the reaper commands (FreeBSD's
 * PROC_REAP_ACQUIRE, PROC_REAP_RELEASE, PROC_REAP_STATUS).  A reaper
 * receives the orphans of its subtree instead of init.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "proc.h"
#include "sysproto.h"
#include <sys/procctl.h>
#include <sys/wait.h>

/*
 * The processes whose reaper is r (its subtree, as FreeBSD counts it),
 * and r's children.  proctree_lock held.
 */
static void
reaper_counts(struct proc *r, u_int *children, u_int *descendants,
    pid_t *child)
{
	struct proc *q;

	*children = *descendants = 0;
	*child = -1;
	for (q = proc; q < &proc[NPROC]; q++) {
		if (q->p_state == PRS_UNUSED || q->p_state == PRS_NEW)
			continue;
		if (q->p_pptr == r) {
			(*children)++;
			if (*child == -1)
				*child = q->p_pid;
		}
		if (proc_reaper_of(q) == r && q != r)
			(*descendants)++;
	}
}

/* Give r's subtree r's own reaper.  proctree_lock held. */
static void
reaper_abandon(struct proc *r)
{
	struct proc *q;

	for (q = proc; q < &proc[NPROC]; q++)
		if (q->p_state != PRS_UNUSED && q->p_reaper == r)
			q->p_reaper = proc_reaper_of(r);
}

int
sys_procctl(struct proc *p, struct procctl_args *uap)
{
	struct procctl_reaper_status rs;
	struct proc *r;
	int error = 0;

	if (uap->idtype != P_PID)
		return (EINVAL);
	if (uap->id != 0 && uap->id != p->p_pid)
		return (EPERM);		/* ours: only the caller itself */
	spin_lock(&proctree_lock);
	switch (uap->com) {
	case PROC_REAP_ACQUIRE:
		if (p->p_flag & P_TREE_REAPER)
			error = EBUSY;
		else
			p->p_flag |= P_TREE_REAPER;
		break;
	case PROC_REAP_RELEASE:
		if (p == initproc || !(p->p_flag & P_TREE_REAPER))
			error = EINVAL;
		else {
			p->p_flag &= ~P_TREE_REAPER;
			reaper_abandon(p);
		}
		break;
	case PROC_REAP_STATUS:
		memset(&rs, 0, sizeof(rs));
		r = (p->p_flag & P_TREE_REAPER) ? p : proc_reaper_of(p);
		if (r == p)
			rs.rs_flags |= REAPER_STATUS_OWNED;
		if (r == initproc)
			rs.rs_flags |= REAPER_STATUS_REALINIT;
		rs.rs_reaper = r->p_pid;
		reaper_counts(r, &rs.rs_children, &rs.rs_descendants,
		    &rs.rs_pid);
		break;
	default:
		error = EINVAL;
		break;
	}
	spin_unlock(&proctree_lock);
	if (error == 0 && uap->com == PROC_REAP_STATUS)
		error = copyout(&rs, uap->data, sizeof(rs));
	return (error);
}
