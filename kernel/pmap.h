/*
 * pmap.h: the machine-dependent page tables (Sv39).  Only pmap.c touches
 * PTEs.  A pmap's lower half is its own; its upper half is the kernel's,
 * shared by copying the kernel's root entries when the pmap is made.
 */
#ifndef _PMAP_H_
#define _PMAP_H_

#include "types.h"
#include "spinlock.h"

struct pmap {
	struct spinlock	pm_lock;	/* guards the page tables */
	paddr_t		pm_root;	/* physical address of the root */
	uint64		pm_active;	/* bitmask of harts using it */
	long		pm_ptpages;	/* page-table pages (root included) */
};

/* Protection for pmap_enter: VM_PROT_* from vm_map.h map to PTE bits. */
extern struct pmap kernel_pmap;

void	pmap_bootstrap(paddr_t ram_end);
void	pmap_activate_kernel(void);
int	pmap_pinit(struct pmap *pm);	/* ENOMEM */
void	pmap_release(struct pmap *pm);	/* frees the lower-half tables */
int	pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, int prot);
void	pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva);
paddr_t	pmap_extract(struct pmap *pm, vaddr_t va);	/* 0 if none */
void	pmap_activate(struct pmap *pm);
void	pmap_kenter_kstack(vaddr_t va, paddr_t pa);
void	pmap_kremove_kstack(vaddr_t va);

#endif /* !_PMAP_H_ */
