/* types.h: kernel-wide basic types and helpers. */
#ifndef _TYPES_H_
#define _TYPES_H_

#include <sys/types.h>

typedef unsigned char	uchar;
typedef uint16_t	uint16;
typedef uint32_t	uint32;
typedef uint64_t	uint64;
typedef int64_t		int64;
typedef uint32_t	uint;
typedef uint8_t		uint8;

typedef uint64_t	paddr_t;	/* physical address */
typedef uint64_t	vaddr_t;	/* virtual address */
typedef uint64_t	pt_entry_t;	/* Sv39 page-table entry */

#define	nitems(x)	(sizeof(x) / sizeof((x)[0]))
#define	MIN(a, b)	((a) < (b) ? (a) : (b))
#define	MAX(a, b)	((a) > (b) ? (a) : (b))
#define	roundup(x, y)	((((x) + ((y) - 1)) / (y)) * (y))
#define	rounddown(x, y)	(((x) / (y)) * (y))
#define	offsetof(t, m)	__builtin_offsetof(t, m)
#define	__unused	__attribute__((unused))
#define	__noreturn	__attribute__((noreturn))
#define	__packed	__attribute__((packed))
#define	__aligned(n)	__attribute__((aligned(n)))

typedef __builtin_va_list va_list;
#define	va_start(ap, last)	__builtin_va_start(ap, last)
#define	va_arg(ap, type)	__builtin_va_arg(ap, type)
#define	va_end(ap)		__builtin_va_end(ap)

typedef _Bool bool;
#define	true	1
#define	false	0

#endif /* !_TYPES_H_ */
