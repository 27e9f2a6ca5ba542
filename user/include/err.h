/* err.h: BSD error messages prefixed with the program name. */
#ifndef _ERR_H_
#define _ERR_H_

#include <stdarg.h>

void	err(int eval, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
void	errx(int eval, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
void	warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	vwarn(const char *fmt, va_list ap);
void	vwarnx(const char *fmt, va_list ap);

#endif /* !_ERR_H_ */
