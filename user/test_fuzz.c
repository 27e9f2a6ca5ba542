/*
 * test_fuzz.c: run the system call fuzzer (user/fuzz.c) as make test
 * wants it: `fuzz SEED 100000 3`, with kern.forkfsleep at 0, its three
 * workers running as uid 1000.  Then check that it finished, made at
 * least 100,000 calls reaching at least 40 different system calls, and
 * left alone what it must not touch: a file owned by root, a process of
 * root's, the process count and the free pages.
 *
 *	test_fuzz [SEED [COUNT [NPROC]]]	(make stress: more calls)
 *
 * Plain TAP (not tap_main), since one run may take longer than a case
 * may.  A failing run is replayed with the seed it prints: see fuzz.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	SEED		"20251127"
#define	COUNT		"100000"
#define	NPROC		"3"
#define	TIME_LIMIT	"240"		/* seconds: fuzz -t */
#define	MIN_DISTINCT	40
#define	ROOTFILE	"/fuzz.root"
#define	ROOTDATA	"root's file: the fuzzer must not change it\n"
#define	PAGE_SLACK	32
#define	FUZZ_UID	1000

static char out[32768];

static int
set_forkfsleep(int v)
{
	return (sysctlbyname("kern.forkfsleep", NULL, NULL, &v, sizeof(v)));
}

/* Kill what uid FUZZ_UID left behind: kill(-1) as that uid. */
static void
kill_leftovers(void)
{
	pid_t pid;

	if ((pid = fork()) == 0) {
		if (setgid(FUZZ_UID) == 0 && setuid(FUZZ_UID) == 0)
			(void)kill(-1, SIGKILL);
		_exit(0);
	}
	if (pid > 0)
		(void)waitpid(pid, NULL, 0);
}

/* The number after `key` in the fuzzer's summary line, or -1. */
static long
summary_field(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	if (line == NULL || p == NULL)
		return (-1);
	while (p > line && p[-1] == ' ')
		p--;
	while (p > line && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return (strtol(p, NULL, 10));
}

static int
root_file_intact(char *why, size_t len)
{
	char buf[128];
	struct stat sb;
	ssize_t n;
	int fd;

	if (stat(ROOTFILE, &sb) == -1) {
		snprintf(why, len, "stat %s: %s", ROOTFILE, strerror(errno));
		return (0);
	}
	if (sb.st_uid != 0 || sb.st_gid != 0 || (sb.st_mode & 07777) != 0644 ||
	    !S_ISREG(sb.st_mode) || sb.st_nlink != 1 ||
	    sb.st_size != (off_t)strlen(ROOTDATA)) {
		snprintf(why, len, "%s: uid %d gid %d mode %o links %d size "
		    "%ld, want 0 0 100644 1 %ld", ROOTFILE, (int)sb.st_uid,
		    (int)sb.st_gid, (unsigned)sb.st_mode, (int)sb.st_nlink,
		    (long)sb.st_size, (long)strlen(ROOTDATA));
		return (0);
	}
	if ((fd = open(ROOTFILE, O_RDONLY)) == -1) {
		snprintf(why, len, "open %s: %s", ROOTFILE, strerror(errno));
		return (0);
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n != (ssize_t)strlen(ROOTDATA) || memcmp(buf, ROOTDATA, n) != 0) {
		snprintf(why, len, "%s: contents changed (%ld bytes)",
		    ROOTFILE, (long)n);
		return (0);
	}
	return (1);
}

int
main(int argc, char **argv)
{
	char *fargv[] = { "/bin/fuzz", "-t", TIME_LIMIT, SEED, COUNT, NPROC,
	    NULL };
	char why[200], *line, *nl, *sum = NULL;
	unsigned long free0, free1 = 0;
	long calls, distinct, t0;
	int fd, fds[2], old, st, nprocs0, nprocs1 = 0, i, alive;
	pid_t sleeper;

	if (argc > 1)
		fargv[3] = argv[1];
	if (argc > 2)
		fargv[4] = argv[2];
	if (argc > 3)
		fargv[5] = argv[3];
	if (argc > 4)
		fargv[2] = argv[4];	/* fuzz -t: make stress runs for long */
	tap_plan(8);
	if (getuid() != 0) {
		printf("Bail out! test_fuzz must run as root\n");
		return (1);
	}

	/* What the fuzzer must leave alone. */
	(void)unlink(ROOTFILE);
	fd = open(ROOTFILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write(fd, ROOTDATA, strlen(ROOTDATA)) !=
	    (ssize_t)strlen(ROOTDATA) || close(fd) == -1 ||
	    chmod(ROOTFILE, 0644) == -1) {
		printf("Bail out! cannot make %s: %s\n", ROOTFILE,
		    strerror(errno));
		return (1);
	}
	if (pipe(fds) == -1 || (sleeper = fork()) == -1) {
		printf("Bail out! pipe or fork: %s\n", strerror(errno));
		return (1);
	}
	if (sleeper == 0) {
		char c;

		close(fds[1]);
		while (read(fds[0], &c, 1) != 0)
			;
		_exit(0);
	}
	close(fds[0]);
	old = tap_sysctl_int("kern.forkfsleep");
	nprocs0 = tap_sysctl_int("kern.nprocs");
	free0 = tap_free_pages();
	tap_diag("before: %d processes, %lu free pages, kern.forkfsleep %d",
	    nprocs0, free0, old);

	if (set_forkfsleep(0) == -1)
		tap_diag("kern.forkfsleep=0: %s", strerror(errno));
	tap_diag("running %s %s %s %s %s %s", fargv[0], fargv[1], fargv[2],
	    fargv[3], fargv[4], fargv[5]);
	t0 = tap_now_ms();
	st = tap_run(fargv, NULL, out, sizeof(out));
	tap_diag("fuzz took %ld ms: %s", tap_now_ms() - t0,
	    tap_status_str(st));
	kill_leftovers();
	if (set_forkfsleep(old == 0 ? 500 : old) == -1)
		tap_diag("kern.forkfsleep=%d: %s", old, strerror(errno));

	/* Its report, as diagnostics; find the summary line. */
	for (line = out; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		if (*nl == '\0') {
			tap_diag("%s", line);
			if (sum == NULL && strstr(line, " distinct syscalls"))
				sum = line;
			break;
		}
		*nl = '\0';
		tap_diag("%s", line);
		if (sum == NULL && strstr(line, " distinct syscalls") != NULL)
			sum = line;
	}

	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fuzz exits 0",
	    "fuzz: %s (a hang, an unkillable worker or the time limit: see "
	    "above)", tap_status_str(st));
	calls = summary_field(sum, " calls,");
	distinct = summary_field(sum, " distinct syscalls");
	ok(calls >= atol(fargv[4]), "fuzz made all its calls",
	    "%ld calls, want %s", calls, fargv[4]);
	ok(distinct >= MIN_DISTINCT, "fuzz reached many system calls",
	    "%ld distinct system calls, want at least %d", distinct,
	    MIN_DISTINCT);
	ok(root_file_intact(why, sizeof(why)), "root's file unchanged", "%s",
	    why);
	alive = wait4(sleeper, &st, WNOHANG, NULL) == 0 &&
	    kill(sleeper, 0) == 0;
	ok(alive, "root's process survives", "sleeper %d is gone: %s",
	    sleeper, tap_status_str(st));
	close(fds[1]);
	if (alive)
		(void)waitpid(sleeper, NULL, 0);

	/* Zombies the fuzzer left to init go away a moment later. */
	for (i = 0; i < 100; i++) {
		nprocs1 = tap_sysctl_int("kern.nprocs");
		if (nprocs1 <= nprocs0 - 1)
			break;
		tap_sleep_ms(100);
	}
	ok(nprocs1 <= nprocs0 - 1, "process count back",
	    "kern.nprocs %d before (with the sleeper), %d after", nprocs0,
	    nprocs1);
	for (i = 0; i < 100; i++) {
		free1 = tap_free_pages();
		if (free1 + PAGE_SLACK >= free0)
			break;
		tap_sleep_ms(100);
	}
	tap_diag("after: %d processes, %lu free pages", nprocs1, free1);
	ok(free1 + PAGE_SLACK >= free0, "free pages back",
	    "%lu free pages before, %lu after: %ld lost (slack %d)", free0,
	    free1, (long)(free0 - free1), PAGE_SLACK);
	i = tap_sysctl_int("kern.forkfsleep");
	ok(i == (old == 0 ? 500 : old), "kern.forkfsleep restored",
	    "kern.forkfsleep %d, want %d", i, old == 0 ? 500 : old);
	(void)unlink(ROOTFILE);
	return (0);
}
