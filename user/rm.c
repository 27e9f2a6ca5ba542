/* rm.c: remove files; -r removes directories and their contents, -f is quiet. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int	fflag, rflag;

static int	rm(const char *path);

/*
 * Empty a directory.  The names are read first and the directory closed
 * before anything is removed, so we never read a directory we are
 * changing and never hold one descriptor per level.
 */
static int
rmcontents(const char *dir)
{
	char **names = NULL, **n2, path[PATH_MAX];
	size_t count = 0, cap = 0, i;
	struct dirent *d;
	DIR *dirp;
	int status = 0;

	if ((dirp = opendir(dir)) == NULL) {
		warn("%s", dir);
		return (1);
	}
	while ((d = readdir(dirp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			if ((n2 = reallocarray(names, cap, sizeof(*names))) ==
			    NULL)
				err(1, NULL);
			names = n2;
		}
		if ((names[count++] = strdup(d->d_name)) == NULL)
			err(1, NULL);
	}
	closedir(dirp);
	for (i = 0; i < count; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >=
		    (int)sizeof(path)) {
			errno = ENAMETOOLONG;
			warn("%s/%s", dir, names[i]);
			status = 1;
		} else
			status |= rm(path);
		free(names[i]);
	}
	free(names);
	return (status);
}

static int
rm(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) != 0) {
		if (fflag && errno == ENOENT)
			return (0);
		warn("%s", path);
		return (1);
	}
	if (S_ISDIR(sb.st_mode)) {
		if (!rflag) {
			warnx("%s: is a directory", path);
			return (1);
		}
		if (rmcontents(path) != 0)
			return (1);
		if (rmdir(path) != 0) {
			warn("%s", path);
			return (1);
		}
		return (0);
	}
	if (unlink(path) != 0) {
		if (fflag && errno == ENOENT)
			return (0);
		warn("%s", path);
		return (1);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	int ch, i, status = 0;

	while ((ch = getopt(argc, argv, "frR")) != -1) {
		switch (ch) {
		case 'f':
			fflag = 1;
			break;
		case 'r':
		case 'R':
			rflag = 1;
			break;
		default:
			fprintf(stderr, "usage: rm [-fr] file ...\n");
			return (1);
		}
	}
	if (optind == argc && !fflag) {
		fprintf(stderr, "usage: rm [-fr] file ...\n");
		return (1);
	}
	for (i = optind; i < argc; i++)
		status |= rm(argv[i]);
	return (status);
}
