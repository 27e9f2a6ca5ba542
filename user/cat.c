/* cat.c: copy files (or standard input, or "-") to standard output. */
#include <err.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static char	buf[4096];

/* Copy fd to stdout; 0 on success. */
static int
copy(int fd, const char *name)
{
	ssize_t n, w, off;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (off = 0; off < n; off += w)
			if ((w = write(1, buf + off, n - off)) <= 0) {
				warn("stdout");
				return (1);
			}
	if (n < 0) {
		warn("%s", name);
		return (1);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	int i, fd, status = 0;

	if (argc > 1 && strcmp(argv[1], "-u") == 0) {
		/* Unbuffered is all we do anyway. */
		argv++;
		argc--;
	}
	if (argc < 2)
		return (copy(0, "stdin"));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= copy(0, "stdin");
			continue;
		}
		if ((fd = open(argv[i], O_RDONLY)) < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return (status);
}
