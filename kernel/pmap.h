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
	uint64		pm_active;	/* pcpu indexes running it (atomic) */
	long		pm_ptpages;	/* page-table pages (root included) */
};

/* Protection for pmap_enter: VM_PROT_* from vm_map.h map to PTE bits. */
extern struct pmap kernel_pmap;

void	pmap_bootstrap(paddr_t ram_end);
void	pmap_activate_kernel(void);
int	pmap_pinit(struct pmap *pm);	/* ENOMEM */
void	pmap_release(struct pmap *pm);	/* frees the lower half, frames too */
int	pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, int prot);
int	pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva);
paddr_t	pmap_extract(struct pmap *pm, vaddr_t va);	/* 0 if none */
void	pmap_activate(struct pmap *pm);
void	pmap_deactivate(struct pmap *pm);
void	pmap_shootdown(struct pmap *pm, vaddr_t va, size_t size);
#define	SHOOTDOWN_ALL	((size_t)-1)	/* also for non-leaf changes */

/* Copy-on-write support (vm_map.c's fork and fault paths). */
int	pmap_copy_cow(struct pmap *src, struct pmap *dst, vaddr_t sva,
	    vaddr_t eva, int prot);
int	pmap_share_table(struct pmap *src, struct pmap *dst, vaddr_t va);
int	pmap_make_private(struct pmap *pm, vaddr_t va);
int	pmap_share(struct pmap *src, struct pmap *dst, vaddr_t sva,
	    vaddr_t eva, int prot);
pt_entry_t pmap_pte(struct pmap *pm, vaddr_t va);	/* 0 if none */
void	pmap_cow_reuse(struct pmap *pm, vaddr_t va, int prot);
int	pmap_cow_replace(struct pmap *pm, vaddr_t va, paddr_t oldpa,
	    paddr_t newpa, int prot);
int	pmap_pte_allows(pt_entry_t pte, int prot);
void	pmap_kenter_kstack(vaddr_t va, paddr_t pa);
void	pmap_kremove_kstack(vaddr_t va);

#endif /* !_PMAP_H_ */
