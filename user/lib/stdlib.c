/* stdlib.c: exit and abort, number conversions, qsort and the program name. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "local.h"

#define	ATEXIT_MAX	32

static void	(*atexit_fns[ATEXIT_MAX])(void);
static int	atexit_count;
static const char *progname = "";

int
atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX) {
		errno = ENOMEM;
		return (-1);
	}
	atexit_fns[atexit_count++] = fn;
	return (0);
}

/* Run atexit handlers last-registered first, flush stdio, then leave. */
void
exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	__flushall();
	_exit(status);
}

/*
 * Raise SIGABRT with it unblocked.  A handler may catch it and return;
 * then, as in FreeBSD, put back the default action and raise it again.
 * Don't flush stdio: the program's state is suspect.
 */
void
abort(void)
{
	struct sigaction sa;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
	(void)raise(SIGABRT);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	(void)sigaction(SIGABRT, &sa, NULL);
	(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
	(void)raise(SIGABRT);
	/* Still here?  Then nothing can kill us; leave anyway. */
	_exit(128 + SIGABRT);
}

int
abs(int j)
{
	return (j < 0 ? -j : j);
}

long
labs(long j)
{
	return (j < 0 ? -j : j);
}

/*
 * The common part of the strto* family: skip blanks, read a sign and a
 * base prefix, accumulate digits while the value stays <= limit.  Sets
 * *negp and *overp; *endp points past the digits, or at s itself when
 * there are none.
 */
static unsigned long
strtoux(const char *s, char **endp, int base, int *negp, int *overp,
    unsigned long limit)
{
	const char *p = s;
	unsigned long v = 0;
	int d, any = 0;

	*negp = *overp = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*negp = *p++ == '-';
	/* "0x" counts as a prefix only when a hex digit follows it. */
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0)
		base = p[0] == '0' ? 8 : 10;
	if (base < 2 || base > 36) {
		errno = EINVAL;
		if (endp != NULL)
			*endp = (char *)s;
		return (0);
	}
	for (;; p++) {
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		any = 1;
		if (v > (limit - d) / base)
			*overp = 1;
		else
			v = v * base + d;
	}
	if (endp != NULL)
		*endp = (char *)(any ? p : s);
	if (*overp)
		errno = ERANGE;
	return (v);
}

long
strtol(const char *s, char **endp, int base)
{
	unsigned long v;
	int neg, over;

	/* A negative value may reach one past LONG_MAX. */
	v = strtoux(s, endp, base, &neg, &over, (unsigned long)LONG_MAX + 1);
	if (over || (!neg && v > (unsigned long)LONG_MAX)) {
		errno = ERANGE;
		return (neg ? LONG_MIN : LONG_MAX);
	}
	/* Negate in unsigned arithmetic: LONG_MIN has no positive twin. */
	return (neg ? (long)(0 - v) : (long)v);
}

unsigned long
strtoul(const char *s, char **endp, int base)
{
	unsigned long v;
	int neg, over;

	v = strtoux(s, endp, base, &neg, &over, ULONG_MAX);
	if (over)
		return (ULONG_MAX);
	/* As C says, "-1" is ULONG_MAX. */
	return (neg ? 0 - v : v);
}

long long
strtoll(const char *s, char **endp, int base)
{
	return (strtol(s, endp, base));
}

unsigned long long
strtoull(const char *s, char **endp, int base)
{
	return (strtoul(s, endp, base));
}

int
atoi(const char *s)
{
	return ((int)strtol(s, NULL, 10));
}

long
atol(const char *s)
{
	return (strtol(s, NULL, 10));
}

/* Swap two elements of size bytes. */
static void
swap(char *a, char *b, size_t size)
{
	char t;

	for (; size > 0; size--, a++, b++) {
		t = *a;
		*a = *b;
		*b = t;
	}
}

/*
 * qsort: quicksort with a middle-element pivot, recursing into the
 * smaller half so the stack stays O(log n), insertion sort for short runs.
 */
void
qsort(void *base, size_t nmemb, size_t size,
    int (*compar)(const void *, const void *))
{
	char *b = base, *lo, *hi, *p;
	size_t i, j, nlo;

	while (nmemb > 6) {
		/* Move the pivot to the front, then partition the rest. */
		swap(b, b + (nmemb / 2) * size, size);
		lo = b + size;
		hi = b + (nmemb - 1) * size;
		for (;;) {
			while (lo <= hi && compar(lo, b) < 0)
				lo += size;
			while (lo <= hi && compar(hi, b) > 0)
				hi -= size;
			if (lo >= hi)
				break;
			swap(lo, hi, size);
			lo += size;
			hi -= size;
		}
		/* hi is the last element <= pivot: put the pivot there. */
		swap(b, hi, size);
		nlo = (hi - b) / size;
		if (nlo < nmemb - nlo - 1) {
			qsort(b, nlo, size, compar);
			b = hi + size;
			nmemb = nmemb - nlo - 1;
		} else {
			qsort(hi + size, nmemb - nlo - 1, size, compar);
			nmemb = nlo;
		}
	}
	for (i = 1; i < nmemb; i++)
		for (j = i; j > 0; j--) {
			p = b + j * size;
			if (compar(p - size, p) <= 0)
				break;
			swap(p - size, p, size);
		}
}

const char *
getprogname(void)
{
	return (progname);
}

/* Keep only the last path component, as BSD does. */
void
setprogname(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash != NULL ? slash + 1 : name;
}
