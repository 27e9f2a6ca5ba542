/* id.c: print the real and effective user and group ids (numbers only). */
#include <stdio.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: id [-g | -u [-r]]\n");
}

int
main(int argc, char **argv)
{
	int ch, gflag = 0, uflag = 0, rflag = 0;

	while ((ch = getopt(argc, argv, "gur")) != -1) {
		switch (ch) {
		case 'g':
			gflag = 1;
			break;
		case 'u':
			uflag = 1;
			break;
		case 'r':
			rflag = 1;
			break;
		default:
			usage();
			return (1);
		}
	}
	/* -u and -g print one number, effective unless -r, as in BSD. */
	if (uflag)
		printf("%u\n", rflag ? getuid() : geteuid());
	else if (gflag)
		printf("%u\n", rflag ? getgid() : getegid());
	else
		printf("uid=%u euid=%u gid=%u egid=%u\n", getuid(), geteuid(),
		    getgid(), getegid());
	return (0);
}
