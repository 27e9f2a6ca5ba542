/* stdint.h: fixed-width integers (the base types live in sys/types.h). */
#ifndef _STDINT_H_
#define _STDINT_H_

#include <sys/types.h>

typedef long		intmax_t;
typedef unsigned long	uintmax_t;

#define	INT8_MIN	(-0x7f - 1)
#define	INT16_MIN	(-0x7fff - 1)
#define	INT32_MIN	(-0x7fffffff - 1)
#define	INT64_MIN	(-0x7fffffffffffffffL - 1)
#define	INT8_MAX	0x7f
#define	INT16_MAX	0x7fff
#define	INT32_MAX	0x7fffffff
#define	INT64_MAX	0x7fffffffffffffffL
#define	UINT8_MAX	0xff
#define	UINT16_MAX	0xffff
#define	UINT32_MAX	0xffffffffU
#define	UINT64_MAX	0xffffffffffffffffUL

#define	INTPTR_MIN	INT64_MIN
#define	INTPTR_MAX	INT64_MAX
#define	UINTPTR_MAX	UINT64_MAX
#define	INTMAX_MIN	INT64_MIN
#define	INTMAX_MAX	INT64_MAX
#define	UINTMAX_MAX	UINT64_MAX
#define	SIZE_MAX	UINT64_MAX
#define	PTRDIFF_MIN	INT64_MIN
#define	PTRDIFF_MAX	INT64_MAX

#endif /* !_STDINT_H_ */
