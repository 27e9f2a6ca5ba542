/*
 * kern_malloc.c: malloc(9) for small kernel objects.  Sizes are rounded
 * up to a power of two from 16 to 2048 bytes; each bucket takes whole
 * pages and carves them into objects.  A page's vm_page counts its live
 * objects, and a page that becomes empty goes straight back to the page
 * allocator, so the free-page count returns exactly when objects are
 * freed (the leak tests rely on it).  Requests of more than 2048 bytes
 * get a whole page.
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "systm.h"
#include "spinlock.h"
#include "vm_page.h"
#include "malloc.h"

#define	MINBUCKET	4		/* 16 bytes */
#define	MAXBUCKET	11		/* 2048 bytes */

struct freeobj {
	struct freeobj	*next;
};

/* malloc_lock guards every bucket's free list and the pages' counts. */
static struct spinlock malloc_lock;
static struct freeobj *bucket[MAXBUCKET + 1];

void
malloc_init(void)
{
	spinlock_init(&malloc_lock, "malloc");
}

static int
size_to_bucket(size_t size)
{
	int b = MINBUCKET;

	while (((size_t)1 << b) < size)
		b++;
	return (b);
}

/* Carve a fresh page into objects of bucket b.  malloc_lock held. */
static int
bucket_refill(int b)
{
	paddr_t pa = vm_page_alloc();
	struct vm_page *m;
	char *va;
	size_t sz = (size_t)1 << b, off;

	if (pa == 0)
		return (ENOMEM);
	m = PHYS_TO_VM_PAGE(pa);
	m->flags |= PG_KMEM;
	m->objsize = sz;
	m->objcount = 0;
	va = (char *)PHYS_TO_DMAP(pa);
	for (off = 0; off < PGSIZE; off += sz) {
		struct freeobj *o = (struct freeobj *)(va + off);

		o->next = bucket[b];
		bucket[b] = o;
	}
	return (0);
}

void *
malloc(size_t size, int flags)
{
	struct freeobj *o;
	int b;

	if (size == 0)
		size = 1;
	if (size > PGSIZE)
		return (NULL);
	if (size > ((size_t)1 << MAXBUCKET)) {
		void *va = kmem_alloc_page();

		return (va);
	}
	b = size_to_bucket(size);
	spin_lock(&malloc_lock);
	if (bucket[b] == NULL && bucket_refill(b) != 0) {
		spin_unlock(&malloc_lock);
		return (NULL);
	}
	o = bucket[b];
	bucket[b] = o->next;
	PHYS_TO_VM_PAGE(DMAP_TO_PHYS((vaddr_t)o))->objcount++;
	spin_unlock(&malloc_lock);
	if (flags & M_ZERO)
		memset(o, 0, (size_t)1 << b);
	return (o);
}

/* Unlink every free object of page pa from bucket b.  malloc_lock held. */
static void
bucket_drain_page(int b, paddr_t pa)
{
	struct freeobj **op;

	for (op = &bucket[b]; *op != NULL;) {
		if (trunc_page(DMAP_TO_PHYS((vaddr_t)*op)) == pa)
			*op = (*op)->next;
		else
			op = &(*op)->next;
	}
}

void
free(void *addr)
{
	paddr_t pa;
	struct vm_page *m;
	struct freeobj *o = addr;
	int b;

	if (addr == NULL)
		return;
	pa = trunc_page(DMAP_TO_PHYS((vaddr_t)addr));
	m = PHYS_TO_VM_PAGE(pa);
	if (m->objsize == 0) {
		kmem_free_page(addr);		/* a whole-page object */
		return;
	}
	b = size_to_bucket(m->objsize);
	spin_lock(&malloc_lock);
	o->next = bucket[b];
	bucket[b] = o;
	if (--m->objcount == 0) {
		bucket_drain_page(b, pa);
		m->objsize = 0;
		spin_unlock(&malloc_lock);
		vm_page_unhold(pa);
		return;
	}
	spin_unlock(&malloc_lock);
}
