/*
 * vm_page.c: the physical page allocator.  RAM is described by an array
 * of struct vm_page, one per 4 KiB frame, carved from the start of free
 * memory at boot.  Free frames sit on a singly linked list.
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "systm.h"
#include "spinlock.h"
#include "vm_page.h"
#include "pcpu.h"
#include "proc.h"

static struct spinlock vm_page_lock;	/* guards the free list */
static struct vm_page *vm_page_array;	/* one per frame from first_pa */
static struct vm_page *free_list;
static paddr_t first_pa, last_pa;	/* managed range [first, last) */

volatile uint64 v_free_count;
uint64 v_page_count;
volatile uint64 v_zero_count;		/* pages zeroed by pagezero */
volatile uint64 v_zero_hits;		/* allocations that found one */

struct vm_page *
PHYS_TO_VM_PAGE(paddr_t pa)
{
	KASSERT(pa >= first_pa && pa < last_pa, "not a managed frame");
	return (&vm_page_array[(pa - first_pa) >> PGSHIFT]);
}

static paddr_t
VM_PAGE_TO_PHYS(struct vm_page *m)
{
	return (first_pa + ((paddr_t)(m - vm_page_array) << PGSHIFT));
}

/*
 * Manage [start, end): the page array is placed at start, every frame
 * after it goes on the free list.  Call once, before any allocation.
 */
void
vm_page_startup(paddr_t start, paddr_t end)
{
	uint64 npages, array_pages, i;

	spinlock_init(&vm_page_lock, "vm_page");
	start = round_page(start);
	end = trunc_page(end);
	npages = (end - start) >> PGSHIFT;
	array_pages = round_page(npages * sizeof(struct vm_page)) >> PGSHIFT;
	vm_page_array = (struct vm_page *)PHYS_TO_DMAP(start);
	first_pa = start;
	last_pa = end;
	memset(vm_page_array, 0, array_pages << PGSHIFT);
	for (i = array_pages; i < npages; i++) {
		struct vm_page *m = &vm_page_array[i];

		m->flags = PG_FREE;
		m->next = free_list;
		free_list = m;
		v_free_count++;
	}
	v_page_count = npages - array_pages;
	for (i = 0; i < array_pages; i++)
		vm_page_array[i].ref_count = 1;
}

/* Take [start, end) off the free list (the device tree, for one). */
void
vm_page_reserve(paddr_t start, paddr_t end)
{
	struct vm_page **mp;

	spin_lock(&vm_page_lock);
	for (mp = &free_list; *mp != NULL;) {
		paddr_t pa = VM_PAGE_TO_PHYS(*mp);

		if (pa + PGSIZE > start && pa < end) {
			(*mp)->flags = 0;
			(*mp)->ref_count = 1;
			*mp = (*mp)->next;
			v_free_count--;
			v_page_count--;
		} else
			mp = &(*mp)->next;
	}
	spin_unlock(&vm_page_lock);
}

/*
 * Fault injection for fork's unwinding (debug.fail_point.fork_page_alloc):
 * while armed in the running process, the chosen allocation fails.
 */
static int
failpoint_hit(void)
{
	struct proc *p = curproc;

	if (p == NULL || p->p_failpoint <= 0)
		return (0);
	if (p->p_failcount-- > 0)
		return (0);
	p->p_failpoint = 0;
	return (1);
}

paddr_t
vm_page_alloc(void)
{
	struct vm_page *m;

	if (failpoint_hit())
		return (0);
	spin_lock(&vm_page_lock);
	m = free_list;
	if (m != NULL) {
		free_list = m->next;
		v_free_count--;
	}
	spin_unlock(&vm_page_lock);
	if (m == NULL)
		return (0);
	KASSERT(m->flags & PG_FREE, "allocated frame not free");
	m->flags &= PG_ZERO;		/* vm_page_alloc_zero wants to know */
	m->next = NULL;
	m->ref_count = 1;
	m->objcount = 0;
	m->objsize = 0;
	return (VM_PAGE_TO_PHYS(m));
}

paddr_t
vm_page_alloc_zero(void)
{
	paddr_t pa = vm_page_alloc();
	struct vm_page *m;

	if (pa == 0)
		return (0);
	m = PHYS_TO_VM_PAGE(pa);
	if (m->flags & PG_ZERO)
		v_zero_hits++;		/* the pagezero process did it */
	else
		memset((void *)PHYS_TO_DMAP(pa), 0, PGSIZE);
	m->flags &= ~PG_ZERO;
	return (pa);
}

/*
 * The pagezero kernel process (FreeBSD had one too): ten times a second
 * it zeroes a few free pages in place, so that vm_page_alloc_zero can
 * skip the work.  It takes no page off the free list, so the free count
 * never moves; it holds the free-list lock for one page at a time.
 */
#define	PAGEZERO_BATCH	16

void
vm_pagezero(void *arg, struct trapframe *frame)
{
	struct vm_page *m;
	int n;

	for (;;) {
		(void)msleep((void *)&v_zero_count, NULL, 0, "pgzero", HZ / 10);
		for (n = 0; n < PAGEZERO_BATCH; n++) {
			spin_lock(&vm_page_lock);
			for (m = free_list; m != NULL && (m->flags & PG_ZERO);
			    m = m->next)
				;
			if (m != NULL) {
				memset((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)),
				    0, PGSIZE);
				m->flags |= PG_ZERO;
				v_zero_count++;
			}
			spin_unlock(&vm_page_lock);
			if (m == NULL)
				break;
		}
	}
}

void
vm_page_hold(paddr_t pa)
{
	struct vm_page *m = PHYS_TO_VM_PAGE(pa);

	KASSERT(m->ref_count > 0, "hold of a free frame");
	__atomic_add_fetch(&m->ref_count, 1, __ATOMIC_RELAXED);
}

/*
 * Drop a reference and return how many are left, without freeing the
 * frame at 0: the caller then owns it and frees it with
 * vm_page_free_unreferenced() (a page table must release its frames
 * first).
 */
uint32
vm_page_unhold_keep(paddr_t pa)
{
	struct vm_page *m = PHYS_TO_VM_PAGE(pa);

	KASSERT(m->ref_count > 0, "unhold of a free frame");
	return (__atomic_sub_fetch(&m->ref_count, 1, __ATOMIC_ACQ_REL));
}

/* Drop a reference; the last one puts the frame back on the free list. */
void
vm_page_unhold(paddr_t pa)
{
	if (vm_page_unhold_keep(pa) == 0)
		vm_page_free_unreferenced(pa);
}

void
vm_page_free_unreferenced(paddr_t pa)
{
	struct vm_page *m = PHYS_TO_VM_PAGE(pa);

	KASSERT(m->ref_count == 0, "freeing a referenced frame");
	m->flags = PG_FREE;
	spin_lock(&vm_page_lock);
	m->next = free_list;
	free_list = m;
	v_free_count++;
	spin_unlock(&vm_page_lock);
}

uint32
vm_page_refs(paddr_t pa)
{
	return (__atomic_load_n(&PHYS_TO_VM_PAGE(pa)->ref_count,
	    __ATOMIC_RELAXED));
}

void *
kmem_alloc_page(void)
{
	paddr_t pa = vm_page_alloc_zero();

	if (pa == 0)
		return (NULL);
	PHYS_TO_VM_PAGE(pa)->flags |= PG_KMEM;
	return ((void *)PHYS_TO_DMAP(pa));
}

void
kmem_free_page(void *va)
{
	vm_page_unhold(DMAP_TO_PHYS((vaddr_t)va));
}
