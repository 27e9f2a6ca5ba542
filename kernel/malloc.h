/*
 * malloc.h: the kernel's small-object allocator (FreeBSD's malloc(9)
 * names).  Objects up to a page; pages whose objects are all free go back
 * to the page allocator at once, so the free-page count stays exact.
 */
#ifndef _MALLOC_H_
#define _MALLOC_H_

#include "types.h"

#define	M_NOWAIT	0x0001	/* return NULL instead of... (we never wait) */
#define	M_ZERO		0x0100	/* zero the memory */

void	*malloc(size_t size, int flags);	/* NULL when out of memory */
void	free(void *addr);
void	malloc_init(void);

#endif /* !_MALLOC_H_ */
