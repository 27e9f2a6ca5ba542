/*
 * kern_proc.c: the process table, kernel stacks, pid allocation and the
 * process list (^P, kern.proc.all).
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "memlayout.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "trap.h"
#include "pmap.h"
#include "vm_page.h"
#include "vm_map.h"
#include "ucred.h"
#include "sysctl.h"
#include "malloc.h"
#include "resourcevar.h"
#include "sysproto.h"
#include <sys/unistd.h>

struct proc proc[NPROC];
struct proc *initproc;
struct spinlock proctree_lock;	/* parent/child links, the pid space */
int nprocs;			/* (proctree_lock) slots in use */
pid_t lastpid;			/* (proctree_lock) last pid handed out */

void
proc_init(void)
{
	struct proc *p;

	spinlock_init(&proctree_lock, "proctree");
	for (p = proc; p < &proc[NPROC]; p++) {
		spinlock_init(&p->p_lock, "proc");
		p->p_state = PRS_UNUSED;
		p->p_kstack = KSTACK_BASE + (p - proc) * KSTACK_SLOT + PGSIZE;
	}
}

/*
 * Find a free slot and mark it PRS_NEW.  NULL if the table is full.
 * The caller owns the slot until it makes it runnable or frees it.
 */
struct proc *
proc_alloc(void)
{
	struct proc *p;

	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state != PRS_UNUSED)
			continue;
		spin_lock(&p->p_lock);
		if (p->p_state == PRS_UNUSED) {
			p->p_state = PRS_NEW;
			spin_unlock(&p->p_lock);
			return (p);
		}
		spin_unlock(&p->p_lock);
	}
	return (NULL);
}

/* Clear a slot that holds nothing any more and give it back. */
void
proc_free(struct proc *p)
{
	vaddr_t kstack = p->p_kstack;

	spin_lock(&p->p_lock);
	memset((char *)p + sizeof(p->p_lock), 0,
	    sizeof(*p) - sizeof(p->p_lock));
	p->p_kstack = kstack;
	p->p_state = PRS_UNUSED;
	spin_unlock(&p->p_lock);
}

/*
 * Back the slot's kernel stack with frames.  The page below it stays
 * unmapped: a kernel stack overflow faults instead of corrupting memory.
 * The trap frame sits at the top, with the pcpu slot above it.
 */
int
proc_alloc_kstack(struct proc *p)
{
	int i;

	for (i = 0; i < KSTACK_PAGES; i++) {
		paddr_t pa = vm_page_alloc();

		if (pa == 0) {
			while (--i >= 0) {
				vaddr_t va = p->p_kstack + i * PGSIZE;
				paddr_t old = pmap_extract(&kernel_pmap, va);

				pmap_kremove_kstack(va);
				vm_page_unhold(trunc_page(old));
			}
			return (ENOMEM);
		}
		PHYS_TO_VM_PAGE(pa)->flags |= PG_KMEM;
		pmap_kenter_kstack(p->p_kstack + i * PGSIZE, pa);
	}
	p->p_frame = (struct trapframe *)(p->p_kstack + KSTACK_PAGES *
	    PGSIZE - TF_AREA);
	return (0);
}

void
proc_free_kstack(struct proc *p)
{
	int i;

	for (i = 0; i < KSTACK_PAGES; i++) {
		vaddr_t va = p->p_kstack + i * PGSIZE;
		paddr_t pa = pmap_extract(&kernel_pmap, va);

		pmap_kremove_kstack(va);
		vm_page_unhold(trunc_page(pa));
	}
	p->p_frame = NULL;
}

/*
 * Pids in use, one bit each (FreeBSD's proc_id_pidmap): a bit is set
 * from fork until the process is reaped.  proctree_lock guards it.
 */
static uint64 pid_bitmap[(PID_MAX + 64) / 64];

/*
 * Reaper subtree ids: a child made directly by a reaper (not init)
 * roots a subtree named by its pid, which stays reserved while any
 * process of the subtree lives (FreeBSD's PROC_ID_REAP).
 */
static uint64 reap_bitmap[(PID_MAX + 64) / 64];

void
reap_id_set(pid_t pid, int on)
{
	if (on)
		reap_bitmap[pid / 64] |= 1UL << (pid % 64);
	else
		reap_bitmap[pid / 64] &= ~(1UL << (pid % 64));
}

int
reap_id_in_use(pid_t pid)
{
	return ((reap_bitmap[pid / 64] >> (pid % 64)) & 1);
}

int pid_max = PID_MAX;		/* kern.pid_max */
static int randompid;		/* kern.randompid: 0 off, else modulus */
static uint64 pid_rand_state = 0x2545F4914F6CDD1DUL;

static int
pid_bit(pid_t pid)
{
	return ((pid_bitmap[pid / 64] >> (pid % 64)) & 1);
}

void
pid_bitmap_set(pid_t pid, int on)
{
	if (on)
		pid_bitmap[pid / 64] |= 1UL << (pid % 64);
	else
		pid_bitmap[pid / 64] &= ~(1UL << (pid % 64));
}

/* A small deterministic generator (xorshift64*) stands in for arc4random. */
static uint32
pid_random(void)
{
	pid_rand_state ^= pid_rand_state >> 12;
	pid_rand_state ^= pid_rand_state << 25;
	pid_rand_state ^= pid_rand_state >> 27;
	return ((pid_rand_state * 0x2545F4914F6CDD1DUL) >> 32);
}

/*
 * Pick the next pid, as FreeBSD's fork_findpid: lastpid + 1 (plus a
 * random step with kern.randompid), wrapping to 2 at kern.pid_max,
 * skipping pids in use by a process, a process group, a session or a
 * reaper's subtree.
 * RFHIGHPID (kernel processes) starts at 10 and leaves lastpid alone.
 * 0 if every pid is taken.  proctree_lock held.
 */
pid_t
fork_findpid(int flags)
{
	pid_t trypid, result;
	int wrapped = 0;

	trypid = lastpid + 1;
	if (flags & RFHIGHPID) {
		if (trypid < 10)
			trypid = 10;
	} else if (randompid != 0)
		trypid += pid_random() % randompid;
	for (;;) {
		if (trypid >= pid_max) {
			if (wrapped++)
				return (0);
			trypid = 2;
		}
		for (result = trypid; result < pid_max && pid_bit(result);
		    result++)
			;
		if (result >= pid_max) {
			trypid = pid_max;	/* wrap */
			continue;
		}
		if (pid_in_use_as_group(result) || reap_id_in_use(result)) {
			trypid = result + 1;
			continue;
		}
		break;
	}
	if (!(flags & RFHIGHPID))
		lastpid = result;
	pid_bitmap_set(result, 1);
	return (result);
}

/* kern.pid_max: 300..PID_MAX; live pids above a new value stay valid. */
static int
sysctl_pid_max(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	int val = pid_max, error;

	if ((error = sysctl_out(req, &val, sizeof(val))) != 0 ||
	    req->newp == NULL)
		return (error);
	if ((error = sysctl_in(req, &val, sizeof(val))) != 0)
		return (error);
	if (val < 300 || val > PID_MAX)
		return (EINVAL);
	spin_lock(&proctree_lock);
	pid_max = val;
	if (lastpid >= pid_max)
		lastpid = pid_max - 1;
	spin_unlock(&proctree_lock);
	return (0);
}
SYSCTL_PROC("kern.pid_max", CTLTYPE_INT, CTLFLAG_RW, NULL, sysctl_pid_max,
    "pids are below this (300..99999)");

/*
 * kern.randompid, FreeBSD's rules: 0 off; 1 picks a modulus in
 * 100..1123; below 0 or above pid_max - 100 means pid_max - 100; 2..99
 * means 100.  Reads give the modulus in use.
 */
static int
sysctl_randompid(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	int val = randompid, error;

	if ((error = sysctl_out(req, &val, sizeof(val))) != 0 ||
	    req->newp == NULL)
		return (error);
	if ((error = sysctl_in(req, &val, sizeof(val))) != 0)
		return (error);
	if (val == 1)
		val = 100 + pid_random() % 1024;
	else if (val < 0 || val > pid_max - 100)
		val = pid_max - 100;
	else if (val > 1 && val < 100)
		val = 100;
	randompid = val;
	return (0);
}
SYSCTL_PROC("kern.randompid", CTLTYPE_INT, CTLFLAG_RW, NULL,
    sysctl_randompid, "random pid modulus (0: sequential pids)");

/* Find a live process by pid; returned with its p_lock held. */
struct proc *
pfind(pid_t pid)
{
	struct proc *p;

	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state == PRS_UNUSED || p->p_pid != pid)
			continue;
		spin_lock(&p->p_lock);
		if (p->p_state != PRS_UNUSED && p->p_state != PRS_NEW &&
		    p->p_pid == pid)
			return (p);
		spin_unlock(&p->p_lock);
	}
	return (NULL);
}

static const char *
state_name(enum procstate s)
{
	switch (s) {
	case PRS_NEW:
		return ("new");
	case PRS_RUNNABLE:
		return ("runnable");
	case PRS_RUNNING:
		return ("running");
	case PRS_SLEEPING:
		return ("sleep");
	case PRS_STOPPED:
		return ("stopped");
	case PRS_ZOMBIE:
		return ("zombie");
	default:
		return ("?");
	}
}

/* ^P: list the processes without taking locks (it may be a hang). */
void
proc_dump(void)
{
	struct proc *p;

	printf("\n  PID  PPID STATE    CPU WCHAN    COMMAND\n");
	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state == PRS_UNUSED)
			continue;
		printf("%5d %5d %-8s %3d %-8s %s\n", p->p_pid,
		    p->p_pptr != NULL ? p->p_pptr->p_pid : 0,
		    state_name(p->p_state), p->p_cpu,
		    p->p_wmesg != NULL ? p->p_wmesg : "-", p->p_comm);
	}
}

static int
ki_stat(enum procstate s)
{
	switch (s) {
	case PRS_NEW:
		return (SIDL);
	case PRS_SLEEPING:
		return (SSLEEP);
	case PRS_STOPPED:
		return (SSTOP);
	case PRS_ZOMBIE:
		return (SZOMB);
	default:
		return (SRUN);
	}
}

/* Fill one kinfo_proc.  proctree_lock held. */
void
proc_fill_kinfo(struct proc *p, struct kinfo_proc *ki)
{
	memset(ki, 0, sizeof(*ki));
	ki->ki_pid = p->p_pid;
	ki->ki_ppid = p->p_pptr != NULL ? p->p_pptr->p_pid : 0;
	if (p->p_pgrp != NULL) {
		ki->ki_pgid = p->p_pgrp->pg_id;
		ki->ki_sid = p->p_pgrp->pg_session->s_sid;
	}
	if (p->p_ucred != NULL) {
		ki->ki_uid = p->p_ucred->cr_uid;
		ki->ki_ruid = p->p_ucred->cr_ruid;
	}
	ki->ki_stat = ki_stat(p->p_state);
	ki->ki_flag = p->p_flag;
	if (p->p_procdesc != NULL)
		ki->ki_flag |= P_PROCDESC;
	/* p_lock keeps the address space from being swapped and freed. */
	spin_lock(&p->p_lock);
	if (p->p_vmspace != NULL)
		ki->ki_size = vmspace_resident(p->p_vmspace);
	spin_unlock(&p->p_lock);
	if (p->p_wmesg != NULL)
		strlcpy(ki->ki_wmesg, p->p_wmesg, sizeof(ki->ki_wmesg));
	strlcpy(ki->ki_comm, p->p_comm, sizeof(ki->ki_comm));
}

/* kern.proc.all: a kinfo_proc for every slot in use. */
static int
sysctl_kern_proc_all(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	struct kinfo_proc ki;
	struct proc *p;
	int error, used;

	for (p = proc; p < &proc[NPROC]; p++) {
		spin_lock(&proctree_lock);
		used = p->p_state != PRS_UNUSED;
		if (used)
			proc_fill_kinfo(p, &ki);
		spin_unlock(&proctree_lock);
		/* Copy out with no lock held: it may fault. */
		if (used && (error = sysctl_out(req, &ki, sizeof(ki))) != 0)
			return (error);
	}
	return (0);
}
SYSCTL_PROC("kern.proc.all", CTLTYPE_OPAQUE, CTLFLAG_RD, NULL,
    sysctl_kern_proc_all, "every process (struct kinfo_proc)");
SYSCTL_INT("kern.lastpid", CTLFLAG_RD, &lastpid, 0, 0,
    "last pid handed out");

/* ---- process groups and sessions (proctree_lock guards them all) ---- */

static struct pgrp *allpgrp;	/* (t) every process group */

struct pgrp *
pgfind(pid_t pgid)
{
	struct pgrp *pg;

	for (pg = allpgrp; pg != NULL; pg = pg->pg_next)
		if (pg->pg_id == pgid)
			return (pg);
	return (NULL);
}

/* Is pid in use as a process group or session id?  proctree_lock. */
int
pid_in_use_as_group(pid_t pid)
{
	struct pgrp *pg;

	for (pg = allpgrp; pg != NULL; pg = pg->pg_next)
		if (pg->pg_id == pid || pg->pg_session->s_sid == pid)
			return (1);
	return (0);
}

static void
pgrp_free(struct pgrp *pg)
{
	struct pgrp **pp;
	struct session *s = pg->pg_session;

	for (pp = &allpgrp; *pp != pg; pp = &(*pp)->pg_next)
		;
	*pp = pg->pg_next;
	if (--s->s_count == 0)
		free(s);
	free(pg);
}

/* Put p in group pg.  proctree_lock held. */
void
pgrp_join(struct proc *p, struct pgrp *pg)
{
	pg->pg_count++;
	p->p_pgrp = pg;
}

/* Take p out of its group; the last member frees it.  proctree_lock. */
void
pgrp_leave(struct proc *p)
{
	struct pgrp *pg = p->p_pgrp;

	if (pg == NULL)
		return;
	p->p_pgrp = NULL;
	if (--pg->pg_count == 0)
		pgrp_free(pg);
}

/*
 * Move p to group pgid, making the group (and with newsession, a new
 * session led by p) if it does not exist.  proctree_lock held.  ENOMEM.
 */
int
enterpgrp(struct proc *p, pid_t pgid, int newsession)
{
	struct pgrp *pg = pgfind(pgid);
	struct session *s;

	if (pg == NULL) {
		/* Allocation under a spinlock is fine: malloc never sleeps. */
		if ((pg = malloc(sizeof(*pg), M_ZERO)) == NULL)
			return (ENOMEM);
		if (newsession) {
			if ((s = malloc(sizeof(*s), M_ZERO)) == NULL) {
				free(pg);
				return (ENOMEM);
			}
			s->s_sid = p->p_pid;
			s->s_leader = p;
		} else
			s = p->p_pgrp->pg_session;
		s->s_count++;
		pg->pg_id = pgid;
		pg->pg_session = s;
		pg->pg_next = allpgrp;
		allpgrp = pg;
	}
	if (pg == p->p_pgrp)
		return (0);
	pgrp_leave(p);
	pgrp_join(p, pg);
	return (0);
}

int
sys_getpgrp(struct proc *p, struct getpgrp_args *uap)
{
	spin_lock(&proctree_lock);
	p->p_retval[0] = p->p_pgrp->pg_id;
	spin_unlock(&proctree_lock);
	return (0);
}

/* Find pid (0: the caller) for getpgid/getsid.  proctree_lock held. */
static struct proc *
proc_by_pid_or_self(struct proc *p, pid_t pid)
{
	struct proc *q;

	if (pid == 0)
		return (p);
	for (q = proc; q < &proc[NPROC]; q++)
		if (q->p_pid == pid && q->p_state != PRS_UNUSED &&
		    q->p_state != PRS_NEW && q->p_state != PRS_ZOMBIE &&
		    q->p_pgrp != NULL)
			return (q);
	return (NULL);
}

/* getpgid and getsid: an id of pid's (0: the caller's) group. */
static int
proc_group_id(struct proc *p, pid_t pid, int want_sid)
{
	struct proc *q;
	int error = 0;

	spin_lock(&proctree_lock);
	if ((q = proc_by_pid_or_self(p, pid)) == NULL)
		error = ESRCH;
	else
		p->p_retval[0] = want_sid ? q->p_pgrp->pg_session->s_sid :
		    q->p_pgrp->pg_id;
	spin_unlock(&proctree_lock);
	return (error);
}

int
sys_getpgid(struct proc *p, struct getpgid_args *uap)
{
	return (proc_group_id(p, uap->pid, 0));
}

int
sys_getsid(struct proc *p, struct getsid_args *uap)
{
	return (proc_group_id(p, uap->pid, 1));
}

/*
 * setsid(): a new session and group, led by the caller.  EPERM if the
 * caller already leads a group, or its pid names one.
 */
int
sys_setsid(struct proc *p, struct setsid_args *uap)
{
	int error;

	spin_lock(&proctree_lock);
	if (p->p_pgrp->pg_id == p->p_pid || pgfind(p->p_pid) != NULL)
		error = EPERM;
	else if ((error = enterpgrp(p, p->p_pid, 1)) == 0)
		p->p_retval[0] = p->p_pid;
	spin_unlock(&proctree_lock);
	return (error);
}

/*
 * setpgid(pid, pgid), FreeBSD's rules: pid is the caller or a child in
 * its session that has not exec'd; pgid is pid or an existing group of
 * the same session; a session leader cannot move.
 */
int
sys_setpgid(struct proc *p, struct setpgid_args *uap)
{
	struct proc *q;
	struct pgrp *pg;
	pid_t pgid = uap->pgid;
	int error = 0;

	if (pgid < 0)
		return (EINVAL);
	spin_lock(&proctree_lock);
	if (uap->pid == 0 || uap->pid == p->p_pid)
		q = p;
	else {
		q = proc_by_pid_or_self(p, uap->pid);
		if (q == NULL || q->p_pptr != p) {
			error = ESRCH;
			goto out;
		}
		if (q->p_pgrp->pg_session != p->p_pgrp->pg_session) {
			error = EPERM;
			goto out;
		}
		if (q->p_flag & P_EXEC) {
			error = EACCES;
			goto out;
		}
	}
	if (q->p_pgrp->pg_session->s_sid == q->p_pid) {
		error = EPERM;		/* a session leader */
		goto out;
	}
	if (pgid == 0)
		pgid = q->p_pid;
	pg = pgfind(pgid);
	if (pg == NULL) {
		if (pgid != q->p_pid) {
			error = EPERM;
			goto out;
		}
	} else if (pg->pg_session != q->p_pgrp->pg_session) {
		error = EPERM;
		goto out;
	}
	error = enterpgrp(q, pgid, 0);
out:
	spin_unlock(&proctree_lock);
	return (error);
}

/* ---- reapers ---- */

/* The process that receives p's orphans.  proctree_lock held. */
struct proc *
proc_reaper_of(struct proc *p)
{
	struct proc *r = p->p_reaper;

	return (r != NULL && r->p_state != PRS_UNUSED ? r : initproc);
}

/*
 * debug.invariants: check the process table against its summaries and
 * say on the console what disagrees.  Reads the number of problems: 0
 * when the pid bitmap, kern.nprocs and the per-uid counts match the
 * table.  The stress tests read it after their storms.
 */
static int
proc_invariants(void)
{
	static uint16 uids_seen[NPROC];	/* (proctree_lock) scratch */
	struct proc *p;
	int bad = 0, n = 0, i, nuid = 0;

	spin_lock(&proctree_lock);
	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state == PRS_UNUSED || p->p_state == PRS_NEW)
			continue;
		n++;
		if (!pid_bit(p->p_pid)) {
			printf("invariants: pid %d not in the pid bitmap\n",
			    p->p_pid);
			bad++;
		}
		if (p->p_pgrp == NULL && p != initproc &&
		    !(p->p_flag & P_SYSTEM)) {
			printf("invariants: pid %d has no process group\n",
			    p->p_pid);
			bad++;
		}
	}
	if (n != nprocs) {
		printf("invariants: kern.nprocs %d, table has %d\n", nprocs, n);
		bad++;
	}
	/* Per-uid counts: each uid's processes, zombies included. */
	for (p = proc; p < &proc[NPROC]; p++) {
		uid_t uid;
		int count = 0;

		if (p->p_state == PRS_UNUSED || p->p_state == PRS_NEW ||
		    p->p_ucred == NULL)
			continue;
		uid = p->p_ucred->cr_ruid;
		for (i = 0; i < nuid; i++)
			if (uids_seen[i] == uid)
				break;
		if (i < nuid || nuid == NPROC)
			continue;
		uids_seen[nuid++] = uid;
		for (struct proc *q = proc; q < &proc[NPROC]; q++)
			if (q->p_state != PRS_UNUSED && q->p_state != PRS_NEW &&
			    q->p_ucred != NULL && q->p_ucred->cr_ruid == uid)
				count++;
		if (count != uid_proccnt(uid)) {
			printf("invariants: uid %u has %d processes, counted "
			    "%d\n", uid, count, uid_proccnt(uid));
			bad++;
		}
	}
	spin_unlock(&proctree_lock);
	return (bad);
}

/*
 * Root only (it prints on the console), and meaningful only when no fork
 * is under way: fork1 counts a process in kern.nprocs before its slot
 * is filled.
 */
static int
sysctl_debug_invariants(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	int bad, error;

	if ((error = priv_check_cred(req->p->p_ucred, PRIV_ROOT)) != 0)
		return (error);
	bad = proc_invariants();
	return (sysctl_out(req, &bad, sizeof(bad)));
}
SYSCTL_PROC("debug.invariants", CTLTYPE_INT, CTLFLAG_RD, NULL,
    sysctl_debug_invariants, "problems found in the process table (0: none)");
