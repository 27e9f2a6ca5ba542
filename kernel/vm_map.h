/*
 * vm_map.h: address spaces.  A vmspace is a reference-counted object:
 * the pmap plus a sorted list of regions (map entries).  Processes made
 * with RFMEM, vfork or CLONE_VM share one vmspace; fork gives the child
 * its own (vmspace_fork).  This stage copies pages eagerly at fork; the
 * copy-on-write layer replaces the copy loop, not the interface.
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
	int		flags;		/* MAP_ENTRY_* */
};

#define	MAP_ENTRY_TEXT		0x01	/* from the executable */
#define	MAP_ENTRY_HEAP		0x02	/* sbrk's region */
#define	MAP_ENTRY_STACK		0x04	/* the user stack */

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

struct vmspace	*vmspace_alloc(void);		/* NULL on ENOMEM */
void		vmspace_free(struct vmspace *vm);	/* drop a ref */
struct vmspace	*vmspace_hold(struct vmspace *vm);
int		vmspace_fork(struct vmspace *vm1, struct vmspace **vm2p);
int		vm_map_insert(struct vmspace *vm, vaddr_t start, vaddr_t end,
		    int prot, int flags);
int		vm_map_sbrk(struct vmspace *vm, long incr, vaddr_t *oldbrk);
int		vmspace_copyout(struct vmspace *vm, vaddr_t uva,
		    const void *kbuf, size_t len);
int		vm_fault(struct vmspace *vm, vaddr_t va, int fault_type);
long		vmspace_resident(struct vmspace *vm);	/* bytes mapped */

#endif /* !_VM_MAP_H_ */
