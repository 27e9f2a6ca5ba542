/* stdlib.h: memory allocation, conversions, the environment and exit. */
#ifndef _STDLIB_H_
#define _STDLIB_H_

#include <sys/types.h>

#define	EXIT_SUCCESS	0
#define	EXIT_FAILURE	1

void	exit(int status) __attribute__((noreturn));
int	atexit(void (*fn)(void));
void	abort(void) __attribute__((noreturn));

void	*malloc(size_t size);
void	*calloc(size_t nmemb, size_t size);
void	*realloc(void *ptr, size_t size);
void	*reallocarray(void *ptr, size_t nmemb, size_t size);
void	free(void *ptr);

int	abs(int j);
long	labs(long j);
int	atoi(const char *s);
long	atol(const char *s);
long	strtol(const char *s, char **endp, int base);
unsigned long strtoul(const char *s, char **endp, int base);
long long strtoll(const char *s, char **endp, int base);
unsigned long long strtoull(const char *s, char **endp, int base);

char	*getenv(const char *name);
int	setenv(const char *name, const char *value, int overwrite);
int	unsetenv(const char *name);
int	putenv(char *string);

void	qsort(void *base, size_t nmemb, size_t size,
	    int (*compar)(const void *, const void *));

const char *getprogname(void);
void	setprogname(const char *name);

#endif /* !_STDLIB_H_ */
