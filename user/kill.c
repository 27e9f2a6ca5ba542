/*
 * kill.c: send a signal to processes.  "kill pid ...", "kill -9 pid",
 * "kill -KILL pid", "kill -SIGKILL pid", "kill -s KILL pid", "kill -l".
 * A negative pid names a process group (after "--" or a signal).
 */
#include <ctype.h>
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A signal by name ("KILL", "SIGKILL", any case) or number; -1 if bad. */
static int
signum(const char *s)
{
	char *end;
	long n;
	int i;

	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		/* 32.._SIG_MAXSIG are valid numbers too. */
		return (*end == '\0' && n >= 0 && n <= _SIG_MAXSIG ?
		    (int)n : -1);
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 1; i < NSIG; i++)
		if (sys_signame[i] != NULL && strcasecmp(s, sys_signame[i]) == 0)
			return (i);
	return (-1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: kill [-s signal_name] pid ...\n"
	    "       kill -l [exit_status]\n"
	    "       kill -signal_name pid ...\n"
	    "       kill -signal_number pid ...\n");
	exit(2);
}

static void
listsignals(void)
{
	int i;

	for (i = 1; i < NSIG; i++)
		printf("%s%c", sys_signame[i], i % 8 == 0 || i == NSIG - 1 ?
		    '\n' : ' ');
}

int
main(int argc, char **argv)
{
	int sig = SIGTERM, i, status = 0;
	char *end;
	long pid;

	argc--;
	argv++;
	if (argc == 0)
		usage();
	if (strcmp(argv[0], "-l") == 0) {
		if (argc == 1) {
			listsignals();
			return (0);
		}
		/* "kill -l 137" names the signal in an exit status. */
		i = atoi(argv[1]);
		if (i > 128)
			i -= 128;
		if (i <= 0 || i >= NSIG)
			errx(2, "unknown signal %s", argv[1]);
		printf("%s\n", sys_signame[i]);
		return (0);
	}
	if (strcmp(argv[0], "-s") == 0) {
		if (argc < 2)
			usage();
		if ((sig = signum(argv[1])) < 0)
			errx(2, "unknown signal %s; valid signals:", argv[1]);
		argc -= 2;
		argv += 2;
	} else if (argv[0][0] == '-' && argv[0][1] != '\0' &&
	    strcmp(argv[0], "--") != 0) {
		if ((sig = signum(argv[0] + 1)) < 0)
			errx(2, "unknown signal %s", argv[0] + 1);
		argc--;
		argv++;
	}
	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc == 0)
		usage();
	for (i = 0; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (*argv[i] == '\0' || *end != '\0') {
			warnx("illegal process id: %s", argv[i]);
			status = 2;
			continue;
		}
		if (kill((pid_t)pid, sig) != 0) {
			warn("%s", argv[i]);
			status = 1;
		}
	}
	return (status);
}
