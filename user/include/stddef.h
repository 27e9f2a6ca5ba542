/* stddef.h: NULL, size_t, ptrdiff_t and offsetof. */
#ifndef _STDDEF_H_
#define _STDDEF_H_

#include <sys/types.h>

typedef long		ptrdiff_t;
typedef int		wchar_t;

#ifndef offsetof
#define	offsetof(type, member)	__builtin_offsetof(type, member)
#endif

#endif /* !_STDDEF_H_ */
