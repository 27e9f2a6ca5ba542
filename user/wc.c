/* wc.c: count lines, words and bytes; -l, -w, -c pick which. */
#include <ctype.h>
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int	lflag, wflag, cflag;
static long	tlines, twords, tbytes;

static void
report(long lines, long words, long bytes, const char *name)
{
	if (lflag)
		printf(" %7ld", lines);
	if (wflag)
		printf(" %7ld", words);
	if (cflag)
		printf(" %7ld", bytes);
	if (name != NULL)
		printf(" %s", name);
	putchar('\n');
}

static int
count(int fd, const char *name)
{
	static char buf[4096];
	long lines = 0, words = 0, bytes = 0;
	int inword = 0;
	ssize_t n, i;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		bytes += n;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				lines++;
			if (isspace((unsigned char)buf[i]))
				inword = 0;
			else if (!inword) {
				inword = 1;
				words++;
			}
		}
	}
	if (n < 0) {
		warn("%s", name != NULL ? name : "stdin");
		return (1);
	}
	report(lines, words, bytes, name);
	tlines += lines;
	twords += words;
	tbytes += bytes;
	return (0);
}

int
main(int argc, char **argv)
{
	int ch, i, fd, status = 0;

	while ((ch = getopt(argc, argv, "clw")) != -1) {
		switch (ch) {
		case 'c':
			cflag = 1;
			break;
		case 'l':
			lflag = 1;
			break;
		case 'w':
			wflag = 1;
			break;
		default:
			fprintf(stderr, "usage: wc [-clw] [file ...]\n");
			return (1);
		}
	}
	if (!lflag && !wflag && !cflag)
		lflag = wflag = cflag = 1;
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return (count(0, NULL));
	for (i = 0; i < argc; i++) {
		if ((fd = open(argv[i], O_RDONLY)) < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		status |= count(fd, argv[i]);
		close(fd);
	}
	if (argc > 1)
		report(tlines, twords, tbytes, "total");
	return (status);
}
