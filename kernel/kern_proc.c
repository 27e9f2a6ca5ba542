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

static int
pid_in_use(pid_t pid)
{
	struct proc *p;

	for (p = proc; p < &proc[NPROC]; p++)
		if (p->p_state != PRS_UNUSED && p->p_pid == pid)
			return (1);
	return (0);
}

/*
 * Pick the next pid: lastpid + 1, wrapping to 2 at PID_MAX, skipping
 * pids in use.  0 if every pid is taken.  proctree_lock held.
 */
pid_t
fork_findpid(int flags)
{
	pid_t trypid = lastpid + 1;
	int tries;

	for (tries = 0; tries < PID_MAX; tries++, trypid++) {
		if (trypid >= PID_MAX)
			trypid = 2;
		if (!pid_in_use(trypid)) {
			lastpid = trypid;
			return (trypid);
		}
	}
	return (0);
}

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
	ki->ki_pgid = p->p_pid;		/* process groups come later */
	ki->ki_sid = p->p_pid;
	if (p->p_ucred != NULL) {
		ki->ki_uid = p->p_ucred->cr_uid;
		ki->ki_ruid = p->p_ucred->cr_ruid;
	}
	ki->ki_stat = ki_stat(p->p_state);
	ki->ki_flag = p->p_flag;
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
