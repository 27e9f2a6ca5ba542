/*
 * ls.c: list files and directories, sorted by name.  -l gives the long
 * form (mode, links, owner and group as numbers, size), -a shows names
 * starting with '.', -d lists directories themselves, -1 is accepted.
 */
#include <dirent.h>
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int	aflag, dflag, lflag;
static int	status;

/* "drwxr-xr-x" from a mode, setuid/setgid/sticky included. */
static void
modestring(mode_t m, char *s)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	switch (m & S_IFMT) {
	case S_IFDIR:	s[0] = 'd'; break;
	case S_IFCHR:	s[0] = 'c'; break;
	case S_IFBLK:	s[0] = 'b'; break;
	case S_IFLNK:	s[0] = 'l'; break;
	case S_IFIFO:	s[0] = 'p'; break;
	case S_IFSOCK:	s[0] = 's'; break;
	default:	s[0] = '-'; break;
	}
	for (i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & S_IXOTH) ? 't' : 'T';
	s[10] = '\0';
}

/* Print one entry; path is what to stat, name what to show. */
static void
printentry(const char *path, const char *name)
{
	struct stat sb;
	char mode[11];

	if (!lflag) {
		puts(name);
		return;
	}
	if (stat(path, &sb) != 0) {
		warn("%s", path);
		status = 1;
		return;
	}
	modestring(sb.st_mode, mode);
	if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))
		/* Devices show their number where the size goes, as BSD. */
		printf("%s %3u %-5u %-5u %#8x %s\n", mode,
		    (unsigned)sb.st_nlink, sb.st_uid, sb.st_gid,
		    (unsigned)sb.st_rdev, name);
	else
		printf("%s %3u %-5u %-5u %8ld %s\n", mode,
		    (unsigned)sb.st_nlink, sb.st_uid, sb.st_gid,
		    (long)sb.st_size, name);
}

static int
namecmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void
listdir(const char *dir)
{
	char **names = NULL, **n2, path[PATH_MAX];
	struct dirent *d;
	size_t count = 0, cap = 0, i;
	DIR *dirp;

	if ((dirp = opendir(dir)) == NULL) {
		warn("%s", dir);
		status = 1;
		return;
	}
	while ((d = readdir(dirp)) != NULL) {
		if (d->d_name[0] == '.' && !aflag)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 32;
			if ((n2 = reallocarray(names, cap, sizeof(*names))) ==
			    NULL)
				err(1, NULL);
			names = n2;
		}
		if ((names[count++] = strdup(d->d_name)) == NULL)
			err(1, NULL);
	}
	closedir(dirp);
	qsort(names, count, sizeof(*names), namecmp);
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		printentry(path, names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	struct stat sb;
	int ch, i;

	while ((ch = getopt(argc, argv, "1adl")) != -1) {
		switch (ch) {
		case 'a':
			aflag = 1;
			break;
		case 'd':
			dflag = 1;
			break;
		case 'l':
			lflag = 1;
			break;
		case '1':
			break;
		default:
			fprintf(stderr, "usage: ls [-1adl] [file ...]\n");
			return (1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		if (dflag)
			printentry(".", ".");
		else
			listdir(".");
		return (status);
	}
	/* Files first, then each directory under a heading, as BSD does. */
	qsort(argv, argc, sizeof(*argv), namecmp);
	for (i = 0; i < argc; i++) {
		if (stat(argv[i], &sb) != 0) {
			warn("%s", argv[i]);
			status = 1;
			argv[i] = NULL;
		} else if (dflag || !S_ISDIR(sb.st_mode)) {
			printentry(argv[i], argv[i]);
			argv[i] = NULL;
		}
	}
	for (i = 0; i < argc; i++) {
		if (argv[i] == NULL)
			continue;
		if (argc > 1)
			printf("%s%s:\n", i > 0 ? "\n" : "", argv[i]);
		listdir(argv[i]);
	}
	return (status);
}
