/*
 * vm_map.c: address spaces as sorted lists of regions over a pmap, and
 * the page-fault handler that backs them: demand-zero pages, and
 * copy-on-write after fork.
 *
 * vm_lock (a sleep lock) serialises every change to a vmspace's regions
 * and pages, faults included; the pmap's spinlock guards its tables
 * underneath.  Lock order: inode locks -> vm_lock -> pm_lock.
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "systm.h"
#include "malloc.h"
#include "pcpu.h"
#include "vm_page.h"
#include "vm_map.h"
#include "sysctl.h"
#include "proc.h"
#include <sys/mman.h>

volatile unsigned long cow_faults, cow_copies, cow_reuses;
#ifdef COW_EAGER
int vm_cow_enabled = 0;		/* `make COW=0`: fork copies every page */
#else
int vm_cow_enabled = 1;
#endif
SYSCTL_ULONG("vm.cow.faults", CTLFLAG_RD, &cow_faults,
    "write faults on copy-on-write pages");
SYSCTL_ULONG("vm.cow.copies", CTLFLAG_RD, &cow_copies,
    "copy-on-write faults that copied the page");
SYSCTL_ULONG("vm.cow.reuses", CTLFLAG_RD, &cow_reuses,
    "copy-on-write faults that reused the page in place");
SYSCTL_INT("vm.cow.enabled", CTLFLAG_RD, &vm_cow_enabled, 0, 0,
    "1 if fork shares pages copy-on-write, 0 if it copies them");

struct vmspace *
vmspace_alloc(void)
{
	struct vmspace *vm = malloc(sizeof(*vm), M_ZERO);

	if (vm == NULL)
		return (NULL);
	if (pmap_pinit(&vm->vm_pmap) != 0) {
		free(vm);
		return (NULL);
	}
	vm->vm_refcnt = 1;
	sleeplock_init(&vm->vm_lock, "vmspace");
	return (vm);
}

struct vmspace *
vmspace_hold(struct vmspace *vm)
{
	__atomic_add_fetch(&vm->vm_refcnt, 1, __ATOMIC_RELAXED);
	return (vm);
}

static long *
entry_size_counter(struct vmspace *vm, struct vm_map_entry *e)
{
	if (e->flags & MAP_ENTRY_STACK)
		return (&vm->vm_ssize);
	if (e->flags & MAP_ENTRY_TEXT)
		return (&vm->vm_tsize);
	return (&vm->vm_dsize);
}

static void
entry_account(struct vmspace *vm, struct vm_map_entry *e, long sign)
{
	*entry_size_counter(vm, e) += sign * (long)((e->end - e->start) >>
	    PGSHIFT);
}

static struct vm_map_entry *
entry_alloc(vaddr_t start, vaddr_t end, int prot, int inheritance, int flags)
{
	struct vm_map_entry *e = malloc(sizeof(*e), M_ZERO);

	if (e != NULL) {
		e->start = start;
		e->end = end;
		e->prot = prot;
		e->inheritance = inheritance;
		e->flags = flags;
	}
	return (e);
}

/* Link e into the sorted list; EINVAL if it overlaps a region. */
static int
entry_link(struct vmspace *vm, struct vm_map_entry *e)
{
	struct vm_map_entry **ep;

	for (ep = &vm->vm_entries; *ep != NULL; ep = &(*ep)->next) {
		if ((*ep)->start >= e->end)
			break;
		if ((*ep)->end > e->start)
			return (EINVAL);
	}
	e->next = *ep;
	*ep = e;
	entry_account(vm, e, 1);
	return (0);
}

static void
entry_unlink(struct vmspace *vm, struct vm_map_entry *e)
{
	struct vm_map_entry **ep;

	for (ep = &vm->vm_entries; *ep != e; ep = &(*ep)->next)
		;
	*ep = e->next;
	entry_account(vm, e, -1);
}

/*
 * Unmap a region's pages and free it.  vm_lock held.  ENOMEM (from a
 * page table shared with a child that had to be split) leaves the region.
 */
static int
entry_delete(struct vmspace *vm, struct vm_map_entry *e)
{
	int error;

	if ((error = pmap_remove(&vm->vm_pmap, e->start, e->end)) != 0)
		return (error);
	entry_unlink(vm, e);
	free(e);
	return (0);
}

/*
 * Split e at addr (page-aligned, strictly inside): e keeps [start, addr)
 * and a new entry after it takes [addr, end).  ENOMEM.
 */
static int
entry_clip(struct vm_map_entry *e, vaddr_t addr)
{
	struct vm_map_entry *ne;

	ne = entry_alloc(addr, e->end, e->prot, e->inheritance, e->flags);
	if (ne == NULL)
		return (ENOMEM);
	e->end = addr;
	/* sbrk moves the top piece of a split heap; the rest is plain data. */
	e->flags &= ~MAP_ENTRY_HEAP;
	ne->next = e->next;
	e->next = ne;
	return (0);
}

static struct vm_map_entry *
entry_lookup(struct vmspace *vm, vaddr_t va)
{
	struct vm_map_entry *e;

	for (e = vm->vm_entries; e != NULL && e->start <= va; e = e->next)
		if (va < e->end)
			return (e);
	return (NULL);
}

/* Drop a reference; the last one unmaps everything and frees it all. */
void
vmspace_free(struct vmspace *vm)
{
	struct vm_map_entry *e, *next;

	if (__atomic_sub_fetch(&vm->vm_refcnt, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (e = vm->vm_entries; e != NULL; e = next) {
		next = e->next;
		free(e);
	}
	pmap_release(&vm->vm_pmap);	/* the frames go with the tables */
	free(vm);
}

/*
 * Back the page at va of region e so that an access of type ftype can
 * proceed: a zero page if none, a private copy (or the frame itself, if
 * no one else maps it) for a write to a copy-on-write page.  0, EFAULT
 * if the page's mapping forbids the access, ENOMEM.  vm_lock held.
 */
static int
fault_page(struct vmspace *vm, struct vm_map_entry *e, vaddr_t va,
    int ftype)
{
	pt_entry_t pte = pmap_pte(&vm->vm_pmap, va);
	paddr_t pa, npa;

	if (pte & PTE_V) {
		if (!((ftype & VM_PROT_WRITE) && (pte & PTE_COW)))
			return (pmap_pte_allows(pte, ftype) ? 0 : EFAULT);
		/* LAB cow: begin
		 * A write to a copy-on-write page.  Count it in cow_faults,
		 * make the page table private (pmap_make_private), then: if
		 * no one else holds the frame (vm_page_refs), make the PTE
		 * writable in place (pmap_cow_reuse, count cow_reuses);
		 * otherwise copy the frame into a new page and map the copy
		 * (pmap_cow_replace, count cow_copies; if it says the PTE
		 * changed meanwhile, free the copy).  ENOMEM if out of pages.
		 */
		__atomic_add_fetch(&cow_faults, 1, __ATOMIC_RELAXED);
		/* Only a table of our own tells who else maps the frame. */
		if (pmap_make_private(&vm->vm_pmap, va) != 0)
			return (ENOMEM);
		pa = PTE_TO_PA(pte);
		if (vm_page_refs(pa) == 1) {
			pmap_cow_reuse(&vm->vm_pmap, va, e->prot);
			__atomic_add_fetch(&cow_reuses, 1, __ATOMIC_RELAXED);
			return (0);
		}
		if ((npa = vm_page_alloc()) == 0)
			return (ENOMEM);
		memcpy((void *)PHYS_TO_DMAP(npa), (void *)PHYS_TO_DMAP(pa),
		    PGSIZE);
		if (pmap_cow_replace(&vm->vm_pmap, va, pa, npa, e->prot) != 0)
			vm_page_unhold(npa);	/* already broken */
		else
			__atomic_add_fetch(&cow_copies, 1, __ATOMIC_RELAXED);
		return (0);
		/* LAB cow: end */
		/* LAB cow: stub
		(void)pa;
		return (EFAULT);
		*/
	}
	if ((npa = vm_page_alloc_zero()) == 0)
		return (ENOMEM);
	if (pmap_enter(&vm->vm_pmap, va, npa, e->prot) != 0) {
		vm_page_unhold(npa);
		return (ENOMEM);
	}
	return (0);
}

/*
 * Resolve a page fault at va for an access of type fault_type (one
 * VM_PROT_* bit).  0 when the access may be retried; EFAULT when no
 * region allows it (the process gets SIGSEGV); ENOMEM when no page could
 * be had (the process is killed).
 */
int
vm_fault(struct vmspace *vm, vaddr_t va, int fault_type)
{
	struct vm_map_entry *e;
	int error;

	if (va >= VM_MAXUSER_ADDRESS)
		return (EFAULT);
	sleep_lock(&vm->vm_lock);
	e = entry_lookup(vm, va);
	if (e == NULL || (e->prot & fault_type) != fault_type)
		error = EFAULT;
	else
		error = fault_page(vm, e, trunc_page(va), fault_type);
	sleep_unlock(&vm->vm_lock);
	return (error);
}

/*
 * Make the page at va present and private, whatever the region's
 * protection, and return its frame: exec fills a new image this way
 * through the direct map.  0 if va is in no region or memory ran out.
 */
paddr_t
vm_map_wire_page(struct vmspace *vm, vaddr_t va)
{
	struct vm_map_entry *e;
	paddr_t pa = 0;

	va = trunc_page(va);
	sleep_lock(&vm->vm_lock);
	if ((e = entry_lookup(vm, va)) != NULL &&
	    fault_page(vm, e, va, (e->prot & VM_PROT_WRITE) ?
	    VM_PROT_WRITE : 0) == 0)
		pa = PTE_TO_PA(pmap_pte(&vm->vm_pmap, va));
	sleep_unlock(&vm->vm_lock);
	return (pa);
}

/*
 * Write len bytes at user address uva of vm, which need not be the
 * running address space (exec builds the new stack this way).  EFAULT if
 * uva is outside every region, ENOMEM.
 */
int
vmspace_copyout(struct vmspace *vm, vaddr_t uva, const void *kbuf, size_t len)
{
	const char *src = kbuf;

	while (len > 0) {
		paddr_t pa = vm_map_wire_page(vm, uva);
		size_t n = MIN(len, PGSIZE - (uva & PGOFSET));

		if (pa == 0)
			return (EFAULT);
		memcpy((void *)(PHYS_TO_DMAP(pa) + (uva & PGOFSET)), src, n);
		src += n;
		uva += n;
		len -= n;
	}
	return (0);
}

/* Back every page of [start, end) now (shared regions).  vm_lock held. */
static int
fill_region(struct vmspace *vm, struct vm_map_entry *e, vaddr_t start,
    vaddr_t end)
{
	vaddr_t va;
	int error;

	for (va = start; va < end; va += PGSIZE) {
		error = fault_page(vm, e, va, (e->prot & VM_PROT_WRITE) ?
		    VM_PROT_WRITE : VM_PROT_READ);
		if (error != 0)
			return (error);
	}
	return (0);
}

/*
 * Make a region [start, end) (page-aligned, in the user half).  Private
 * regions are demand-zero; MAP_ENTRY_SHARED ones are backed at once.
 * EINVAL on overlap or a bad range, ENOMEM.
 */
int
vm_map_insert(struct vmspace *vm, vaddr_t start, vaddr_t end, int prot,
    int inheritance, int flags)
{
	struct vm_map_entry *e;
	int error;

	if (start >= end || (start & PGOFSET) || (end & PGOFSET) ||
	    end > VM_MAXUSER_ADDRESS || start < USER_TEXT_BASE)
		return (EINVAL);
	if ((e = entry_alloc(start, end, prot, inheritance, flags)) == NULL)
		return (ENOMEM);
	sleep_lock(&vm->vm_lock);
	if ((error = entry_link(vm, e)) != 0) {
		sleep_unlock(&vm->vm_lock);
		free(e);
		return (error);
	}
	if ((flags & MAP_ENTRY_SHARED) &&
	    (error = fill_region(vm, e, start, end)) != 0)
		(void)entry_delete(vm, e);	/* its pages are its own */
	sleep_unlock(&vm->vm_lock);
	return (error);
}

/*
 * Clip the regions overlapping [start, end) so that each lies inside or
 * outside the range.  vm_lock held.  ENOMEM (nothing is lost: a clip
 * only splits a region in two).
 */
static int
clip_range(struct vmspace *vm, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;
	int error;

	for (e = vm->vm_entries; e != NULL && e->start < end; e = e->next) {
		if (e->end <= start)
			continue;
		if (e->start < start && (error = entry_clip(e, start)) != 0)
			return (error);
		if (e->start >= start && e->end > end &&
		    (error = entry_clip(e, end)) != 0)
			return (error);
	}
	return (0);
}

/* munmap: remove whatever lies in [start, end).  EINVAL, ENOMEM. */
int
vm_map_remove(struct vmspace *vm, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e, *next;
	int error;

	if ((start & PGOFSET) || end <= start || end > VM_MAXUSER_ADDRESS)
		return (EINVAL);
	sleep_lock(&vm->vm_lock);
	if ((error = clip_range(vm, start, end)) == 0) {
		for (e = vm->vm_entries; e != NULL && error == 0; e = next) {
			next = e->next;
			if (e->start >= start && e->end <= end)
				error = entry_delete(vm, e);
		}
	}
	sleep_unlock(&vm->vm_lock);
	return (error);
}

/* minherit: set the inheritance of [start, end).  EINVAL, ENOMEM. */
int
vm_map_inherit(struct vmspace *vm, vaddr_t start, vaddr_t end,
    int inheritance)
{
	struct vm_map_entry *e;
	int error;

	switch (inheritance) {
	case INHERIT_SHARE:
	case INHERIT_COPY:
	case INHERIT_NONE:
	case INHERIT_ZERO:
		break;
	default:
		return (EINVAL);
	}
	if ((start & PGOFSET) || end <= start || end > VM_MAXUSER_ADDRESS)
		return (EINVAL);
	sleep_lock(&vm->vm_lock);
	if ((error = clip_range(vm, start, end)) == 0)
		for (e = vm->vm_entries; e != NULL; e = e->next)
			if (e->start >= start && e->end <= end)
				e->inheritance = inheritance;
	sleep_unlock(&vm->vm_lock);
	return (error);
}

/*
 * Find room for len bytes for mmap: the highest gap below MMAP_TOP and
 * above the heap's current end.  ENOMEM if none.
 */
int
vm_map_findspace(struct vmspace *vm, size_t len, vaddr_t *addrp)
{
	struct vm_map_entry *e;
	vaddr_t low = vm->vm_daddr, best = 0;

	sleep_lock(&vm->vm_lock);
	for (e = vm->vm_entries; ; e = e->next) {
		vaddr_t hi = e != NULL ? MIN(e->start, MMAP_TOP) : MMAP_TOP;

		if (hi > low && hi - low >= len && hi - len > best)
			best = hi - len;
		if (e == NULL || e->start >= MMAP_TOP)
			break;
		low = MAX(low, e->end);
	}
	sleep_unlock(&vm->vm_lock);
	if (best == 0)
		return (ENOMEM);
	*addrp = best;
	return (0);
}

/*
 * `make COW=0`: copy every present page at fork, as xv6 does.  Kept so
 * that make bench can show what copy-on-write saves.  vm1's lock held.
 */
static int
copy_pages_eagerly(struct vmspace *vm1, struct vm_map_entry *e,
    struct vmspace *vm2)
{
	vaddr_t va;

	for (va = e->start; va < e->end; va += PGSIZE) {
		pt_entry_t pte = pmap_pte(&vm1->vm_pmap, va);
		paddr_t npa;

		if (!(pte & PTE_V))
			continue;
		if ((npa = vm_page_alloc()) == 0)
			return (ENOMEM);
		memcpy((void *)PHYS_TO_DMAP(npa),
		    (void *)PHYS_TO_DMAP(PTE_TO_PA(pte)), PGSIZE);
		if (pmap_enter(&vm2->vm_pmap, va, npa, e->prot) != 0) {
			vm_page_unhold(npa);
			return (ENOMEM);
		}
	}
	return (0);
}

#define	BLOCK_SIZE	(1UL << L1_SHIFT)	/* one level-0 table's span */

/*
 * May the 2 MiB block at b be shared by table at fork?  Only if every
 * region in it is inherited by copy: any other kind needs its own PTEs
 * in the child.  vm_lock held.
 */
static int
block_shareable(struct vmspace *vm, vaddr_t b)
{
	struct vm_map_entry *e;

	for (e = vm->vm_entries; e != NULL && e->start < b + BLOCK_SIZE;
	    e = e->next)
		if (e->end > b && e->inheritance != INHERIT_COPY)
			return (0);
	return (1);
}

/*
 * Fork a private region copy-on-write: whole 2 MiB blocks by sharing
 * their page table, the rest PTE by PTE.  A block that several regions
 * share is handed over once, with its first region.  vm1's lock held.
 */
static int
fork_cow(struct vmspace *vm1, struct vm_map_entry *e, struct vmspace *vm2)
{
	struct vm_map_entry *prev = NULL, *q;
	vaddr_t b, lo, hi;
	int error = 0;

	for (q = vm1->vm_entries; q != e; q = q->next)
		prev = q;
	for (b = e->start & ~(BLOCK_SIZE - 1); b < e->end && error == 0;
	    b += BLOCK_SIZE) {
		lo = MAX(b, e->start);
		hi = MIN(b + BLOCK_SIZE, e->end);
		if (block_shareable(vm1, b)) {
			/* Unless an earlier region in the block did. */
			if (prev == NULL || prev->end <= b)
				error = pmap_share_table(&vm1->vm_pmap,
				    &vm2->vm_pmap, b);
		} else
			error = pmap_copy_cow(&vm1->vm_pmap, &vm2->vm_pmap,
			    lo, hi, e->prot);
	}
	return (error);
}

/* Copy one region into vm2 for a fork.  vm1's vm_lock held. */
static int
fork_entry(struct vmspace *vm1, struct vm_map_entry *e, struct vmspace *vm2)
{
	struct vm_map_entry *ne;
	int error, inh = e->inheritance;

	if (inh == INHERIT_NONE)
		return (0);
	ne = entry_alloc(e->start, e->end, e->prot, inh,
	    inh == INHERIT_ZERO ? e->flags & ~MAP_ENTRY_SHARED : e->flags);
	if (ne == NULL)
		return (ENOMEM);
	sleep_lock(&vm2->vm_lock);
	entry_link(vm2, ne);
	sleep_unlock(&vm2->vm_lock);

	switch (inh) {
	case INHERIT_ZERO:
		return (0);		/* fresh demand-zero pages */
	case INHERIT_SHARE:
		/* Both must see one frame per page: make them all now. */
		if ((error = fill_region(vm1, e, e->start, e->end)) != 0)
			return (error);
		return (pmap_share(&vm1->vm_pmap, &vm2->vm_pmap, e->start,
		    e->end, e->prot));
	default:
		/* LAB cow: begin
		 * A private region: share its pages copy-on-write
		 * (fork_cow) unless the kernel was built with COW=0
		 * (vm_cow_enabled).  The stub copies every page now.
		 */
		if (vm_cow_enabled)
			return (fork_cow(vm1, e, vm2));
		/* LAB cow: end */
		/* LAB cow: stub
		(void)fork_cow;
		*/
		return (copy_pages_eagerly(vm1, e, vm2));
	}
}

/*
 * Make *vm2p a copy of vm1 for a forked child: private regions shared
 * copy-on-write (no data page is copied here), shared ones shared,
 * INHERIT_NONE ones left out, INHERIT_ZERO ones fresh.  ENOMEM leaves
 * nothing behind.
 */
int
vmspace_fork(struct vmspace *vm1, struct vmspace **vm2p)
{
	struct vmspace *vm2;
	struct vm_map_entry *e;
	int error = 0;

	if ((vm2 = vmspace_alloc()) == NULL)
		return (ENOMEM);
	sleep_lock(&vm1->vm_lock);
	vm2->vm_daddr = vm1->vm_daddr;
	vm2->vm_brk = vm1->vm_brk;
	for (e = vm1->vm_entries; e != NULL && error == 0; e = e->next)
		error = fork_entry(vm1, e, vm2);
	/* The parent's pages just lost their write permission. */
	pmap_shootdown(&vm1->vm_pmap, 0, SHOOTDOWN_ALL);
	sleep_unlock(&vm1->vm_lock);
	if (error != 0) {
		vmspace_free(vm2);
		return (error);
	}
	*vm2p = vm2;
	return (0);
}

/*
 * Could npages more pages of anonymous memory be backed right now?
 * Pages are only taken on first touch, so this is a heuristic: it keeps
 * a request larger than free memory (less a reserve for page tables and
 * kernel stacks) from succeeding, and leaves the rest to the fault path,
 * which kills the process that finds memory gone.
 */
int
vm_anon_fits(size_t npages)
{
	return (npages + VM_RESERVE_PAGES <= v_free_count);
}

static struct vm_map_entry *
heap_entry(struct vmspace *vm)
{
	struct vm_map_entry *e;

	for (e = vm->vm_entries; e != NULL; e = e->next)
		if (e->flags & MAP_ENTRY_HEAP)
			return (e);
	return (NULL);
}

/*
 * Move the break by incr bytes; *oldbrk gets the old break.  Growing
 * only extends the heap region (pages come on first touch); shrinking
 * frees the whole pages above the new break.  ENOMEM when the heap would
 * run into the next region or below its start.
 */
int
vm_map_sbrk(struct vmspace *vm, long incr, vaddr_t *oldbrk)
{
	struct vm_map_entry *e;
	vaddr_t old, new, newend;
	int error = 0;

	sleep_lock(&vm->vm_lock);
	e = heap_entry(vm);
	old = vm->vm_brk;
	new = old + incr;
	if (e == NULL || (incr < 0 && (new > old || new < vm->vm_daddr)) ||
	    (incr > 0 && (new < old || new > VM_MAXUSER_ADDRESS))) {
		error = ENOMEM;
		goto out;
	}
	newend = MAX(round_page(new), e->start + PGSIZE);
	if (newend > e->end && ((e->next != NULL && newend > e->next->start) ||
	    !vm_anon_fits((newend - e->end) >> PGSHIFT))) {
		error = ENOMEM;
		goto out;
	}
	if (newend < e->end &&
	    (error = pmap_remove(&vm->vm_pmap, newend, e->end)) != 0)
		goto out;
	entry_account(vm, e, -1);
	e->end = newend;
	entry_account(vm, e, 1);
	vm->vm_brk = new;
	*oldbrk = old;
out:
	sleep_unlock(&vm->vm_lock);
	return (error);
}

long
vmspace_resident(struct vmspace *vm)
{
	return ((vm->vm_tsize + vm->vm_dsize + vm->vm_ssize) * PGSIZE);
}

/*
 * Move the running process p to address space vm (exec), or to none
 * (exit, vm NULL), and return the old one for the caller to free.  With
 * interrupts off throughout, p cannot be preempted half way, so the
 * harts counted as running the old pmap stay exact.  p_lock keeps
 * kern.proc.all readers off the old address space.
 */
struct vmspace *
vmspace_install(struct proc *p, struct vmspace *vm)
{
	struct vmspace *old;

	push_intr_off();
	spin_lock(&p->p_lock);
	old = p->p_vmspace;
	p->p_vmspace = vm;
	spin_unlock(&p->p_lock);
	if (old != NULL)
		pmap_deactivate(&old->vm_pmap);
	if (vm != NULL)
		pmap_activate(&vm->vm_pmap);
	else
		pmap_activate_kernel();
	pop_intr_off();
	return (old);
}
