/*
 * vm_map.c: address spaces as lists of regions over a pmap.
 *
 * Every page of a region is backed while the region exists (this stage
 * has no demand paging): regions are filled with zeroed frames when made
 * and copied page by page at fork.
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "systm.h"
#include "malloc.h"
#include "vm_page.h"
#include "vm_map.h"

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

static void
entry_size_adjust(struct vmspace *vm, struct vm_map_entry *e, long sign)
{
	long pages = sign * (long)((e->end - e->start) >> PGSHIFT);

	if (e->flags & MAP_ENTRY_STACK)
		vm->vm_ssize += pages;
	else if (e->flags & MAP_ENTRY_TEXT)
		vm->vm_tsize += pages;
	else
		vm->vm_dsize += pages;
}

static void
entry_delete(struct vmspace *vm, struct vm_map_entry *e)
{
	pmap_remove(&vm->vm_pmap, e->start, e->end);
	entry_size_adjust(vm, e, -1);
	free(e);
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
		entry_delete(vm, e);
	}
	pmap_release(&vm->vm_pmap);
	free(vm);
}

/* Back [start, end) with zeroed frames.  On ENOMEM, undo what was done. */
static int
fill_zero(struct vmspace *vm, vaddr_t start, vaddr_t end, int prot)
{
	vaddr_t va;

	for (va = start; va < end; va += PGSIZE) {
		paddr_t pa = vm_page_alloc_zero();

		if (pa == 0 || pmap_enter(&vm->vm_pmap, va, pa, prot) != 0) {
			if (pa != 0)
				vm_page_unhold(pa);
			pmap_remove(&vm->vm_pmap, start, va);
			return (ENOMEM);
		}
	}
	return (0);
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
	return (0);
}

/*
 * Make a region [start, end) (page-aligned, below VM_MAXUSER_ADDRESS)
 * backed by zeroed frames.  EINVAL on overlap or a bad range, ENOMEM.
 */
int
vm_map_insert(struct vmspace *vm, vaddr_t start, vaddr_t end, int prot,
    int flags)
{
	struct vm_map_entry *e;
	int error;

	if (start >= end || (start & PGOFSET) || (end & PGOFSET) ||
	    end > VM_MAXUSER_ADDRESS || start < USER_TEXT_BASE)
		return (EINVAL);
	if ((e = malloc(sizeof(*e), M_ZERO)) == NULL)
		return (ENOMEM);
	e->start = start;
	e->end = end;
	e->prot = prot;
	e->flags = flags;
	sleep_lock(&vm->vm_lock);
	if ((error = entry_link(vm, e)) != 0)
		goto fail;
	if ((error = fill_zero(vm, start, end, prot)) != 0) {
		struct vm_map_entry **ep;

		for (ep = &vm->vm_entries; *ep != e; ep = &(*ep)->next)
			;
		*ep = e->next;
		goto fail;
	}
	entry_size_adjust(vm, e, 1);
	sleep_unlock(&vm->vm_lock);
	return (0);
fail:
	sleep_unlock(&vm->vm_lock);
	free(e);
	return (error);
}

/* Copy one region's pages into a new region of vm2 (the eager fork). */
static int
entry_copy(struct vmspace *vm1, struct vm_map_entry *e, struct vmspace *vm2)
{
	struct vm_map_entry *ne;
	vaddr_t va;

	if ((ne = malloc(sizeof(*ne), M_ZERO)) == NULL)
		return (ENOMEM);
	ne->start = e->start;
	ne->end = e->end;
	ne->prot = e->prot;
	ne->flags = e->flags;
	entry_link(vm2, ne);
	entry_size_adjust(vm2, ne, 1);
	for (va = e->start; va < e->end; va += PGSIZE) {
		paddr_t src = pmap_extract(&vm1->vm_pmap, va);
		paddr_t dst = vm_page_alloc();

		if (dst == 0)
			return (ENOMEM);
		if (src != 0)
			memcpy((void *)PHYS_TO_DMAP(dst),
			    (void *)PHYS_TO_DMAP(trunc_page(src)), PGSIZE);
		else
			memset((void *)PHYS_TO_DMAP(dst), 0, PGSIZE);
		if (pmap_enter(&vm2->vm_pmap, va, dst, e->prot) != 0) {
			vm_page_unhold(dst);
			return (ENOMEM);
		}
	}
	return (0);
}

/*
 * Make *vm2p a copy of vm1 for a forked child.  ENOMEM leaves nothing
 * behind.
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
		error = entry_copy(vm1, e, vm2);
	sleep_unlock(&vm1->vm_lock);
	if (error != 0) {
		vmspace_free(vm2);
		return (error);
	}
	*vm2p = vm2;
	return (0);
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
 * backs the new pages at once; shrinking frees whole pages above the new
 * break.  ENOMEM when memory runs out or the heap would run into the
 * next region or below its start.
 */
int
vm_map_sbrk(struct vmspace *vm, long incr, vaddr_t *oldbrk)
{
	struct vm_map_entry *e;
	vaddr_t old, new, oldend, newend;
	int error = 0;

	sleep_lock(&vm->vm_lock);
	e = heap_entry(vm);
	old = vm->vm_brk;
	new = old + incr;
	if (e == NULL || (incr < 0 && new < vm->vm_daddr) ||
	    (incr > 0 && (new < old || new > VM_MAXUSER_ADDRESS))) {
		error = ENOMEM;
		goto out;
	}
	oldend = e->end;
	newend = round_page(new);
	if (newend < e->start + PGSIZE)
		newend = e->start + PGSIZE;	/* the heap keeps one page */
	if (newend > oldend) {
		if (e->next != NULL && newend > e->next->start) {
			error = ENOMEM;
			goto out;
		}
		if ((error = fill_zero(vm, oldend, newend, e->prot)) != 0)
			goto out;
		vm->vm_dsize += (newend - oldend) >> PGSHIFT;
	} else if (newend < oldend) {
		pmap_remove(&vm->vm_pmap, newend, oldend);
		vm->vm_dsize -= (oldend - newend) >> PGSHIFT;
	}
	e->end = newend;
	vm->vm_brk = new;
	*oldbrk = old;
out:
	sleep_unlock(&vm->vm_lock);
	return (error);
}

/*
 * Write len bytes at user address uva of vm, which need not be the
 * running address space (exec builds the new stack this way).  EFAULT if
 * a page is not mapped.
 */
int
vmspace_copyout(struct vmspace *vm, vaddr_t uva, const void *kbuf, size_t len)
{
	const char *src = kbuf;

	while (len > 0) {
		paddr_t pa = pmap_extract(&vm->vm_pmap, uva);
		size_t n = MIN(len, PGSIZE - (uva & PGOFSET));

		if (pa == 0)
			return (EFAULT);
		memcpy((void *)PHYS_TO_DMAP(pa), src, n);
		src += n;
		uva += n;
		len -= n;
	}
	return (0);
}

/*
 * Resolve a page fault at va.  With every page backed, a fault is a real
 * violation unless another hart's change made it spurious: 0 if the page
 * now allows the access, EFAULT otherwise.
 */
int
vm_fault(struct vmspace *vm, vaddr_t va, int fault_type)
{
	struct vm_map_entry *e;
	int error = EFAULT;

	if (va >= VM_MAXUSER_ADDRESS)
		return (EFAULT);
	sleep_lock(&vm->vm_lock);
	for (e = vm->vm_entries; e != NULL; e = e->next) {
		if (va >= e->start && va < e->end) {
			if ((e->prot & fault_type) == fault_type &&
			    pmap_extract(&vm->vm_pmap, trunc_page(va)) != 0)
				error = 0;
			break;
		}
	}
	sleep_unlock(&vm->vm_lock);
	return (error);
}

long
vmspace_resident(struct vmspace *vm)
{
	return ((vm->vm_tsize + vm->vm_dsize + vm->vm_ssize) * PGSIZE);
}
