/* local.h: libc-internal declarations shared between the files of user/lib. */
#ifndef _LIBC_LOCAL_H_
#define _LIBC_LOCAL_H_

#include <stdarg.h>
#include <stdio.h>

/* A stdio stream.  Reading and writing share buf, one at a time. */
struct __sFILE {
	int		fd;
	int		flags;		/* SF_* below */
	int		bufmode;	/* _IOFBF, _IOLBF or _IONBF */
	unsigned char	*buf;
	size_t		bufsize;
	size_t		wlen;		/* bytes buffered for writing */
	size_t		rpos;		/* next unread byte in buf */
	size_t		rlen;		/* bytes of buf holding read data */
	int		ungot;		/* ungetc(3) byte, or EOF */
};

#define	SF_INUSE	0x01	/* slot taken */
#define	SF_READ		0x02	/* opened for reading */
#define	SF_WRITE	0x04	/* opened for writing */
#define	SF_EOF		0x08	/* end of file seen */
#define	SF_ERR		0x10	/* I/O error seen */
#define	SF_MYBUF	0x20	/* buf is malloc'd by us */

/*
 * The printf engine: formats fmt/ap and hands the output, in pieces, to
 * emit(arg, bytes, len).  Returns the number of bytes formatted.
 */
typedef void	fmt_emit_t(void *arg, const char *s, size_t len);
int	__format(fmt_emit_t *emit, void *arg, const char *fmt, va_list ap);

/* stdio.c */
int	__swrite(FILE *fp, const char *s, size_t len);
void	__flushall(void);

/* execvp(3) with an environment: PATH search for execvp, posix_spawnp. */
int	__execvpe(const char *file, char *const argv[], char *const envp[]);

#endif /* !_LIBC_LOCAL_H_ */
