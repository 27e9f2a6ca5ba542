/*
 * stdio.c: buffered streams.  stdout is line buffered (we cannot ask
 * whether it is a terminal yet), stderr unbuffered, other streams fully
 * buffered.  Reading any stream first flushes stdout so that prompts
 * show before the program blocks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "local.h"

static unsigned char	stdinbuf[BUFSIZ], stdoutbuf[BUFSIZ];

static FILE	files[FOPEN_MAX] = {
	{ 0, SF_INUSE | SF_READ, _IOFBF, stdinbuf, BUFSIZ, 0, 0, 0, EOF },
	{ 1, SF_INUSE | SF_WRITE, _IOLBF, stdoutbuf, BUFSIZ, 0, 0, 0, EOF },
	{ 2, SF_INUSE | SF_WRITE, _IONBF, NULL, 0, 0, 0, 0, EOF },
};

FILE	*stdin = &files[0];
FILE	*stdout = &files[1];
FILE	*stderr = &files[2];

/* Write all of s to fp's descriptor; 0 or EOF. */
static int
writeall(FILE *fp, const unsigned char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fp->fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fp->flags |= SF_ERR;
			return (EOF);
		}
		s += n;
		len -= n;
	}
	return (0);
}

int
fflush(FILE *fp)
{
	size_t len;

	if (fp == NULL) {
		__flushall();
		return (0);
	}
	if (fp->wlen == 0)
		return (0);
	len = fp->wlen;
	fp->wlen = 0;
	return (writeall(fp, fp->buf, len));
}

void
__flushall(void)
{
	int i;

	for (i = 0; i < FOPEN_MAX; i++)
		if ((files[i].flags & (SF_INUSE | SF_WRITE)) ==
		    (SF_INUSE | SF_WRITE))
			fflush(&files[i]);
}

/*
 * Before writing to a stream we were reading: give the read-ahead back
 * to the file offset so the write lands where the reader stopped.
 */
static void
stopreading(FILE *fp)
{
	if (fp->rpos < fp->rlen)
		lseek(fp->fd, -(off_t)(fp->rlen - fp->rpos), SEEK_CUR);
	fp->rpos = fp->rlen = 0;
	fp->ungot = EOF;
}

/* Allocate a stream's buffer on first use; fall back to unbuffered. */
static void
makebuf(FILE *fp)
{
	if (fp->buf != NULL || fp->bufmode == _IONBF)
		return;
	if ((fp->buf = malloc(BUFSIZ)) == NULL) {
		fp->bufmode = _IONBF;
		return;
	}
	fp->bufsize = BUFSIZ;
	fp->flags |= SF_MYBUF;
}

/* The one way bytes go into a stream. */
int
__swrite(FILE *fp, const char *s, size_t len)
{
	size_t n;
	const char *nl;

	if (!(fp->flags & SF_WRITE)) {
		fp->flags |= SF_ERR;
		errno = EBADF;
		return (EOF);
	}
	if (fp->rlen != 0 || fp->ungot != EOF)
		stopreading(fp);
	makebuf(fp);
	if (fp->bufmode == _IONBF)
		return (writeall(fp, (const unsigned char *)s, len));
	while (len > 0) {
		n = fp->bufsize - fp->wlen;
		if (n > len)
			n = len;
		memcpy(fp->buf + fp->wlen, s, n);
		fp->wlen += n;
		s += n;
		len -= n;
		if (fp->wlen == fp->bufsize && fflush(fp) != 0)
			return (EOF);
	}
	/* Line buffering: flush if the last chunk ended a line anywhere. */
	if (fp->bufmode == _IOLBF && fp->wlen > 0) {
		nl = memchr(fp->buf, '\n', fp->wlen);
		if (nl != NULL && fflush(fp) != 0)
			return (EOF);
	}
	return (0);
}

int
fputc(int c, FILE *fp)
{
	char ch = (char)c;

	if (__swrite(fp, &ch, 1) != 0)
		return (EOF);
	return ((unsigned char)ch);
}

int
putc(int c, FILE *fp)
{
	return (fputc(c, fp));
}

int
putchar(int c)
{
	return (fputc(c, stdout));
}

int
fputs(const char *s, FILE *fp)
{
	return (__swrite(fp, s, strlen(s)) != 0 ? EOF : 0);
}

int
puts(const char *s)
{
	if (__swrite(stdout, s, strlen(s)) != 0 ||
	    __swrite(stdout, "\n", 1) != 0)
		return (EOF);
	return (0);
}

size_t
fwrite(const void *ptr, size_t size, size_t nmemb, FILE *fp)
{
	if (size == 0 || nmemb == 0)
		return (0);
	if (__swrite(fp, ptr, size * nmemb) != 0)
		return (0);
	return (nmemb);
}

/* Refill fp's buffer; returns the byte count, 0 at EOF, -1 on error. */
static ssize_t
refill(FILE *fp)
{
	ssize_t n;

	/* Show what we have written before we block for input. */
	fflush(stdout);
	if (fp->wlen > 0)
		fflush(fp);
	makebuf(fp);
	fp->rpos = fp->rlen = 0;
	do {
		if (fp->bufmode == _IONBF) {
			/* Unbuffered: read into ungot's worth of space. */
			unsigned char ch;

			n = read(fp->fd, &ch, 1);
			if (n == 1)
				fp->ungot = ch;
		} else
			n = read(fp->fd, fp->buf, fp->bufsize);
	} while (n < 0 && errno == EINTR);
	if (n == 0)
		fp->flags |= SF_EOF;
	else if (n < 0)
		fp->flags |= SF_ERR;
	else if (fp->bufmode != _IONBF)
		fp->rlen = n;
	return (n);
}

int
fgetc(FILE *fp)
{
	int c;

	if (!(fp->flags & SF_READ)) {
		fp->flags |= SF_ERR;
		errno = EBADF;
		return (EOF);
	}
	if (fp->ungot != EOF) {
		c = fp->ungot;
		fp->ungot = EOF;
		return (c);
	}
	if (fp->rpos == fp->rlen) {
		if (refill(fp) <= 0)
			return (EOF);
		if (fp->bufmode == _IONBF) {
			c = fp->ungot;
			fp->ungot = EOF;
			return (c);
		}
	}
	return (fp->buf[fp->rpos++]);
}

int
getc(FILE *fp)
{
	return (fgetc(fp));
}

int
getchar(void)
{
	return (fgetc(stdin));
}

int
ungetc(int c, FILE *fp)
{
	if (c == EOF || fp->ungot != EOF)
		return (EOF);
	fp->ungot = (unsigned char)c;
	fp->flags &= ~SF_EOF;
	return ((unsigned char)c);
}

char *
fgets(char *buf, int size, FILE *fp)
{
	int c, i;

	if (size <= 0)
		return (NULL);
	for (i = 0; i < size - 1; ) {
		if ((c = fgetc(fp)) == EOF)
			break;
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return (NULL);
	buf[i] = '\0';
	return (buf);
}

ssize_t
getdelim(char **linep, size_t *capp, int delim, FILE *fp)
{
	size_t len = 0, ncap;
	char *p;
	int c;

	for (;;) {
		c = fgetc(fp);
		/* Room for this byte and the NUL. */
		if (*linep == NULL || len + 2 > *capp) {
			ncap = *capp < 64 ? 128 : *capp * 2;
			if ((p = realloc(*linep, ncap)) == NULL)
				return (-1);
			*linep = p;
			*capp = ncap;
		}
		if (c == EOF)
			break;
		(*linep)[len++] = (char)c;
		if (c == delim)
			break;
	}
	(*linep)[len] = '\0';
	return (len == 0 ? -1 : (ssize_t)len);
}

ssize_t
getline(char **linep, size_t *capp, FILE *fp)
{
	return (getdelim(linep, capp, '\n', fp));
}

size_t
fread(void *ptr, size_t size, size_t nmemb, FILE *fp)
{
	unsigned char *p = ptr;
	size_t want, got, n;

	if (size == 0 || nmemb == 0)
		return (0);
	want = size * nmemb;
	for (got = 0; got < want; got += n) {
		if (fp->ungot != EOF || fp->rpos == fp->rlen) {
			int c = fgetc(fp);

			if (c == EOF)
				break;
			p[got] = (unsigned char)c;
			n = 1;
			continue;
		}
		n = fp->rlen - fp->rpos;
		if (n > want - got)
			n = want - got;
		memcpy(p + got, fp->buf + fp->rpos, n);
		fp->rpos += n;
	}
	return (got / size);
}

/* Parse an fopen(3) mode string into open(2) flags and stream flags. */
static int
parsemode(const char *mode, int *oflagsp, int *sflagsp)
{
	int oflags, sflags;

	switch (mode[0]) {
	case 'r':
		oflags = O_RDONLY;
		sflags = SF_READ;
		break;
	case 'w':
		oflags = O_WRONLY | O_CREAT | O_TRUNC;
		sflags = SF_WRITE;
		break;
	case 'a':
		oflags = O_WRONLY | O_CREAT | O_APPEND;
		sflags = SF_WRITE;
		break;
	default:
		errno = EINVAL;
		return (-1);
	}
	for (mode++; *mode != '\0'; mode++) {
		if (*mode == '+') {
			oflags = (oflags & ~O_ACCMODE) | O_RDWR;
			sflags = SF_READ | SF_WRITE;
		} else if (*mode == 'e')
			oflags |= O_CLOEXEC;
		else if (*mode == 'x')
			oflags |= O_EXCL;
	}
	*oflagsp = oflags;
	*sflagsp = sflags;
	return (0);
}

static FILE *
newfile(int fd, int sflags)
{
	FILE *fp;

	for (fp = files; fp < files + FOPEN_MAX; fp++) {
		if (fp->flags & SF_INUSE)
			continue;
		memset(fp, 0, sizeof(*fp));
		fp->fd = fd;
		fp->flags = SF_INUSE | sflags;
		fp->bufmode = _IOFBF;
		fp->ungot = EOF;
		return (fp);
	}
	errno = EMFILE;
	return (NULL);
}

FILE *
fdopen(int fd, const char *mode)
{
	int oflags, sflags;

	if (parsemode(mode, &oflags, &sflags) != 0)
		return (NULL);
	return (newfile(fd, sflags));
}

FILE *
fopen(const char *path, const char *mode)
{
	int fd, oflags, sflags, error;
	FILE *fp;

	if (parsemode(mode, &oflags, &sflags) != 0)
		return (NULL);
	if ((fd = open(path, oflags, 0666)) < 0)
		return (NULL);
	if ((fp = newfile(fd, sflags)) == NULL) {
		error = errno;
		close(fd);
		errno = error;
	}
	return (fp);
}

int
fclose(FILE *fp)
{
	int r;

	r = fflush(fp);
	if (close(fp->fd) != 0)
		r = EOF;
	if (fp->flags & SF_MYBUF)
		free(fp->buf);
	memset(fp, 0, sizeof(*fp));
	return (r);
}

int
setvbuf(FILE *fp, char *buf, int mode, size_t size)
{
	fflush(fp);
	if (fp->flags & SF_MYBUF)
		free(fp->buf);
	fp->flags &= ~SF_MYBUF;
	fp->buf = NULL;
	fp->bufsize = 0;
	fp->bufmode = mode;
	if (mode != _IONBF && buf != NULL && size > 0) {
		fp->buf = (unsigned char *)buf;
		fp->bufsize = size;
	}
	return (0);
}

int
fileno(FILE *fp)
{
	return (fp->fd);
}

int
feof(FILE *fp)
{
	return ((fp->flags & SF_EOF) != 0);
}

int
ferror(FILE *fp)
{
	return ((fp->flags & SF_ERR) != 0);
}

void
clearerr(FILE *fp)
{
	fp->flags &= ~(SF_EOF | SF_ERR);
}

/* vfprintf's sink. */
static void
file_emit(void *arg, const char *s, size_t len)
{
	__swrite(arg, s, len);
}

int
vfprintf(FILE *fp, const char *fmt, va_list ap)
{
	unsigned char tmp[256];
	int n, oflags;

	/*
	 * An unbuffered stream gets a buffer for the length of this call,
	 * so that a message reaches the descriptor in one piece rather
	 * than one write(2) per conversion.
	 */
	if (fp->bufmode == _IONBF && (fp->flags & SF_WRITE)) {
		oflags = fp->flags;
		fp->buf = tmp;
		fp->bufsize = sizeof(tmp);
		fp->bufmode = _IOFBF;
		n = __format(file_emit, fp, fmt, ap);
		fflush(fp);
		fp->buf = NULL;
		fp->bufsize = 0;
		fp->bufmode = _IONBF;
		fp->flags = (fp->flags & SF_ERR) | oflags;
	} else
		n = __format(file_emit, fp, fmt, ap);
	return (ferror(fp) ? -1 : n);
}

int
fprintf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(fp, fmt, ap);
	va_end(ap);
	return (n);
}

int
vprintf(const char *fmt, va_list ap)
{
	return (vfprintf(stdout, fmt, ap));
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return (n);
}
