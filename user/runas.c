/*
 * runas.c: run a command as another user: "runas [-g gid] uid cmd [arg ...]".
 * Only root can do this; the group is set first, while we still may.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: runas [-g gid] uid command [arg ...]\n");
	exit(1);
}

/* A non-negative decimal id, or usage. */
static unsigned int
parseid(const char *s)
{
	char *end;
	unsigned long v;

	v = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v > 0xffffffffUL)
		usage();
	return ((unsigned int)v);
}

int
main(int argc, char **argv)
{
	unsigned int uid, gid = 0;
	int ch, gflag = 0;

	while ((ch = getopt(argc, argv, "g:")) != -1) {
		if (ch != 'g')
			usage();
		gid = parseid(optarg);
		gflag = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	uid = parseid(argv[0]);
	if (gflag && setgid(gid) != 0)
		err(1, "setgid %u", gid);
	if (setuid(uid) != 0)
		err(1, "setuid %u", uid);
	execvp(argv[1], argv + 1);
	err(errno == ENOENT ? 127 : 126, "%s", argv[1]);
}
