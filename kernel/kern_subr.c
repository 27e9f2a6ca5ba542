/*
 * kern_subr.c: moving data between the kernel and user space.  The
 * range checks live here; the fault-tolerant copy loops in support.S.
 */
#include "types.h"
#include "memlayout.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "uio.h"

int	copy_user(void *dst, const void *src, size_t len, void **onfault);
int	copy_user_str(char *dst, const char *usrc, size_t max, size_t *done,
	    void **onfault);

/* Is [uaddr, uaddr + len) entirely in the user half? */
static int
user_range_ok(const void *uaddr, size_t len)
{
	vaddr_t start = (vaddr_t)uaddr, end = start + len;

	return (end >= start && end <= VM_MAXUSER_ADDRESS);
}

int
copyin(const void *uaddr, void *kaddr, size_t len)
{
	if (len == 0)
		return (0);
	if (!user_range_ok(uaddr, len))
		return (EFAULT);
	return (copy_user(kaddr, uaddr, len, &curproc->p_onfault));
}

int
copyout(const void *kaddr, void *uaddr, size_t len)
{
	if (len == 0)
		return (0);
	if (!user_range_ok(uaddr, len))
		return (EFAULT);
	return (copy_user(uaddr, kaddr, len, &curproc->p_onfault));
}

int
copyinstr(const void *uaddr, char *kaddr, size_t maxlen, size_t *done)
{
	vaddr_t va = (vaddr_t)uaddr;
	size_t room;

	if (va >= VM_MAXUSER_ADDRESS)
		return (EFAULT);
	/* Never read past the user half, even when maxlen would allow. */
	room = VM_MAXUSER_ADDRESS - va;
	if (maxlen > room) {
		int error = copy_user_str(kaddr, uaddr, room, done,
		    &curproc->p_onfault);

		return (error == ENAMETOOLONG ? EFAULT : error);
	}
	return (copy_user_str(kaddr, uaddr, maxlen, done,
	    &curproc->p_onfault));
}

int
fueword(const void *uaddr, long *val)
{
	return (copyin(uaddr, val, sizeof(*val)));
}

int
uiomove(void *kaddr, size_t n, struct uio *uio)
{
	int error = 0;

	n = MIN(n, uio->uio_resid);
	if (n == 0)
		return (0);
	if (uio->uio_segflg == UIO_SYSSPACE) {
		if (uio->uio_rw == UIO_READ)
			memmove(uio->uio_base, kaddr, n);
		else
			memmove(kaddr, uio->uio_base, n);
	} else if (uio->uio_rw == UIO_READ)
		error = copyout(kaddr, uio->uio_base, n);
	else
		error = copyin(uio->uio_base, kaddr, n);
	if (error != 0)
		return (error);
	uio->uio_base += n;
	uio->uio_resid -= n;
	uio->uio_offset += n;
	return (0);
}
