/*
 * vm_map.h: address spaces.  A vmspace is a reference-counted object:
 * the pmap plus a sorted list of regions (map entries).  Processes made
 * with RFMEM, vfork or CLONE_VM share one vmspace; fork gives the child
 * its own (vmspace_fork), sharing private pages copy-on-write.
 *
 * Pages are demand-zero: a region's pages are backed on first touch
 * (vm_fault), except MAP_SHARED regions, which are backed when made so
 * that every process that inherits them sees the same frames.
 */
#ifndef _VM_MAP_H_
#define _VM_MAP_H_

#include "types.h"
#include "sleeplock.h"
#include "pmap.h"
#include "vm.h"

struct vm_map_entry {
	struct vm_map_entry *next;	/* next region up */
	vaddr_t		start;		/* first byte */
	vaddr_t		end;		/* one past the last byte */
	int		prot;		/* VM_PROT_* */
	int		inheritance;	/* INHERIT_* of <sys/mman.h> */
	int		flags;		/* MAP_ENTRY_* */
};

#define	MAP_ENTRY_TEXT		0x01	/* from the executable */
#define	MAP_ENTRY_HEAP		0x02	/* sbrk's region */
#define	MAP_ENTRY_STACK		0x04	/* the user stack */
#define	MAP_ENTRY_SHARED	0x08	/* MAP_SHARED: frames shared */
#define	MAP_ENTRY_MMAP		0x10	/* made by mmap */

/* The stack region's size: it is demand-zero, so the limit costs nothing. */
#define	MAXSSIZ		(8UL << 20)
/* mmap places regions below the stack and its guard page. */
#define	MMAP_TOP	(USRSTACK - MAXSSIZ - PGSIZE)

struct vmspace {
	int		vm_refcnt;	/* processes sharing it (atomic) */
	struct sleeplock vm_lock;	/* guards the entry list and sizes */
	struct pmap	vm_pmap;
	struct vm_map_entry *vm_entries;
	vaddr_t		vm_daddr;	/* start of the heap */
	vaddr_t		vm_brk;		/* current break */
	long		vm_tsize;	/* text pages */
	long		vm_dsize;	/* data + heap pages */
	long		vm_ssize;	/* stack pages */
};

/* Free pages that sbrk and mmap leave for page tables and the kernel. */
#define	VM_RESERVE_PAGES	256

/* Copy-on-write counters (vm.cow.*). */
extern volatile unsigned long cow_faults, cow_copies, cow_reuses;
extern int vm_cow_enabled;		/* 0 when built with COW=0 */

struct vmspace	*vmspace_alloc(void);		/* NULL on ENOMEM */
void		vmspace_free(struct vmspace *vm);	/* drop a ref */
struct vmspace	*vmspace_hold(struct vmspace *vm);
int		vmspace_fork(struct vmspace *vm1, struct vmspace **vm2p);
int		vm_map_insert(struct vmspace *vm, vaddr_t start, vaddr_t end,
		    int prot, int inheritance, int flags);
int		vm_map_remove(struct vmspace *vm, vaddr_t start, vaddr_t end);
int		vm_map_inherit(struct vmspace *vm, vaddr_t start, vaddr_t end,
		    int inheritance);
int		vm_map_findspace(struct vmspace *vm, size_t len,
		    vaddr_t *addrp);
int		vm_map_sbrk(struct vmspace *vm, long incr, vaddr_t *oldbrk);
int		vmspace_copyout(struct vmspace *vm, vaddr_t uva,
		    const void *kbuf, size_t len);
paddr_t		vm_map_wire_page(struct vmspace *vm, vaddr_t va);
int		vm_fault(struct vmspace *vm, vaddr_t va, int fault_type);
long		vmspace_resident(struct vmspace *vm);	/* bytes mapped */
int		vm_anon_fits(size_t npages);
struct proc;
struct vmspace	*vmspace_install(struct proc *p, struct vmspace *vm);

#endif /* !_VM_MAP_H_ */
