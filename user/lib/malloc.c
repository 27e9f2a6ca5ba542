/*
 * malloc.c: a first-fit allocator on sbrk(2).  Free blocks sit on a list
 * sorted by address so that free() can merge a block with its neighbours;
 * the heap only grows.  Every block starts with a 16-byte header, which
 * keeps the payload 16-byte aligned as the RISC-V psABI expects.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct mblock {
	size_t		mb_size;	/* whole block, header included */
	struct mblock	*mb_next;	/* next free block by address */
};

#define	MB_ALIGN	16
#define	MB_HDR		sizeof(struct mblock)
/* Ask the kernel for at least this much at a time. */
#define	MB_GROW		(16 * 1024)
/* Don't split off a remainder too small to be useful. */
#define	MB_MINSPLIT	(MB_HDR + MB_ALIGN)

static struct mblock	*freelist;	/* lowest-addressed free block */

/* Put b on the free list, merging it with adjacent free blocks. */
static void
mb_release(struct mblock *b)
{
	struct mblock *prev = NULL, *next = freelist;

	while (next != NULL && next < b) {
		prev = next;
		next = next->mb_next;
	}
	b->mb_next = next;
	if (next != NULL && (char *)b + b->mb_size == (char *)next) {
		b->mb_size += next->mb_size;
		b->mb_next = next->mb_next;
	}
	if (prev == NULL)
		freelist = b;
	else if ((char *)prev + prev->mb_size == (char *)b) {
		prev->mb_size += b->mb_size;
		prev->mb_next = b->mb_next;
	} else
		prev->mb_next = b;
}

/* Extend the heap by at least need bytes; 0 on success. */
static int
mb_grow(size_t need)
{
	struct mblock *b;
	uintptr_t brk, pad;
	char *p;

	if (need < MB_GROW)
		need = MB_GROW;
	/* The first break may be unaligned (it follows the program image). */
	brk = (uintptr_t)sbrk(0);
	pad = (MB_ALIGN - (brk & (MB_ALIGN - 1))) & (MB_ALIGN - 1);
	if (need > (size_t)INTPTR_MAX - pad)
		return (-1);
	p = sbrk(need + pad);
	if (p == (char *)-1)
		return (-1);
	b = (struct mblock *)(p + pad);
	b->mb_size = need;
	mb_release(b);
	return (0);
}

void *
malloc(size_t size)
{
	struct mblock *b, *prev, *rest;
	size_t need;

	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return (NULL);
	}
	need = (size + MB_HDR + MB_ALIGN - 1) & ~(size_t)(MB_ALIGN - 1);
	for (;;) {
		for (prev = NULL, b = freelist; b != NULL;
		    prev = b, b = b->mb_next) {
			if (b->mb_size < need)
				continue;
			if (b->mb_size - need >= MB_MINSPLIT) {
				/* Carve from the front; the rest stays free. */
				rest = (struct mblock *)((char *)b + need);
				rest->mb_size = b->mb_size - need;
				rest->mb_next = b->mb_next;
				b->mb_size = need;
			} else
				rest = b->mb_next;
			if (prev == NULL)
				freelist = rest;
			else
				prev->mb_next = rest;
			b->mb_next = NULL;
			return ((char *)b + MB_HDR);
		}
		if (mb_grow(need) != 0) {
			errno = ENOMEM;
			return (NULL);
		}
	}
}

void
free(void *ptr)
{
	if (ptr == NULL)
		return;
	mb_release((struct mblock *)((char *)ptr - MB_HDR));
}

void *
calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		return (NULL);
	}
	if ((p = malloc(nmemb * size)) != NULL)
		memset(p, 0, nmemb * size);
	return (p);
}

void *
realloc(void *ptr, size_t size)
{
	struct mblock *b;
	size_t have;
	void *p;

	if (ptr == NULL)
		return (malloc(size));
	b = (struct mblock *)((char *)ptr - MB_HDR);
	have = b->mb_size - MB_HDR;
	/* Shrinking (or growing within the slack) keeps the block. */
	if (size <= have)
		return (ptr);
	if ((p = malloc(size)) == NULL)
		return (NULL);
	memcpy(p, ptr, have);
	free(ptr);
	return (p);
}

void *
reallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		return (NULL);
	}
	return (realloc(ptr, nmemb * size));
}
