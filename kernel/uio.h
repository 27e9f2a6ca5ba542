/*
 * uio.h: a description of one I/O transfer between the kernel and a
 * buffer that is either in user space or in the kernel (FreeBSD's uio,
 * with a single segment).  uiomove() does the copy and advances it.
 */
#ifndef _UIO_H_
#define _UIO_H_

#include "types.h"

enum uio_rw { UIO_READ, UIO_WRITE };
enum uio_seg { UIO_USERSPACE, UIO_SYSSPACE };

struct uio {
	char		*uio_base;	/* next byte of the caller's buffer */
	size_t		uio_resid;	/* bytes still to move */
	off_t		uio_offset;	/* offset in the file */
	enum uio_seg	uio_segflg;	/* where uio_base points */
	enum uio_rw	uio_rw;		/* UIO_READ: kernel -> buffer */
};

/*
 * Move up to n bytes between kernel address kaddr and the uio's buffer,
 * in the uio's direction.  Returns 0 or EFAULT.
 */
int	uiomove(void *kaddr, size_t n, struct uio *uio);

#endif /* !_UIO_H_ */
