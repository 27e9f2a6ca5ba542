/*
 * printf.c: the formatting engine behind the printf family, and the
 * string and descriptor front ends.  No floating point: user code is
 * built soft-float and the C library avoids it altogether.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "local.h"

/* Flags of one conversion specification. */
#define	FL_LEFT		0x01	/* '-' */
#define	FL_ZERO		0x02	/* '0' */
#define	FL_PLUS		0x04	/* '+' */
#define	FL_SPACE	0x08	/* ' ' */
#define	FL_ALT		0x10	/* '#' */

/* Length modifiers. */
enum fmtlen { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE,
	LEN_MAX, LEN_PTRDIFF };

struct fmtout {
	fmt_emit_t	*emit;
	void		*arg;
	int		count;
};

static void
out(struct fmtout *o, const char *s, size_t len)
{
	if (len == 0)
		return;
	o->emit(o->arg, s, len);
	o->count += (int)len;
}

/* Emit n copies of c, a chunk at a time. */
static void
pad(struct fmtout *o, char c, int n)
{
	char chunk[16];
	int k;

	if (n <= 0)
		return;
	memset(chunk, c, sizeof(chunk));
	for (; n > 0; n -= k) {
		k = n < (int)sizeof(chunk) ? n : (int)sizeof(chunk);
		out(o, chunk, k);
	}
}

/* Pad s to the field width, honouring '-'. */
static void
field(struct fmtout *o, const char *s, int len, int width, int flags)
{
	if (!(flags & FL_LEFT))
		pad(o, ' ', width - len);
	out(o, s, len);
	if (flags & FL_LEFT)
		pad(o, ' ', width - len);
}

/*
 * One integer conversion: v is the magnitude, neg its sign (signed
 * conversions only), base 8, 10 or 16.  The layout is
 * [spaces][sign][0x][zeros][digits][spaces].
 */
static void
number(struct fmtout *o, uintmax_t v, int neg, int base, int upper,
    int flags, int width, int prec, int conv)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24], sign[1], *p;
	const char *prefix = "";
	int ndig, nsign = 0, nprefix = 0, nzero, total;

	p = buf + sizeof(buf);
	/* Precision 0 prints nothing for a zero value, as C says. */
	while (v != 0 || (p == buf + sizeof(buf) && prec != 0)) {
		*--p = digits[v % base];
		v /= base;
	}
	ndig = buf + sizeof(buf) - p;
	if (neg)
		sign[nsign++] = '-';
	else if (flags & FL_PLUS)
		sign[nsign++] = '+';
	else if (flags & FL_SPACE)
		sign[nsign++] = ' ';
	if (conv == 'p' || ((flags & FL_ALT) && base == 16 &&
	    !(ndig == 1 && *p == '0') && ndig > 0)) {
		prefix = upper ? "0X" : "0x";
		nprefix = 2;
	}
	nzero = prec > ndig ? prec - ndig : 0;
	/* '#' with octal: make sure the first digit printed is a 0. */
	if ((flags & FL_ALT) && base == 8 && nzero == 0 &&
	    (ndig == 0 || *p != '0'))
		nzero = 1;
	total = nsign + nprefix + nzero + ndig;
	if ((flags & (FL_ZERO | FL_LEFT)) == FL_ZERO && prec < 0 &&
	    width > total) {
		nzero += width - total;
		total = width;
	}
	if (!(flags & FL_LEFT))
		pad(o, ' ', width - total);
	out(o, sign, nsign);
	out(o, prefix, nprefix);
	pad(o, '0', nzero);
	out(o, p, ndig);
	if (flags & FL_LEFT)
		pad(o, ' ', width - total);
}

/* Read a decimal number or '*' at *fmtp; returns -1 if there is none. */
static int
getnum(const char **fmtp, va_list *app)
{
	const char *f = *fmtp;
	int n;

	if (*f == '*') {
		*fmtp = f + 1;
		return (va_arg(*app, int));
	}
	if (*f < '0' || *f > '9')
		return (-1);
	for (n = 0; *f >= '0' && *f <= '9'; f++)
		if (n < INT_MAX / 10)
			n = n * 10 + (*f - '0');
	*fmtp = f;
	return (n);
}

int
__format(fmt_emit_t *emit, void *arg, const char *fmt, va_list ap0)
{
	struct fmtout o = { emit, arg, 0 };
	const char *f, *s;
	enum fmtlen len;
	uintmax_t uv;
	intmax_t sv;
	va_list ap;
	int flags, width, prec, base;
	char c;

	/* va_list may be an array type: work on a copy we can point to. */
	va_copy(ap, ap0);
	for (f = fmt; *f != '\0';) {
		if (*f != '%') {
			s = f;
			while (*f != '\0' && *f != '%')
				f++;
			out(&o, s, f - s);
			continue;
		}
		s = f++;		/* s: start of the spec, for bad ones */
		for (flags = 0;; f++) {
			if (*f == '-')
				flags |= FL_LEFT;
			else if (*f == '0')
				flags |= FL_ZERO;
			else if (*f == '+')
				flags |= FL_PLUS;
			else if (*f == ' ')
				flags |= FL_SPACE;
			else if (*f == '#')
				flags |= FL_ALT;
			else
				break;
		}
		width = getnum(&f, &ap);
		if (width < -1 || (width < 0 && f[-1] == '*')) {
			/* A negative '*' width means left-justify. */
			flags |= FL_LEFT;
			width = width == INT_MIN ? 0 : -width;
		}
		prec = -1;
		if (*f == '.') {
			f++;
			prec = getnum(&f, &ap);
			if (prec < 0 && f[-1] != '*')
				prec = 0;	/* "%.d": precision 0 */
			else if (prec < 0)
				prec = -1;	/* negative '*': as if absent */
		}
		len = LEN_INT;
		switch (*f) {
		case 'h':
			len = LEN_SHORT;
			if (*++f == 'h') {
				len = LEN_CHAR;
				f++;
			}
			break;
		case 'l':
			len = LEN_LONG;
			if (*++f == 'l') {
				len = LEN_LLONG;
				f++;
			}
			break;
		case 'q':
			len = LEN_LLONG;
			f++;
			break;
		case 'z':
			len = LEN_SIZE;
			f++;
			break;
		case 'j':
			len = LEN_MAX;
			f++;
			break;
		case 't':
			len = LEN_PTRDIFF;
			f++;
			break;
		}
		switch (c = *f++) {
		case 'd':
		case 'i':
			switch (len) {
			case LEN_CHAR:
				sv = (signed char)va_arg(ap, int);
				break;
			case LEN_SHORT:
				sv = (short)va_arg(ap, int);
				break;
			case LEN_INT:
				sv = va_arg(ap, int);
				break;
			case LEN_LLONG:
				sv = va_arg(ap, long long);
				break;
			default:	/* long, ssize_t, intmax_t, ptrdiff_t */
				sv = va_arg(ap, long);
				break;
			}
			/* Negate as unsigned so that INTMAX_MIN survives. */
			uv = sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv;
			number(&o, uv, sv < 0, 10, 0,
			    flags, width, prec, c);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			switch (len) {
			case LEN_CHAR:
				uv = (unsigned char)va_arg(ap, unsigned int);
				break;
			case LEN_SHORT:
				uv = (unsigned short)va_arg(ap, unsigned int);
				break;
			case LEN_INT:
				uv = va_arg(ap, unsigned int);
				break;
			case LEN_LLONG:
				uv = va_arg(ap, unsigned long long);
				break;
			default:
				uv = va_arg(ap, unsigned long);
				break;
			}
			base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
			number(&o, uv, 0, base, c == 'X',
			    flags & ~(FL_PLUS | FL_SPACE), width, prec, c);
			break;
		case 'p':
			uv = (uintptr_t)va_arg(ap, void *);
			number(&o, uv, 0, 16, 0, flags & ~(FL_PLUS | FL_SPACE),
			    width, prec, c);
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			field(&o, &c, 1, width, flags);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			field(&o, s, prec >= 0 ? (int)strnlen(s, prec) :
			    (int)strlen(s), width, flags);
			break;
		case '%':
			out(&o, "%", 1);
			break;
		case '\0':
			/* A lone '%' at the end: print what we saw. */
			f--;
			out(&o, s, f - s);
			break;
		default:
			/* Unknown conversion (%n among them): print it as is. */
			out(&o, s, f - s);
			break;
		}
	}
	va_end(ap);
	return (o.count);
}

/* snprintf's sink: keep what fits, count the rest. */
struct strsink {
	char	*buf;
	size_t	size;		/* room, NUL included */
	size_t	pos;
};

static void
str_emit(void *arg, const char *s, size_t len)
{
	struct strsink *ss = arg;
	size_t n;

	if (ss->pos + 1 < ss->size) {
		n = ss->size - 1 - ss->pos;
		if (n > len)
			n = len;
		memcpy(ss->buf + ss->pos, s, n);
	}
	ss->pos += len;
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct strsink ss = { buf, size, 0 };
	int n;

	n = __format(str_emit, &ss, fmt, ap);
	if (size > 0)
		buf[ss.pos < size ? ss.pos : size - 1] = '\0';
	return (n);
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (n);
}

int
vsprintf(char *buf, const char *fmt, va_list ap)
{
	return (vsnprintf(buf, SIZE_MAX, fmt, ap));
}

int
sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, SIZE_MAX, fmt, ap);
	va_end(ap);
	return (n);
}

/*
 * dprintf's sink: gather output in a small buffer so that a line
 * usually reaches the descriptor in one write(2).
 */
struct fdsink {
	int	fd;
	size_t	len;
	int	error;
	char	buf[256];
};

static void
fd_flush(struct fdsink *fs)
{
	size_t off;
	ssize_t n;

	for (off = 0; off < fs->len; off += n) {
		n = write(fs->fd, fs->buf + off, fs->len - off);
		if (n <= 0) {
			fs->error = 1;
			break;
		}
	}
	fs->len = 0;
}

static void
fd_emit(void *arg, const char *s, size_t len)
{
	struct fdsink *fs = arg;
	size_t n;

	while (len > 0) {
		if (fs->len == sizeof(fs->buf))
			fd_flush(fs);
		n = sizeof(fs->buf) - fs->len;
		if (n > len)
			n = len;
		memcpy(fs->buf + fs->len, s, n);
		fs->len += n;
		s += n;
		len -= n;
	}
}

int
vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fdsink fs;
	int n;

	fs.fd = fd;
	fs.len = 0;
	fs.error = 0;
	n = __format(fd_emit, &fs, fmt, ap);
	fd_flush(&fs);
	return (fs.error ? -1 : n);
}

int
dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return (n);
}
