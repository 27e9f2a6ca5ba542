/*
 * kern_fork.c: making processes.
 *
 * Every way to make a process (fork, vfork, rfork, __clone, posix_spawn's
 * rfork(RFSPAWN), kernel processes) fills a fork request and calls
 * fork1(), as in FreeBSD.  fork1() reads top to bottom: check the
 * request, check the limits, allocate the process and its kernel stack,
 * copy or share each part of the parent, link the child into the tree
 * (do_fork), and make it runnable.  Each failure undoes the steps before
 * it, in reverse order, and pauses kern.forkfsleep milliseconds.
 * The child's first steps are fork_exit() and fork_return().
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
#include <sys/sched.h>
#include <sys/procdesc.h>
#include "procdesc.h"

/* ---- tunables and statistics ---- */

int maxproc = NPROC;		/* kern.maxproc */
SYSCTL_INT("kern.maxproc", CTLFLAG_RW, &maxproc, 20, NPROC,
    "most processes at once (the table holds NPROC)");

/* NetBSD's kern.forkfsleep: milliseconds a failed fork pauses. */
static int forkfsleep = 500;
SYSCTL_INT("kern.forkfsleep", CTLFLAG_RW, &forkfsleep, 0, 20000,
    "milliseconds a failed fork sleeps before returning");

/* FreeBSD's vm.stats.vm fork counters (vm_meter.c), classified as there. */
static volatile unsigned long v_forks, v_vforks, v_rforks, v_kthreads;
static volatile unsigned long v_forkpages, v_vforkpages, v_rforkpages,
    v_kthreadpages;
SYSCTL_ULONG("vm.stats.vm.v_forks", CTLFLAG_RD, &v_forks,
    "fork() calls");
SYSCTL_ULONG("vm.stats.vm.v_vforks", CTLFLAG_RD, &v_vforks,
    "vfork() calls");
SYSCTL_ULONG("vm.stats.vm.v_rforks", CTLFLAG_RD, &v_rforks,
    "rfork() calls");
SYSCTL_ULONG("vm.stats.vm.v_kthreads", CTLFLAG_RD, &v_kthreads,
    "fork() calls by the kernel");
SYSCTL_ULONG("vm.stats.vm.v_forkpages", CTLFLAG_RD, &v_forkpages,
    "pages of fork() children");
SYSCTL_ULONG("vm.stats.vm.v_vforkpages", CTLFLAG_RD, &v_vforkpages,
    "pages of vfork() children");
SYSCTL_ULONG("vm.stats.vm.v_rforkpages", CTLFLAG_RD, &v_rforkpages,
    "pages of rfork() children");
SYSCTL_ULONG("vm.stats.vm.v_kthreadpages", CTLFLAG_RD, &v_kthreadpages,
    "pages of kernel processes");

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
    void *arg, void *stack)
{
	if (p1->p_frame != NULL)
		*p2->p_frame = *p1->p_frame;
	else
		memset(p2->p_frame, 0, sizeof(*p2->p_frame));
	p2->p_frame->tf_a[0] = 0;
	p2->p_frame->tf_a[1] = 0;
	p2->p_frame->tf_t[0] = 0;
	if (stack != NULL)
		p2->p_frame->tf_sp = (uint64)stack;	/* __clone */

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
 * table (copied with RFFDG or RFCFDG, else shared), except that __clone
 * decides it on its own (FR2_SHARE_PATHS, from CLONE_FS).
 */
static int
fork_files(struct proc *p1, struct proc *p2, int flags, int flags2)
{
	int share_pwd;

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
	if (flags2 & FR2_PATHS_EXPLICIT)
		share_pwd = (flags2 & FR2_SHARE_PATHS) != 0;
	else
		share_pwd = (flags & (RFFDG | RFCFDG)) == 0;
	p2->p_pwd = share_pwd ? pwd_hold(p1->p_pwd) : pwd_copy(p1->p_pwd);
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
 * RFSPAWN: every signal with a handler goes back to its default action
 * in the child, and a pending one whose default is to ignore is dropped.
 * Ignored signals stay ignored (what FreeBSD's sig_drop_caught does; its
 * man page says all actions are reset).
 */
static void
sig_drop_caught(struct proc *p)
{
	struct sigacts *ps = p->p_sigacts;
	int sig;

	for (sig = 1; sig <= _SIG_MAXSIG; sig++) {
		if (!sigismember_k(&ps->ps_sigcatch, sig))
			continue;
		ps->ps_sigact[_SIG_IDX(sig)] = SIG_DFL;
		ps->ps_saflags[_SIG_IDX(sig)] = 0;
		sigdelset_k(&ps->ps_sigcatch, sig);
		if (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
		    sig == SIGINFO || sig == SIGIO || sig == SIGCONT)
			sigdelset_k(&p->p_siglist, sig);
	}
}

/*
 * Signal actions: shared with RFSIGSHARE, else copied.  The mask is
 * inherited; nothing is pending in the child.  ENOMEM.
 */
static int
fork_sigacts(struct proc *p1, struct proc *p2, int flags, int flags2)
{
	if (flags & RFSIGSHARE)
		p2->p_sigacts = sigacts_hold(p1->p_sigacts);
	else {
		if ((p2->p_sigacts = sigacts_alloc()) == NULL)
			return (ENOMEM);
		sigacts_copy(p2->p_sigacts, p1->p_sigacts);
	}
	p2->p_sigmask = p1->p_sigmask;
	if (flags2 & FR2_DROPSIG_CAUGHT)
		sig_drop_caught(p2);
	if (flags2 & FR2_KPROC)
		p2->p_sigacts->ps_flag |= PS_NOCLDWAIT;
	return (0);
}

/* The signal the parent gets at the child's exit (FORK.md §5.1). */
static int
fork_exitsig(int flags)
{
	if (flags & RFTSIGZMB)
		return (RFTSIGNUM(flags));
	if (flags & RFLINUXTHPN)
		return (SIGUSR1);
	return (SIGCHLD);
}

/* FreeBSD's vm_meter classification: exact flag matches (FORK.md §13). */
static void
fork_count(struct proc *p1, struct proc *p2, int flags)
{
	unsigned long pages = p2->p_vmspace->vm_dsize + p2->p_vmspace->vm_ssize;

	if (flags == (RFFDG | RFPROC)) {
		__atomic_add_fetch(&v_forks, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&v_forkpages, pages, __ATOMIC_RELAXED);
	} else if (flags == (RFFDG | RFPROC | RFPPWAIT | RFMEM)) {
		__atomic_add_fetch(&v_vforks, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&v_vforkpages, pages, __ATOMIC_RELAXED);
	} else if (p1 == &proc0) {
		__atomic_add_fetch(&v_kthreads, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&v_kthreadpages, pages, __ATOMIC_RELAXED);
	} else {
		__atomic_add_fetch(&v_rforks, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&v_rforkpages, pages, __ATOMIC_RELAXED);
	}
}

/*
 * Link the child into the tree under a new pid, in its parent's process
 * group, and let it go (unless RFSTOPPED: then the caller starts it).
 * Cannot fail.  Called with proctree_lock held; releases it.
 */
static void
do_fork(struct proc *p1, struct proc *p2, struct fork_req *fr, pid_t pid,
    struct file *pdfp)
{
	int flags = fr->fr_flags;
	struct proc *leader;

	p2->p_pid = pid;
	/* RFNOWAIT: the child belongs to the reaper from the start. */
	p2->p_pptr = (flags & RFNOWAIT) ? proc_reaper_of(p1) : p1;
	p2->p_pptr->p_nchildren++;
	p2->p_reaper = (p1->p_flag & P_TREE_REAPER) ? p1 : p1->p_reaper;
	if (p2->p_reaper == p1 && p1 != initproc) {
		p2->p_reapsubtree = pid;	/* a new subtree of p1's */
		reap_id_set(pid, 1);
	} else
		p2->p_reapsubtree = p1->p_reapsubtree;
	if (p1->p_pgrp != NULL)
		pgrp_join(p2, p1->p_pgrp);
	p2->p_exitsig = fork_exitsig(flags);
	if (p2->p_pptr != p1)
		p2->p_exitsig = SIGCHLD;	/* the reaper sees it plainly */

	/* RFTHREAD: a peer of the parent's leader. */
	leader = p1->p_leader != NULL ? p1->p_leader : p1;
	if ((flags & RFTHREAD) && leader != &proc0) {
		p2->p_leader = leader;
		p2->p_peers = leader->p_peers;
		leader->p_peers = p2;
		if (leader->p_flag & P_WEXIT)
			kern_psignal(p2, SIGKILL);	/* a dying leader's */
	} else
		p2->p_leader = p2;

	/* vfork: the parent sleeps (vfork_wait) until we exec or exit. */
	/* LAB vfork: begin
	 * RFPPWAIT (vfork, rfork(RFSPAWN)): mark the child P_PPWAIT (its
	 * stop signals wait, see kern_sig.c), let it remember its parent
	 * (p_vforkparent, for vfork_release) and tell the parent to wait
	 * on its way out of the system call (p_vforkwait, see userret).
	 * proctree_lock is held here.
	 */
	if (flags & RFPPWAIT) {
		p2->p_flag |= P_PPWAIT;
		p2->p_vforkparent = p1;
		p1->p_vforkwait = 1;
	}
	/* LAB vfork: end */
	spin_unlock(&proctree_lock);

	if (flags & RFPROCDESC) {
		procdesc_new(p2, pdfp, fr->fr_pd_flags);
		fdrop(pdfp);		/* fork1's own reference */
	}
	fork_count(p1, p2, flags);
	if (fr->fr_pidp != NULL)
		*fr->fr_pidp = pid;
	if (fr->fr_procp != NULL)
		*fr->fr_procp = p2;
	/* Hook point: a kqueue NOTE_FORK event would be posted here. */
	if ((flags & RFSTOPPED) == 0) {
		spin_lock(&p2->p_lock);
		setrunnable(p2);
		spin_unlock(&p2->p_lock);
	}
}

/*
 * rfork without RFPROC (FreeBSD's fork_norfproc): no new process; the
 * caller's own sharing changes.  Without RFMEM a shared address space
 * becomes private; RFCFDG gives the caller an empty fd table (a process
 * sharing the old one keeps its descriptors); RFFDG makes a shared fd
 * table and directory private.  Other flags are ignored.  ENOMEM.
 */
static int
fork_norfproc(struct proc *p, int flags)
{
	/* LAB vfork: begin
	 * rfork without RFPROC changes the caller's own sharing:
	 *  - without RFMEM, an address space shared with others (its
	 *    vm_refcnt > 1) is replaced by a private copy (vmspace_fork,
	 *    vmspace_install, vmspace_free the old one);
	 *  - RFCFDG: a new empty fd table (fdinit), the old one freed;
	 *  - RFFDG: a shared fd table (fd_refcnt > 1) becomes a private
	 *    copy (fdcopy); with either, a shared current directory
	 *    (pwd_refcnt > 1) becomes a copy too (pwd_copy, pwd_drop).
	 * ENOMEM if a copy cannot be made.  The stub ignores every flag.
	 */
	struct vmspace *vm = p->p_vmspace, *nvm;
	struct filedesc *fdp;
	struct pwd *pwd;
	int error;

	if (!(flags & RFMEM) &&
	    __atomic_load_n(&vm->vm_refcnt, __ATOMIC_RELAXED) > 1) {
		if ((error = vmspace_fork(vm, &nvm)) != 0)
			return (error);
		vmspace_free(vmspace_install(p, nvm));
	}
	if (flags & (RFCFDG | RFFDG)) {
		fdp = (flags & RFCFDG) ? fdinit() :
		    __atomic_load_n(&p->p_fd->fd_refcnt, __ATOMIC_RELAXED) > 1 ?
		    fdcopy(p->p_fd) : NULL;
		if (fdp == NULL && (flags & RFCFDG))
			return (ENOMEM);
		if (fdp != NULL) {
			struct filedesc *old = p->p_fd;

			p->p_fd = fdp;
			fdfree(old);
		}
		if (p->p_pwd != NULL && __atomic_load_n(&p->p_pwd->pwd_refcnt,
		    __ATOMIC_RELAXED) > 1) {
			if ((pwd = pwd_copy(p->p_pwd)) == NULL)
				return (ENOMEM);
			pwd_drop(p->p_pwd);
			p->p_pwd = pwd;
		}
	}
	return (0);
	/* LAB vfork: end */
	/* LAB vfork: stub
	return (0);
	*/
}

/*
 * The entry checks of fork1 (FORK.md §3.4 steps 1-7): EINVAL or 0.
 * pdfork calls it too, before it checks its fdp (Part 1, 6).
 */
int
fork_check_request(int flags, int pdflags)
{
	if (flags & ~(RFFLAGS | RFTSIGFLAGS(RFTSIGMASK)))
		return (EINVAL);	/* undefined or unimplemented flags */
	/* LAB vfork: begin
	 * Two more rules for the flags: a signal number in
	 * RFTSIGFLAGS (RFTSIGNUM) is only allowed with RFTSIGZMB, and
	 * RFFDG (copy the fd table) and RFCFDG (clear it) exclude each
	 * other.  EINVAL for either.
	 */
	if (RFTSIGNUM(flags) != 0 && !(flags & RFTSIGZMB))
		return (EINVAL);	/* a signal needs RFTSIGZMB */
	if ((flags & (RFFDG | RFCFDG)) == (RFFDG | RFCFDG))
		return (EINVAL);	/* cannot copy and clear */
	/* LAB vfork: end */
	if ((flags & RFTSIGZMB) && RFTSIGNUM(flags) > _SIG_MAXSIG)
		return (EINVAL);	/* invalid signal */
	if ((flags & RFPROCDESC) && !(flags & RFPROC))
		return (EINVAL);	/* a descriptor needs a process */
	if ((flags & RFPROCDESC) && (pdflags & ~PD_ALLOWED_AT_FORK))
		return (EINVAL);	/* unknown descriptor flags */
	return (0);
}

/*
 * The table check (FORK.md Part 1, 6 and 8): a user may not take the
 * last ten slots of kern.maxproc, root may.  Says so on the console at
 * most once a second, as FreeBSD does.
 */
static int
fork_check_maxproc(struct proc *p1)
{
	static uint64 last_message;
	int root = priv_check_cred(p1->p_ucred, PRIV_ROOT) == 0;

	spin_lock(&proctree_lock);
	if (nprocs >= maxproc - (root ? 0 : 10)) {
		spin_unlock(&proctree_lock);
		if (ticks - last_message >= HZ || last_message == 0) {
			last_message = ticks;
			printf("maxproc limit exceeded by uid %u (pid %d); "
			    "see tuning(7) and login.conf(5)\n",
			    p1->p_ucred->cr_ruid, p1->p_pid);
		}
		return (EAGAIN);
	}
	nprocs++;
	spin_unlock(&proctree_lock);
	return (0);
}

/* A failed fork pauses kern.forkfsleep ms, not interruptibly (FreeBSD). */
static void
fork_pause(void)
{
	int ms = forkfsleep;

	if (ms > 0)
		(void)msleep((void *)&forkfsleep, NULL, 0, "forkfs",
		    (ms * HZ + 999) / 1000);
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
 * Make a new process as the request says (or, without RFPROC, change the
 * caller's sharing).  Returns 0 or an errno: EINVAL for a bad request,
 * EAGAIN when the process table, the pid space or the caller's
 * RLIMIT_NPROC is full, ENOMEM when memory runs out, ERESTART when a
 * signal is pending (the call runs again after its handler).  May sleep.
 */
int
fork1(struct proc *p1, struct fork_req *fr)
{
	struct proc *p2;
	struct file *pdfp = NULL;
	int flags = fr->fr_flags, error;
	rlim_t nproc_limit;
	pid_t pid;

	if ((error = fork_check_request(flags, fr->fr_pd_flags)) != 0)
		return (error);
	if ((flags & RFPROCDESC) && fr->fr_pd_fd == NULL)
		return (EINVAL);	/* kernel misuse */
	if (!(flags & RFPROC)) {
		if (fr->fr_pidp != NULL)
			*fr->fr_pidp = 0;
		return (fork_norfproc(p1, flags));
	}
	fork_failpoint_arm(p1);
	if ((error = fork_check_maxproc(p1)) != 0)
		goto fail_pause;
	/*
	 * A quick look at RLIMIT_NPROC before building anything (the check
	 * that counts is step 17, below): a user's fork bomb retrying at its
	 * limit then costs microseconds a try instead of a whole fork and
	 * its undoing, which kept root from the CPU at CPUS=1.
	 */
	nproc_limit = priv_check_cred(p1->p_ucred, PRIV_ROOT) == 0 ?
	    RLIM_INFINITY : lim_cur(p1, RLIMIT_NPROC);
	if ((rlim_t)uid_proccnt(p1->p_ucred->cr_ruid) >= nproc_limit) {
		error = EAGAIN;
		goto fail0;
	}
	/* No escape from a signal (a group kill) by forking: retry after. */
	spin_lock(&p1->p_lock);
	error = p1 != &proc0 && sig_deliverable(p1) ? ERESTART : 0;
	spin_unlock(&p1->p_lock);
	if (error != 0)
		goto fail0;
	/* The descriptor first: a full table fails before anything else. */
	if ((flags & RFPROCDESC) && (error = procdesc_falloc(p1,
	    fr->fr_pd_flags, &pdfp, fr->fr_pd_fd)) != 0)
		goto fail0;
	if ((p2 = proc_alloc()) == NULL) {
		error = EAGAIN;
		goto fail_pd;
	}
	if ((error = proc_alloc_kstack(p2)) != 0)
		goto fail1;
	if ((error = fork_vmspace(p1, p2, flags)) != 0)
		goto fail2;
	if ((error = fork_files(p1, p2, flags, fr->fr_flags2)) != 0)
		goto fail3;
	if ((error = fork_sigacts(p1, p2, flags, fr->fr_flags2)) != 0)
		goto fail4;

	/* The real uid's process count: RLIMIT_NPROC, root exempt. */
	p2->p_ucred = crhold(p1->p_ucred);
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
	    fr->fr_arg, fr->fr_stack);

	spin_lock(&proctree_lock);
	/*
	 * No escape from a group kill (FORK.md Part 1, 7): a kill scans
	 * the table holding proctree_lock, so a signal that missed the
	 * child is pending on us now.  Then restart, after its handler.
	 */
	if (p1 != &proc0) {
		spin_lock(&p1->p_lock);
		error = sig_deliverable(p1) ? ERESTART : 0;
		spin_unlock(&p1->p_lock);
		if (error != 0) {
			spin_unlock(&proctree_lock);
			goto fail6;
		}
	}
	if ((pid = fork_findpid(flags)) == 0) {
		spin_unlock(&proctree_lock);
		error = EAGAIN;
		goto fail6;
	}
	do_fork(p1, p2, fr, pid, pdfp);	/* releases proctree_lock */
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
fail_pd:
	if (flags & RFPROCDESC)
		procdesc_abandon(p1, *fr->fr_pd_fd, pdfp);
fail0:
	spin_lock(&proctree_lock);
	nprocs--;
	spin_unlock(&proctree_lock);
fail_pause:
	p1->p_failpoint = 0;
	if (error != ERESTART)
		fork_pause();
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

/*
 * The vfork parent's wait, on its way back to user mode (FreeBSD's
 * ast_vfork): until the child execs or exits.  Signals do not end it;
 * a stop still stops the parent, as on FreeBSD.
 */
void
vfork_wait(struct proc *p)
{
	/* LAB vfork: begin
	 * Sleep (msleep on &p->p_vforkwait, under proctree_lock) until
	 * vfork_release clears p->p_vforkwait.  Wake every tenth of a
	 * second to honour a stop signal (sig_stop_check, which must be
	 * called without proctree_lock).  Signals do not end the wait.
	 */
	spin_lock(&proctree_lock);
	while (p->p_vforkwait) {
		(void)msleep(&p->p_vforkwait, &proctree_lock, 0, "ppwait",
		    HZ / 10);
		if (!p->p_vforkwait)
			break;
		spin_unlock(&proctree_lock);
		sig_stop_check(p);
		spin_lock(&proctree_lock);
	}
	spin_unlock(&proctree_lock);
	/* LAB vfork: end */
}

/*
 * The vfork child has exec'd or is exiting: its parent may run again.
 * The child holds the parent's pointer, not the other way round, so the
 * parent never touches a child that may be gone (NetBSD's old bug).
 */
void
vfork_release(struct proc *child)
{
	/* LAB vfork: begin
	 * Under proctree_lock: if the child still has a vfork parent,
	 * forget it, clear the parent's p_vforkwait and wake it up.
	 * Then, under the child's p_lock, clear P_PPWAIT in its p_flag.
	 */
	struct proc *parent;

	spin_lock(&proctree_lock);
	if ((parent = child->p_vforkparent) != NULL) {
		child->p_vforkparent = NULL;
		parent->p_vforkwait = 0;
		wakeup(&parent->p_vforkwait);
	}
	spin_unlock(&proctree_lock);
	spin_lock(&child->p_lock);
	child->p_flag &= ~P_PPWAIT;	/* its held stop signals may act */
	spin_unlock(&child->p_lock);
	/* LAB vfork: end */
}

/*
 * RFTHREAD at exit: a peer leaves its leader's list; a leader kills its
 * peers and waits until they are gone (FORK.md Part 1, 13).
 */
void
proc_thread_exit(struct proc *p)
{
	struct proc *leader, **pp, *q;

	spin_lock(&proctree_lock);
	leader = p->p_leader;
	if (leader != NULL && leader != p) {
		for (pp = &leader->p_peers; *pp != NULL; pp = &(*pp)->p_peers)
			if (*pp == p) {
				*pp = p->p_peers;
				break;
			}
		p->p_peers = NULL;
		wakeup(&leader->p_peers);
	} else {
		while (p->p_peers != NULL) {
			for (q = p->p_peers; q != NULL; q = q->p_peers)
				kern_psignal(q, SIGKILL);
			(void)msleep(&p->p_peers, &proctree_lock, 0, "pwait",
			    HZ / 10);
		}
	}
	spin_unlock(&proctree_lock);
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

/* ---- the system calls: each builds a request for fork1 ---- */

static int
fork_syscall(struct proc *p, int flags, int flags2, void *stack)
{
	struct fork_req fr;
	pid_t pid = 0;
	int error;

	memset(&fr, 0, sizeof(fr));
	fr.fr_flags = flags;
	fr.fr_flags2 = flags2;
	fr.fr_pidp = &pid;
	fr.fr_stack = stack;
	if ((error = fork1(p, &fr)) == 0) {
		p->p_retval[0] = pid;
		p->p_retval[1] = 0;
	}
	return (error);
}

int
sys_fork(struct proc *p, struct fork_args *uap)
{
	return (fork_syscall(p, RFFDG | RFPROC, 0, NULL));
}

int
sys_vfork(struct proc *p, struct vfork_args *uap)
{
	return (fork_syscall(p, RFFDG | RFPROC | RFPPWAIT | RFMEM, 0, NULL));
}

/*
 * rfork(flags), FreeBSD's checks first (FORK.md §3.1): kernel-only flags
 * and RFSPAWN with anything else are EINVAL; RFSPAWN means vfork with
 * caught signals reset.  fork1 checks the rest.
 */
int
sys_rfork(struct proc *p, struct rfork_args *uap)
{
	unsigned int flags = uap->flags;

	if (flags & RFKERNELONLY)
		return (EINVAL);
	if ((flags & RFSPAWN) && flags != RFSPAWN)
		return (EINVAL);
	if (flags == RFSPAWN)
		return (fork_syscall(p, RFFDG | RFPROC | RFPPWAIT | RFMEM,
		    FR2_DROPSIG_CAUGHT, NULL));
	return (fork_syscall(p, flags, 0, NULL));
}

/*
 * NetBSD's __clone(flags, stack), translated into the same request
 * (FORK.md Part 1, 3-4): CLONE_VM = RFMEM, CLONE_FILES shares the fd
 * table, CLONE_FS the directory, CLONE_SIGHAND = RFSIGSHARE,
 * CLONE_VFORK = RFPPWAIT; the low byte is the exit signal.  The child
 * starts on stack.
 */
int
sys_clone(struct proc *p, struct clone_args *uap)
{
	int flags = uap->flags, sig = flags & CLONE_CSIGNAL, rf = RFPROC;
	int flags2 = FR2_PATHS_EXPLICIT;

	if (flags & (CLONE_PTRACE | CLONE_PID))
		return (EINVAL);
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return (EINVAL);
	if (sig > _SIG_MAXSIG)
		return (EINVAL);
	if (flags & CLONE_VM)
		rf |= RFMEM;
	if (!(flags & CLONE_FILES))
		rf |= RFFDG;
	if (flags & CLONE_SIGHAND)
		rf |= RFSIGSHARE;
	if (flags & CLONE_VFORK)
		rf |= RFPPWAIT;
	if (flags & CLONE_FS)
		flags2 |= FR2_SHARE_PATHS;
	if (sig != SIGCHLD)
		rf |= RFTSIGZMB | RFTSIGFLAGS(sig);
	return (fork_syscall(p, rf, flags2, uap->stack));
}
