/* vm_mmap.c: system calls that change the address space: sbrk. */
#include "types.h"
#include "systm.h"
#include "proc.h"
#include "vm_map.h"
#include "sysproto.h"

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
