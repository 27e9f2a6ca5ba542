/* stdarg.h: variable argument lists, from the compiler's builtins. */
#ifndef _STDARG_H_
#define _STDARG_H_

typedef __builtin_va_list	va_list;
typedef __builtin_va_list	__va_list;

#define	va_start(ap, last)	__builtin_va_start((ap), (last))
#define	va_arg(ap, type)	__builtin_va_arg((ap), type)
#define	va_copy(dst, src)	__builtin_va_copy((dst), (src))
#define	va_end(ap)		__builtin_va_end(ap)

#endif /* !_STDARG_H_ */
