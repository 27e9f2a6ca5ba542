/* ln.c: make hard links: "ln file link", or "ln file ... directory". */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int	fflag;

static int
linkone(const char *src, const char *dst)
{
	char path[PATH_MAX];
	const char *base;
	struct stat sb;

	/* Linking into a directory keeps the source's last component. */
	if (stat(dst, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		base = strrchr(src, '/');
		base = base != NULL ? base + 1 : src;
		snprintf(path, sizeof(path), "%s/%s", dst, base);
		dst = path;
	}
	if (fflag && unlink(dst) != 0 && errno != ENOENT) {
		warn("%s", dst);
		return (1);
	}
	if (link(src, dst) != 0) {
		warn("%s", dst);
		return (1);
	}
	return (0);
}

static void
usage(void)
{
	fprintf(stderr, "usage: ln [-f] source [target]\n"
	    "       ln [-f] source ... directory\n");
}

int
main(int argc, char **argv)
{
	struct stat sb;
	int ch, i, status = 0;
	const char *base;

	while ((ch = getopt(argc, argv, "fs")) != -1) {
		switch (ch) {
		case 'f':
			fflag = 1;
			break;
		case 's':
			errx(1, "symbolic links are not supported");
		default:
			usage();
			return (1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 1) {
		/* "ln path" links path into the current directory. */
		base = strrchr(argv[0], '/');
		return (linkone(argv[0], base != NULL ? base + 1 : argv[0]));
	}
	if (argc < 2) {
		usage();
		return (1);
	}
	if (argc > 2 && (stat(argv[argc - 1], &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)))
		errx(1, "%s: not a directory", argv[argc - 1]);
	for (i = 0; i < argc - 1; i++)
		status |= linkone(argv[i], argv[argc - 1]);
	return (status);
}
