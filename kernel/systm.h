/*
 * systm.h: what every kernel file may use: printing, panics, assertions,
 * memory and string helpers, and the user-memory copy routines.
 */
#ifndef _SYSTM_H_
#define _SYSTM_H_

#include "types.h"
#include <sys/errno.h>

/* kern_printf.c */
int	printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* kern_shutdown.c */
void	panic(const char *fmt, ...) __noreturn
	    __attribute__((format(printf, 1, 2)));
extern volatile int panicstr_set;	/* set once a hart has panicked */

#define	KASSERT(exp, msg) do {						\
	if (__builtin_expect(!(exp), 0))				\
		panic("assertion \"%s\" failed at %s:%d: %s", #exp,	\
		    __FILE__, __LINE__, msg);				\
} while (0)

/* libkern.c */
void	*memset(void *dst, int c, size_t n);
void	*memcpy(void *dst, const void *src, size_t n);
void	*memmove(void *dst, const void *src, size_t n);
int	memcmp(const void *a, const void *b, size_t n);
size_t	strlen(const char *s);
int	strcmp(const char *a, const char *b);
int	strncmp(const char *a, const char *b, size_t n);
size_t	strlcpy(char *dst, const char *src, size_t size);
char	*strncpy(char *dst, const char *src, size_t n);
char	*strchr(const char *s, int c);

/*
 * support.S: copies between the kernel and user space.  They check that
 * the user range lies below VM_MAXUSER_ADDRESS and recover from faults:
 * 0 on success, EFAULT on a bad address (never a panic).
 */
int	copyin(const void *uaddr, void *kaddr, size_t len);
int	copyout(const void *kaddr, void *uaddr, size_t len);
/* Copy a NUL-terminated string; ENAMETOOLONG if longer than maxlen. */
int	copyinstr(const void *uaddr, char *kaddr, size_t maxlen, size_t *done);
int	fueword(const void *uaddr, long *val);	/* fetch a user word */

/* Time since boot. */
extern volatile uint64 ticks;		/* clock interrupts since boot */
uint64	nanouptime(void);		/* nanoseconds since boot */

#endif /* !_SYSTM_H_ */
