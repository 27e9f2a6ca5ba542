/* string.c: the memory and string functions of string.h and strings.h. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Keep gcc from recognising the loops below as memset/memcpy and
 * compiling them into calls to themselves.
 */
#define	NOLOOPCALLS	__attribute__((optimize("no-tree-loop-distribute-patterns")))

#define	WORDMASK	(sizeof(long) - 1)

NOLOOPCALLS void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned long w;

	/* Fill whole words once d is aligned: sbrk'd pages get big memsets. */
	while (n > 0 && ((uintptr_t)d & WORDMASK) != 0) {
		*d++ = (unsigned char)c;
		n--;
	}
	if (n >= sizeof(long)) {
		w = (unsigned char)c;
		w |= w << 8;
		w |= w << 16;
		w |= w << 32;
		for (; n >= sizeof(long); n -= sizeof(long), d += sizeof(long))
			*(unsigned long *)d = w;
	}
	while (n-- > 0)
		*d++ = (unsigned char)c;
	return (dst);
}

void
bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

NOLOOPCALLS void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return (dst);
	if (d < s || d >= s + n) {
		/* Forward copy is safe; go by words if both are aligned. */
		if ((((uintptr_t)d | (uintptr_t)s) & WORDMASK) == 0) {
			for (; n >= sizeof(long); n -= sizeof(long)) {
				*(unsigned long *)d = *(const unsigned long *)s;
				d += sizeof(long);
				s += sizeof(long);
			}
		}
		while (n-- > 0)
			*d++ = *s++;
	} else {
		/* dst overlaps the tail of src: copy backwards. */
		d += n;
		s += n;
		while (n-- > 0)
			*--d = *--s;
	}
	return (dst);
}

void *
memcpy(void *dst, const void *src, size_t n)
{
	return (memmove(dst, src, n));
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return (*p - *q);
	return (0);
}

void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return ((void *)p);
	return (NULL);
}

size_t
strlen(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		;
	return (p - s);
}

size_t
strnlen(const char *s, size_t maxlen)
{
	size_t n;

	for (n = 0; n < maxlen && s[n] != '\0'; n++)
		;
	return (n);
}

int
strcmp(const char *a, const char *b)
{
	for (; *a == *b; a++, b++)
		if (*a == '\0')
			return (0);
	return ((unsigned char)*a - (unsigned char)*b);
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return ((unsigned char)*a - (unsigned char)*b);
		if (*a == '\0')
			break;
	}
	return (0);
}

int
strcasecmp(const char *a, const char *b)
{
	return (strncasecmp(a, b, SIZE_MAX));
}

int
strncasecmp(const char *a, const char *b, size_t n)
{
	int ca, cb;

	for (; n > 0; n--, a++, b++) {
		ca = tolower((unsigned char)*a);
		cb = tolower((unsigned char)*b);
		if (ca != cb)
			return (ca - cb);
		if (ca == '\0')
			break;
	}
	return (0);
}

char *
strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		;
	return (dst);
}

/* Copies at most n bytes and pads with NULs; may leave dst unterminated. */
char *
strncpy(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i] != '\0'; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return (dst);
}

size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return (len);
}

size_t
strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	/* No NUL within size: dst is full and the result says so. */
	if (dlen == size)
		return (size + strlen(src));
	return (dlen + strlcpy(dst + dlen, src, size - dlen));
}

char *
strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return (dst);
}

char *
strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);

	for (; n > 0 && *src != '\0'; n--)
		*d++ = *src++;
	*d = '\0';
	return (dst);
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return ((char *)s);
		if (*s == '\0')
			return (NULL);
	}
}

char *
strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return ((char *)last);
	}
}

char *
strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack != '\0'; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return ((char *)haystack);
	return (n == 0 ? (char *)haystack : NULL);
}

size_t
strspn(const char *s, const char *accept)
{
	size_t n;

	for (n = 0; s[n] != '\0' && strchr(accept, s[n]) != NULL; n++)
		;
	return (n);
}

size_t
strcspn(const char *s, const char *reject)
{
	size_t n;

	for (n = 0; s[n] != '\0' && strchr(reject, s[n]) == NULL; n++)
		;
	return (n);
}

char *
strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return (*s != '\0' ? (char *)s : NULL);
}

char *
strsep(char **stringp, const char *delim)
{
	char *s = *stringp, *end;

	if (s == NULL)
		return (NULL);
	end = s + strcspn(s, delim);
	if (*end == '\0')
		*stringp = NULL;
	else {
		*end = '\0';
		*stringp = end + 1;
	}
	return (s);
}

char *
strtok_r(char *s, const char *delim, char **last)
{
	char *tok;

	if (s == NULL)
		s = *last;
	if (s == NULL)
		return (NULL);
	s += strspn(s, delim);
	if (*s == '\0') {
		*last = NULL;
		return (NULL);
	}
	tok = s;
	s += strcspn(s, delim);
	if (*s == '\0')
		*last = NULL;
	else {
		*s = '\0';
		*last = s + 1;
	}
	return (tok);
}

char *
strtok(char *s, const char *delim)
{
	static char *last;

	return (strtok_r(s, delim, &last));
}

char *
strdup(const char *s)
{
	return (strndup(s, SIZE_MAX));
}

char *
strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p;

	if ((p = malloc(len + 1)) == NULL)
		return (NULL);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}
