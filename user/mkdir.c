/* mkdir.c: make directories; -p makes missing parents and allows existing. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Make every prefix of path that doesn't exist yet, then path itself. */
static int
mkpath(char *path)
{
	struct stat sb;
	char *p;

	for (p = path; *p == '/'; p++)
		;
	for (;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		{
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0777) != 0 && (errno != EEXIST ||
			    stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
				if (errno == EEXIST)
					errno = ENOTDIR;
				warn("%s", path);
				*p = c;
				return (1);
			}
			*p = c;
		}
		/* Skip runs of slashes; stop at the end. */
		while (*p == '/')
			p++;
		if (*p == '\0')
			return (0);
	}
}

int
main(int argc, char **argv)
{
	int ch, i, pflag = 0, status = 0;

	while ((ch = getopt(argc, argv, "p")) != -1) {
		if (ch != 'p') {
			fprintf(stderr, "usage: mkdir [-p] directory ...\n");
			return (1);
		}
		pflag = 1;
	}
	if (optind == argc) {
		fprintf(stderr, "usage: mkdir [-p] directory ...\n");
		return (1);
	}
	for (i = optind; i < argc; i++) {
		if (pflag)
			status |= mkpath(argv[i]);
		else if (mkdir(argv[i], 0777) != 0) {
			warn("%s", argv[i]);
			status = 1;
		}
	}
	return (status);
}
