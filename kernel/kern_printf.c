/*
 * kern_printf.c: formatted output for the kernel.  printf() goes to the
 * console: through SBI before the UART is set up, and straight to the
 * UART afterwards; a spinlock keeps lines from different harts apart.
 */
#include "types.h"
#include "systm.h"
#include "spinlock.h"
#include "console.h"

static struct spinlock printf_lock;
static int printf_lock_ready;

struct out {
	void	(*put)(struct out *, int);
	char	*buf;
	size_t	len, size;
};

static void
put_console(struct out *o, int c)
{
	cons_putc_kernel(c);
	o->len++;
}

static void
put_buffer(struct out *o, int c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void
put_number(struct out *o, uint64 v, int base, int neg, int width, int zero,
    int left, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	pad = width - n - neg;
	if (!left && !zero)
		for (; pad > 0; pad--)
			o->put(o, ' ');
	if (neg)
		o->put(o, '-');
	if (!left && zero)
		for (; pad > 0; pad--)
			o->put(o, '0');
	while (n > 0)
		o->put(o, tmp[--n]);
	for (; left && pad > 0; pad--)
		o->put(o, ' ');
}

/* The formatter: %d %i %u %x %X %o %p %s %c %%, flags - 0, width, l/ll/z. */
static void
kvprintf(struct out *o, const char *fmt, va_list ap)
{
	for (; *fmt != '\0'; fmt++) {
		int lng = 0, width = 0, zero = 0, left = 0, prec = -1;
		const char *s;
		int64 sv;
		uint64 uv;

		if (*fmt != '%') {
			o->put(o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				zero = 1;
			else
				break;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			prec = 0;
			for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'j') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = lng ? va_arg(ap, int64) : va_arg(ap, int);
			put_number(o, sv < 0 ? -(uint64)sv : (uint64)sv, 10,
			    sv < 0, width, zero, left, 0);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			uv = lng ? va_arg(ap, uint64) : va_arg(ap, uint32);
			put_number(o, uv, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 :
			    16, 0, width, zero, left, *fmt == 'X');
			break;
		case 'p':
			o->put(o, '0');
			o->put(o, 'x');
			put_number(o, (uint64)va_arg(ap, void *), 16, 0, 16, 1,
			    0, 0);
			break;
		case 'c':
			o->put(o, va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			{
				int n = 0, pad;

				while (s[n] != '\0' && (prec < 0 || n < prec))
					n++;
				pad = width - n;
				for (; !left && pad > 0; pad--)
					o->put(o, ' ');
				for (int i = 0; i < n; i++)
					o->put(o, s[i]);
				for (; left && pad > 0; pad--)
					o->put(o, ' ');
			}
			break;
		case '%':
			o->put(o, '%');
			break;
		case '\0':
			return;
		default:
			o->put(o, '%');
			o->put(o, *fmt);
			break;
		}
	}
}

int
printf(const char *fmt, ...)
{
	struct out o = { put_console, NULL, 0, 0 };
	va_list ap;
	int locked = 0;

	if (!printf_lock_ready) {
		spinlock_init(&printf_lock, "printf");
		printf_lock_ready = 1;
	}
	/* A panicking hart must not wait for a lock another hart holds. */
	if (!panicstr_set) {
		spin_lock(&printf_lock);
		locked = 1;
	}
	va_start(ap, fmt);
	kvprintf(&o, fmt, ap);
	va_end(ap);
	if (locked)
		spin_unlock(&printf_lock);
	return (o.len);
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { put_buffer, buf, 0, size };

	kvprintf(&o, fmt, ap);
	if (size > 0)
		buf[MIN(o.len, size - 1)] = '\0';
	return (o.len);
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

/* panic() prints through this, with the lock already bypassed. */
void
vprintf_panic(const char *fmt, va_list ap)
{
	struct out o = { put_console, NULL, 0, 0 };

	kvprintf(&o, fmt, ap);
}
