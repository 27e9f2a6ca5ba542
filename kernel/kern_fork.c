/*
 * kern_fork.c: making processes.  fork1() reads top to bottom like
 * FreeBSD's: check the request, check the limits, allocate the process
 * and its kernel stack, copy or share each part of the parent, link the
 * child into the tree, and make it runnable.  Each failure undoes the
 * steps before it, in reverse order.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "trap.h"
#include "vm_map.h"
#include "file.h"
#include "ucred.h"
#include "fork.h"
#include "sysproto.h"
#include "sysctl.h"
#include "vm_page.h"
#include "signalvar.h"
#include "resourcevar.h"
#include <sys/unistd.h>

int maxproc = NPROC;		/* kern.maxproc */
SYSCTL_INT("kern.maxproc", CTLFLAG_RW, &maxproc, 20, NPROC,
    "most processes at once (the table holds NPROC)");

/*
 * Size the process limit to memory, as FreeBSD caps it: one process per
 * 12 physical pages at most, so the limit is met before memory runs out.
 */
void
fork_init(void)
{
	maxproc = MIN(NPROC, (int)(v_page_count / 12));
}

void	fork_trampoline(void);

/* The kernel itself, pid 0: the parent of init and of kernel processes. */
struct proc proc0;

/*
 * The child's machine state: its trap frame is the parent's, returning 0
 * (a0 = 0, a1 = 0, t0 = 0: FreeBSD's RISC-V convention), and its first
 * cpu_switch lands in fork_trampoline, which calls fork_exit(callout,
 * arg, frame).
 */
static void
cpu_fork(struct proc *p1, struct proc *p2, fork_callout_t *callout,
    void *arg)
{
	if (p1->p_frame != NULL)
		*p2->p_frame = *p1->p_frame;
	else
		memset(p2->p_frame, 0, sizeof(*p2->p_frame));
	p2->p_frame->tf_a[0] = 0;
	p2->p_frame->tf_a[1] = 0;
	p2->p_frame->tf_t[0] = 0;

	memset(&p2->p_ctx, 0, sizeof(p2->p_ctx));
	p2->p_ctx.ra = (uint64)fork_trampoline;
	p2->p_ctx.sp = (uint64)p2->p_frame;
	p2->p_ctx.s[1] = (uint64)callout;
	p2->p_ctx.s[2] = (uint64)arg;
	p2->p_ctx.s[3] = (uint64)p2->p_frame;
}

/* The address space: shared with RFMEM, else copied. */
static int
fork_vmspace(struct proc *p1, struct proc *p2, int flags)
{
	if (flags & RFMEM) {
		p2->p_vmspace = vmspace_hold(p1->p_vmspace);
		return (0);
	}
	return (vmspace_fork(p1->p_vmspace, &p2->p_vmspace));
}

/*
 * The fd table and current directory: RFCFDG gives an empty table,
 * RFFDG a copy, neither shares the parent's.  The directory follows the
 * table (copied with RFFDG or RFCFDG, else shared).
 */
static int
fork_files(struct proc *p1, struct proc *p2, int flags)
{
	if (flags & RFCFDG)
		p2->p_fd = fdinit();
	else if (flags & RFFDG)
		p2->p_fd = fdcopy(p1->p_fd);
	else
		p2->p_fd = fdshare(p1->p_fd);
	if (p2->p_fd == NULL)
		return (ENOMEM);
	if (p1->p_pwd == NULL)
		return (0);		/* proc0 has none before the mount */
	if (flags & (RFFDG | RFCFDG))
		p2->p_pwd = pwd_copy(p1->p_pwd);
	else
		p2->p_pwd = pwd_hold(p1->p_pwd);
	if (p2->p_pwd == NULL) {
		fdfree(p2->p_fd);
		p2->p_fd = NULL;
		return (ENOMEM);
	}
	return (0);
}

static void
fork_files_undo(struct proc *p2)
{
	if (p2->p_pwd != NULL)
		pwd_drop(p2->p_pwd);
	fdfree(p2->p_fd);
	p2->p_pwd = NULL;
	p2->p_fd = NULL;
}

/*
 * Signal actions: copied (shared with RFSIGSHARE, a later step).  The
 * mask is inherited; nothing is pending in the child.  ENOMEM.
 */
static int
fork_sigacts(struct proc *p1, struct proc *p2, int flags)
{
	if ((p2->p_sigacts = sigacts_alloc()) == NULL)
		return (ENOMEM);
	sigacts_copy(p2->p_sigacts, p1->p_sigacts);
	p2->p_sigmask = p1->p_sigmask;
	return (0);
}

/*
 * Link the child into the tree under a new pid, in its parent's process
 * group, with its parent's reaper, and let it go (unless RFSTOPPED: then
 * the caller starts it).  Cannot fail.  Called with proctree_lock held;
 * releases it.
 */
static void
do_fork(struct proc *p1, struct proc *p2, struct fork_req *fr, pid_t pid)
{
	p2->p_pid = pid;
	p2->p_pptr = p1;
	p1->p_nchildren++;
	if (p1->p_pgrp != NULL)
		pgrp_join(p2, p1->p_pgrp);
	p2->p_reaper = (p1->p_flag & P_TREE_REAPER) ? p1 : p1->p_reaper;
	p2->p_exitsig = SIGCHLD;
	spin_unlock(&proctree_lock);

	if (fr->fr_pidp != NULL)
		*fr->fr_pidp = pid;
	if (fr->fr_procp != NULL)
		*fr->fr_procp = p2;
	/* Hook point: a kqueue NOTE_FORK event would be posted here. */
	if ((fr->fr_flags & RFSTOPPED) == 0) {
		spin_lock(&p2->p_lock);
		setrunnable(p2);
		spin_unlock(&p2->p_lock);
	}
}

/*
 * debug.fail_point.fork_page_alloc = N (root): in this process's next
 * fork, page allocation number N (from 0) fails, so that a test can walk
 * fork1's unwinding one step at a time and check nothing leaks.
 */
static int fork_failpoint_request = -1;

static void
fork_failpoint_arm(struct proc *p)
{
	if (p->p_failpoint < 0) {
		p->p_failcount = -p->p_failpoint - 1;
		p->p_failpoint = 1;
	} else
		p->p_failpoint = 0;
}

static int
sysctl_fork_failpoint(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	int val = fork_failpoint_request, error;

	if ((error = sysctl_out(req, &val, sizeof(val))) != 0 ||
	    req->newp == NULL)
		return (error);
	if ((error = sysctl_in(req, &val, sizeof(val))) != 0)
		return (error);
	if (val < -1 || val > 1000000)
		return (EINVAL);
	/* Stored negated until the fork arms it: -(N + 1), 0 for none. */
	req->p->p_failpoint = val >= 0 ? -(val + 1) : 0;
	return (0);
}
SYSCTL_PROC("debug.fail_point.fork_page_alloc", CTLTYPE_INT, CTLFLAG_RW,
    NULL, sysctl_fork_failpoint,
    "fail page allocation N of this process's next fork (-1: off)");

/*
 * Make a new process as the request says.  Returns 0 or an errno:
 * EAGAIN when the process table or the pid space is full, ENOMEM when
 * memory runs out.  May sleep.
 */
int
fork1(struct proc *p1, struct fork_req *fr)
{
	struct proc *p2;
	int flags = fr->fr_flags, error;
	rlim_t nproc_limit;
	pid_t pid;

	if ((flags & RFPROC) == 0)
		return (EINVAL);	/* rfork without RFPROC comes later */
	fork_failpoint_arm(p1);

	/* The table: count the new process first, as FreeBSD does. */
	spin_lock(&proctree_lock);
	if (nprocs + 1 > maxproc) {
		spin_unlock(&proctree_lock);
		error = EAGAIN;
		goto fail_disarm;
	}
	nprocs++;
	spin_unlock(&proctree_lock);
	if ((p2 = proc_alloc()) == NULL) {
		error = EAGAIN;
		goto fail0;
	}
	if ((error = proc_alloc_kstack(p2)) != 0)
		goto fail1;
	if ((error = fork_vmspace(p1, p2, flags)) != 0)
		goto fail2;
	if ((error = fork_files(p1, p2, flags)) != 0)
		goto fail3;
	if ((error = fork_sigacts(p1, p2, flags)) != 0)
		goto fail4;

	/* The real uid's process count: RLIMIT_NPROC, root exempt. */
	p2->p_ucred = crhold(p1->p_ucred);
	nproc_limit = priv_check_cred(p1->p_ucred, PRIV_ROOT) == 0 ?
	    RLIM_INFINITY : lim_cur(p1, RLIMIT_NPROC);
	if ((error = chgproccnt(p1->p_ucred->cr_ruid, 1, nproc_limit)) != 0)
		goto fail5;
	p2->p_limit = lim_hold(p1->p_limit);

	if (fr->fr_flags2 & FR2_KPROC) {
		p2->p_flag |= P_SYSTEM;
		strlcpy(p2->p_comm, fr->fr_name, sizeof(p2->p_comm));
	} else
		memcpy(p2->p_comm, p1->p_comm, sizeof(p2->p_comm));
	p2->p_start = ticks;
	cpu_fork(p1, p2, fr->fr_func != NULL ? fr->fr_func : fork_return,
	    fr->fr_arg);

	spin_lock(&proctree_lock);
	if ((pid = fork_findpid(flags)) == 0) {
		spin_unlock(&proctree_lock);
		error = EAGAIN;
		goto fail6;
	}
	do_fork(p1, p2, fr, pid);	/* releases proctree_lock */
	p1->p_failpoint = 0;
	return (0);

fail6:
	lim_free(p2->p_limit);
	p2->p_limit = NULL;
	(void)chgproccnt(p1->p_ucred->cr_ruid, -1, 0);
fail5:
	crfree(p2->p_ucred);
	p2->p_ucred = NULL;
	sigacts_free(p2->p_sigacts);
	p2->p_sigacts = NULL;
fail4:
	fork_files_undo(p2);
fail3:
	vmspace_free(p2->p_vmspace);
	p2->p_vmspace = NULL;
fail2:
	proc_free_kstack(p2);
fail1:
	proc_free(p2);
fail0:
	spin_lock(&proctree_lock);
	nprocs--;
	spin_unlock(&proctree_lock);
fail_disarm:
	p1->p_failpoint = 0;
	return (error);
}

/*
 * Every new process starts here, on its own kernel stack, holding the
 * p_lock that the scheduler took for it (FreeBSD's fork_exit).  User
 * processes go on to user mode; a kernel process that returns from its
 * function is reported and exits.
 */
void
fork_exit(fork_callout_t *callout, void *arg, struct trapframe *frame)
{
	struct proc *p = curproc;

	spin_unlock(&p->p_lock);
	callout(arg, frame);
	if (p->p_flag & P_SYSTEM) {
		printf("kernel process %d (%s) returned from its function\n",
		    p->p_pid, p->p_comm);
		exit1(p, 0, 0);
	}
	userret(frame);
}

/* A forked user child's first step: nothing to do yet but return. */
void
fork_return(void *arg, struct trapframe *frame)
{
}

int
kproc_create(fork_callout_t *func, void *arg, struct proc **procp,
    const char *name)
{
	struct fork_req fr;

	memset(&fr, 0, sizeof(fr));
	fr.fr_flags = RFMEM | RFFDG | RFPROC | RFSTOPPED | RFHIGHPID;
	fr.fr_flags2 = FR2_KPROC;
	fr.fr_procp = procp;
	fr.fr_func = func;
	fr.fr_arg = arg;
	fr.fr_name = name;
	return (fork1(&proc0, &fr));
}

int
sys_fork(struct proc *p, struct fork_args *uap)
{
	struct fork_req fr;
	pid_t pid;
	int error;

	memset(&fr, 0, sizeof(fr));
	fr.fr_flags = RFFDG | RFPROC;
	fr.fr_pidp = &pid;
	if ((error = fork1(p, &fr)) == 0) {
		p->p_retval[0] = pid;
		p->p_retval[1] = 0;
	}
	return (error);
}
