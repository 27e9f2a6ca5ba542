/* err.c: err(3), warn(3) and friends: "prog: message: strerror(errno)". */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Build the whole message first so it goes out in one write(2). */
static void
vmessage(int witherrno, int error, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	fflush(stdout);
	n = snprintf(msg, sizeof(msg), "%s: ", getprogname());
	if (fmt != NULL && n < sizeof(msg))
		n += vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	if (witherrno && n < sizeof(msg))
		n += snprintf(msg + n, sizeof(msg) - n, "%s%s",
		    fmt != NULL ? ": " : "", strerror(error));
	if (n >= sizeof(msg) - 1)
		n = sizeof(msg) - 2;
	msg[n++] = '\n';
	fwrite(msg, 1, n, stderr);
}

void
vwarn(const char *fmt, va_list ap)
{
	vmessage(1, errno, fmt, ap);
}

void
vwarnx(const char *fmt, va_list ap)
{
	vmessage(0, 0, fmt, ap);
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
err(int eval, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(eval);
}

void
errx(int eval, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	exit(eval);
}
