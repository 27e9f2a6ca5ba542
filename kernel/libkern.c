/* libkern.c: memory and string helpers for the kernel. */
#include "types.h"
#include "systm.h"

void *
memset(void *dst, int c, size_t n)
{
	uchar *d = dst;

	if ((((uintptr_t)d | n) & 7) == 0) {
		uint64 v = (uchar)c;

		v |= v << 8;
		v |= v << 16;
		v |= v << 32;
		for (; n > 0; n -= 8, d += 8)
			*(uint64 *)d = v;
		return (dst);
	}
	while (n-- > 0)
		*d++ = c;
	return (dst);
}

void *
memmove(void *dst, const void *src, size_t n)
{
	uchar *d = dst;
	const uchar *s = src;

	if (d == s || n == 0)
		return (dst);
	if (d < s || d >= s + n) {
		if ((((uintptr_t)d | (uintptr_t)s | n) & 7) == 0) {
			for (; n > 0; n -= 8, d += 8, s += 8)
				*(uint64 *)d = *(const uint64 *)s;
			return (dst);
		}
		while (n-- > 0)
			*d++ = *s++;
	} else {
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
	const uchar *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return (*p - *q);
	return (0);
}

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return (n);
}

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return ((uchar)*a - (uchar)*b);
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return ((uchar)*a - (uchar)*b);
		if (*a == '\0')
			break;
	}
	return (0);
}

/* Copy with truncation; the result is always NUL-terminated (size > 0). */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = MIN(len, size - 1);

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return (len);
}

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
