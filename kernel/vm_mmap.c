/*
 * vm_mmap.c: system calls that change the address space: sbrk, and
 * anonymous mmap, munmap and minherit (FreeBSD's semantics; mapping files
 * is not supported).
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "systm.h"
#include "proc.h"
#include "vm_map.h"
#include "sysproto.h"
#include <sys/mman.h>

/* sbrk(incr): move the break; returns the old one.  ENOMEM if it can't. */
int
sys_sbrk(struct proc *p, struct sbrk_args *uap)
{
	vaddr_t old;
	int error;

	if ((error = vm_map_sbrk(p->p_vmspace, uap->incr, &old)) != 0)
		return (error);
	p->p_retval[0] = old;
	return (0);
}

/* Is [addr, addr + len) a non-empty range of the user half? */
static int
user_range(vaddr_t addr, size_t len)
{
	return (len > 0 && addr + len > addr && addr >= USER_TEXT_BASE &&
	    addr + len <= VM_MAXUSER_ADDRESS);
}

/*
 * mmap(addr, len, prot, flags, fd, pos): anonymous memory only.  Private
 * mappings are demand-zero and copied on write after fork; shared ones
 * are backed at once and stay shared with children.  Without MAP_FIXED
 * the address is chosen below the stack.
 */
int
sys_mmap(struct proc *p, struct mmap_args *uap)
{
	vaddr_t addr = (vaddr_t)uap->addr;
	size_t len = round_page(uap->len);
	int flags = uap->flags, share, error;

	if (uap->len == 0 || len < uap->len)
		return (EINVAL);
	if (uap->prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return (EINVAL);
	share = flags & (MAP_SHARED | MAP_PRIVATE);
	if (share == 0 || share == (MAP_SHARED | MAP_PRIVATE))
		return (EINVAL);
	if (flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANON))
		return (EINVAL);
	if (!(flags & MAP_ANON))
		return (uap->fd < 0 ? EBADF : ENODEV);	/* no file mappings */
	if (uap->fd != -1 || uap->pos != 0)
		return (EINVAL);
	if (!vm_anon_fits(len >> PGSHIFT))
		return (ENOMEM);
	if (flags & MAP_FIXED) {
		if ((addr & PGOFSET) || !user_range(addr, len))
			return (EINVAL);
		if ((error = vm_map_remove(p->p_vmspace, addr, addr + len)) != 0)
			return (error);
	} else if ((error = vm_map_findspace(p->p_vmspace, len, &addr)) != 0)
		return (error);
	error = vm_map_insert(p->p_vmspace, addr, addr + len, uap->prot,
	    share == MAP_SHARED ? INHERIT_SHARE : INHERIT_COPY,
	    MAP_ENTRY_MMAP | (share == MAP_SHARED ? MAP_ENTRY_SHARED : 0));
	if (error != 0)
		return (error);
	p->p_retval[0] = addr;
	return (0);
}

int
sys_munmap(struct proc *p, struct munmap_args *uap)
{
	vaddr_t addr = (vaddr_t)uap->addr;
	size_t len = round_page(uap->len);

	if ((addr & PGOFSET) || !user_range(addr, len) || len < uap->len)
		return (EINVAL);
	return (vm_map_remove(p->p_vmspace, addr, addr + len));
}

int
sys_minherit(struct proc *p, struct minherit_args *uap)
{
	vaddr_t start = trunc_page((vaddr_t)uap->addr);
	vaddr_t end = round_page((vaddr_t)uap->addr + uap->len);

	if (!user_range(start, end - start))
		return (EINVAL);
	return (vm_map_inherit(p->p_vmspace, start, end, uap->inherit));
}
