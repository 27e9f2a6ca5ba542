/*
 * vm_page.h: physical page frames.  Every frame of RAM has a struct
 * vm_page with a reference count, so that the copy-on-write layer can
 * share a frame between address spaces.  Frames are handed out one at a
 * time from a free list guarded by vm_page_lock.
 */
#ifndef _VM_PAGE_H_
#define _VM_PAGE_H_

#include "types.h"
#include "riscv.h"

struct vm_page {
	struct vm_page	*next;		/* free list link, or malloc's use */
	uint32		ref_count;	/* mappings and holders (atomic) */
	uint16		flags;		/* PG_* */
	uint16		objcount;	/* malloc: objects in use */
	uint32		objsize;	/* malloc: object size, 0 if none */
};

#define	PG_FREE		0x0001		/* on the free list */
#define	PG_KMEM		0x0002		/* kernel-owned (malloc, stacks) */
#define	PG_ZERO		0x0004		/* known to be all zeros (pagezero) */

void	vm_page_startup(paddr_t start, paddr_t end);	/* free [start,end) */
void	vm_page_reserve(paddr_t start, paddr_t end);	/* keep out */
paddr_t	vm_page_alloc(void);		/* ref 1, not zeroed; 0 if none */
paddr_t	vm_page_alloc_zero(void);	/* ref 1, zeroed; 0 if none */
void	vm_page_hold(paddr_t pa);	/* ref_count++ */
void	vm_page_unhold(paddr_t pa);	/* ref_count--; freed at 0 */
uint32	vm_page_unhold_keep(paddr_t pa);	/* ref_count--, never frees */
void	vm_page_free_unreferenced(paddr_t pa);
uint32	vm_page_refs(paddr_t pa);
struct vm_page *PHYS_TO_VM_PAGE(paddr_t pa);

/* Convenience for kernel data structures: a page in the direct map. */
void	*kmem_alloc_page(void);		/* zeroed, NULL if none */
void	kmem_free_page(void *va);

extern volatile uint64 v_free_count;	/* vm.stats.vm.v_free_count */
extern volatile uint64 v_zero_count, v_zero_hits;
struct trapframe;
void	vm_pagezero(void *arg, struct trapframe *frame);
extern uint64 v_page_count;		/* frames managed */

#endif /* !_VM_PAGE_H_ */
