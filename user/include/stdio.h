/* stdio.h: buffered streams and formatted output. */
#ifndef _STDIO_H_
#define _STDIO_H_

#include <sys/types.h>
#include <stdarg.h>

#define	EOF		(-1)
#define	BUFSIZ		1024
#define	FOPEN_MAX	20

/* setvbuf(3) modes */
#define	_IOFBF		0	/* fully buffered */
#define	_IOLBF		1	/* line buffered */
#define	_IONBF		2	/* unbuffered */

#ifndef SEEK_SET
#define	SEEK_SET	0
#define	SEEK_CUR	1
#define	SEEK_END	2
#endif

typedef struct __sFILE FILE;

extern FILE	*stdin;
extern FILE	*stdout;
extern FILE	*stderr;

FILE	*fopen(const char *path, const char *mode);
FILE	*fdopen(int fd, const char *mode);
int	fclose(FILE *fp);
int	fflush(FILE *fp);
int	setvbuf(FILE *fp, char *buf, int mode, size_t size);
int	fileno(FILE *fp);
int	feof(FILE *fp);
int	ferror(FILE *fp);
void	clearerr(FILE *fp);

int	fgetc(FILE *fp);
int	getc(FILE *fp);
int	getchar(void);
int	ungetc(int c, FILE *fp);
char	*fgets(char *buf, int size, FILE *fp);
ssize_t	getline(char **linep, size_t *capp, FILE *fp);
ssize_t	getdelim(char **linep, size_t *capp, int delim, FILE *fp);
size_t	fread(void *ptr, size_t size, size_t nmemb, FILE *fp);

int	fputc(int c, FILE *fp);
int	putc(int c, FILE *fp);
int	putchar(int c);
int	fputs(const char *s, FILE *fp);
int	puts(const char *s);
size_t	fwrite(const void *ptr, size_t size, size_t nmemb, FILE *fp);

int	printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	fprintf(FILE *fp, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	dprintf(int fd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	sprintf(char *buf, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	vprintf(const char *fmt, va_list ap);
int	vfprintf(FILE *fp, const char *fmt, va_list ap);
int	vdprintf(int fd, const char *fmt, va_list ap);
int	vsprintf(char *buf, const char *fmt, va_list ap);
int	vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void	perror(const char *s);

#endif /* !_STDIO_H_ */
