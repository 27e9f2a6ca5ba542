/*
 * test_rlimit.c: getrlimit/setrlimit: sensible defaults, RLIMIT_NOFILE
 * ends open/dup/pipe with EMFILE, soft above hard and a user raising the
 * hard limit are refused, limits survive fork and exec, and RLIMIT_NPROC
 * stops a user's fork with EAGAIN (zombies count, root is exempt).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	NOFILE_MAX	64	/* the kernel's per-process table */
#define	KERNADDR	((void *)0xffffffc080200000UL)

static void
getlim(int which, struct rlimit *rl)
{
	memset(rl, 0xa5, sizeof(*rl));
	check(getrlimit(which, rl) == 0, "getrlimit(%d): errno %d", which,
	    errno);
}

static void
setlim(int which, rlim_t cur, rlim_t max)
{
	struct rlimit rl;

	rl.rlim_cur = cur;
	rl.rlim_max = max;
	check(setrlimit(which, &rl) == 0, "setrlimit(%d, {%ld, %ld}): errno %d",
	    which, (long)cur, (long)max, errno);
}

static int
setlim_err(int which, rlim_t cur, rlim_t max)
{
	struct rlimit rl;

	rl.rlim_cur = cur;
	rl.rlim_max = max;
	return (setrlimit(which, &rl));
}

static void
t_defaults(void)
{
	struct rlimit rl;
	int which, peruid;

	getlim(RLIMIT_NOFILE, &rl);
	check(rl.rlim_cur == NOFILE_MAX && rl.rlim_max >= rl.rlim_cur,
	    "RLIMIT_NOFILE {%ld, %ld}, want cur %d", (long)rl.rlim_cur,
	    (long)rl.rlim_max, NOFILE_MAX);
	peruid = tap_sysctl_int("kern.maxprocperuid");
	getlim(RLIMIT_NPROC, &rl);
	check(rl.rlim_cur == peruid && rl.rlim_max >= rl.rlim_cur,
	    "RLIMIT_NPROC {%ld, %ld}, want cur kern.maxprocperuid %d",
	    (long)rl.rlim_cur, (long)rl.rlim_max, peruid);
	for (which = 0; which < RLIM_NLIMITS; which++) {
		getlim(which, &rl);
		check(rl.rlim_cur >= 0 && rl.rlim_cur <= rl.rlim_max,
		    "limit %d: {%ld, %ld}", which, (long)rl.rlim_cur,
		    (long)rl.rlim_max);
	}
	check_errno(getrlimit(RLIM_NLIMITS, &rl), EINVAL);
	check_errno(getrlimit(-1, &rl), EINVAL);
	check_errno(getrlimit(RLIMIT_NOFILE, KERNADDR), EFAULT);
	check_errno(setrlimit(RLIMIT_NOFILE, KERNADDR), EFAULT);
	check_errno(setlim_err(RLIM_NLIMITS, 1, 1), EINVAL);
}

/* Is fd open? */
static int
isopen(int fd)
{
	return (fcntl(fd, F_GETFD) != -1);
}

static void
t_nofile(void)
{
	struct rlimit rl;
	int fd, fds[2], i, n;

	setlim(RLIMIT_NOFILE, 8, NOFILE_MAX);
	getlim(RLIMIT_NOFILE, &rl);
	check(rl.rlim_cur == 8 && rl.rlim_max == NOFILE_MAX, "now {%ld, %ld}",
	    (long)rl.rlim_cur, (long)rl.rlim_max);
	/* Fill every descriptor below 8. */
	for (n = 0; n < 20; n++) {
		if ((fd = open("/", O_RDONLY)) == -1)
			break;
		check(fd < 8, "open gave fd %d with the limit at 8", fd);
	}
	check(fd == -1 && errno == EMFILE, "open: errno %d, want EMFILE", errno);
	for (i = 0; i < 8; i++)
		check(isopen(i), "fd %d is not open, yet open failed", i);
	check_errno(open("/", O_RDONLY), EMFILE);
	check_errno(dup(0), EMFILE);
	check_errno(pipe(fds), EMFILE);
	check_errno(fcntl(0, F_DUPFD, 0), EMFILE);
	check_errno(dup2(0, 8), EBADF);		/* beyond the limit */
	check(!isopen(8), "fd 8 open");

	/* One free slot: dup fits, pipe (two) does not. */
	close(7);
	check_errno(pipe(fds), EMFILE);
	check(!isopen(7), "the failed pipe left fd 7 open");
	fd = dup(0);
	check(fd == 7, "dup: %d errno %d, want 7", fd, errno);
	check_errno(dup(0), EMFILE);

	/* Raising the soft limit again gives room. */
	setlim(RLIMIT_NOFILE, NOFILE_MAX, NOFILE_MAX);
	fd = dup(0);
	check(fd == 8, "dup after raising: %d errno %d", fd, errno);
	check(pipe(fds) == 0, "pipe after raising: errno %d", errno);
	check(dup2(0, NOFILE_MAX - 1) == NOFILE_MAX - 1, "dup2 to %d: errno %d",
	    NOFILE_MAX - 1, errno);
	check_errno(dup2(0, NOFILE_MAX), EBADF);
}

static void
t_invalid(void)
{
	struct rlimit rl;

	check_errno(setlim_err(RLIMIT_NOFILE, 10, 5), EINVAL);
	check_errno(setlim_err(RLIMIT_NPROC, 10, 5), EINVAL);
	check_errno(setlim_err(RLIMIT_CPU, RLIM_INFINITY, 5), EINVAL);
	getlim(RLIMIT_NOFILE, &rl);
	check(rl.rlim_cur == NOFILE_MAX, "a refused setrlimit changed cur to "
	    "%ld", (long)rl.rlim_cur);
	/* A limit we only store keeps what we set. */
	setlim(RLIMIT_CORE, 0, 1000);
	getlim(RLIMIT_CORE, &rl);
	check(rl.rlim_cur == 0 && rl.rlim_max == 1000, "RLIMIT_CORE {%ld, %ld}, "
	    "want {0, 1000}", (long)rl.rlim_cur, (long)rl.rlim_max);
	/* NOFILE is clamped to the table, not refused. */
	setlim(RLIMIT_NOFILE, 1000, 1000);
	getlim(RLIMIT_NOFILE, &rl);
	check(rl.rlim_cur == NOFILE_MAX && rl.rlim_max == NOFILE_MAX,
	    "RLIMIT_NOFILE after {1000, 1000}: {%ld, %ld}, want clamped to %d",
	    (long)rl.rlim_cur, (long)rl.rlim_max, NOFILE_MAX);
}

static void
t_hard(void)
{
	struct rlimit rl;
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		setlim(RLIMIT_NOFILE, 10, 20);		/* lowering is fine */
		check_errno(setlim_err(RLIMIT_NOFILE, 10, 30), EPERM);
		check_errno(setlim_err(RLIMIT_NOFILE, 30, 30), EPERM);
		setlim(RLIMIT_NOFILE, 20, 20);		/* soft up to hard */
		setlim(RLIMIT_NOFILE, 5, 20);
		getlim(RLIMIT_NOFILE, &rl);
		check(rl.rlim_cur == 5 && rl.rlim_max == 20, "{%ld, %ld}",
		    (long)rl.rlim_cur, (long)rl.rlim_max);
		setlim(RLIMIT_CORE, 0, 100);
		check_errno(setlim_err(RLIMIT_CORE, 0, 200), EPERM);
		_exit(0);
	}
	tap_wait_ok(pid);

	/* Root may raise it again. */
	setlim(RLIMIT_NOFILE, 10, 20);
	setlim(RLIMIT_NOFILE, NOFILE_MAX, NOFILE_MAX);
	getlim(RLIMIT_NOFILE, &rl);
	check(rl.rlim_cur == NOFILE_MAX && rl.rlim_max == NOFILE_MAX,
	    "root raised to {%ld, %ld}", (long)rl.rlim_cur, (long)rl.rlim_max);
}

static void
t_inherit(void)
{
	char *argv[] = { "/bin/thelper_rlimit", NULL };
	char out[128], want[128];
	struct rlimit rl;
	pid_t pid;
	int st;

	setlim(RLIMIT_NOFILE, 12, 40);
	setlim(RLIMIT_NPROC, 7, 9);
	pid = tap_fork();
	if (pid == 0) {
		getlim(RLIMIT_NOFILE, &rl);
		check(rl.rlim_cur == 12 && rl.rlim_max == 40, "child's NOFILE "
		    "{%ld, %ld}", (long)rl.rlim_cur, (long)rl.rlim_max);
		getlim(RLIMIT_NPROC, &rl);
		check(rl.rlim_cur == 7 && rl.rlim_max == 9, "child's NPROC "
		    "{%ld, %ld}", (long)rl.rlim_cur, (long)rl.rlim_max);
		/* The child's changes are its own. */
		setlim(RLIMIT_NOFILE, 3, 3);
		_exit(0);
	}
	tap_wait_ok(pid);
	getlim(RLIMIT_NOFILE, &rl);
	check(rl.rlim_cur == 12 && rl.rlim_max == 40, "the child changed our "
	    "limit: {%ld, %ld}", (long)rl.rlim_cur, (long)rl.rlim_max);

	st = tap_run(argv, environ, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thelper_rlimit: %s: %s",
	    tap_status_str(st), out);
	snprintf(want, sizeof(want), "nofile=12,40 nproc=7,9");
	check(strncmp(out, want, strlen(want)) == 0, "after exec: \"%s\", "
	    "want \"%s\"", out, want);
}

/* In a child of uid 1000 with RLIMIT_NPROC n: see the limit bite. */
static void
nproc_user(int n)
{
	pid_t pids[8], pid, r = 0;
	int i, st;

	SYS(setuid(1000));
	setlim(RLIMIT_NPROC, n, n);
	/* We are one process of uid 1000: n - 1 more fit. */
	for (i = 0; i < n - 1; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			for (;;)
				pause();
		}
		check(pids[i] > 0, "fork %d of %d: errno %d", i + 2, n, errno);
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	check(pid == -1 && errno == EAGAIN, "process %d of uid 1000 with "
	    "RLIMIT_NPROC %d: fork %d errno %d, want EAGAIN", n + 1, n, pid,
	    errno);

	/* A zombie still counts. */
	SYS(kill(pids[0], SIGKILL));
	for (i = 0; i < 500; i++) {
		r = waitpid(pids[0], &st, WNOHANG | WNOWAIT);
		if (r == pids[0])
			break;
		tap_sleep_ms(10);
	}
	check(r == pids[0], "the child did not die: waitpid %d errno %d", r,
	    errno);
	pid = fork();
	if (pid == 0)
		_exit(0);
	check(pid == -1 && errno == EAGAIN, "fork with a zombie: %d errno %d, "
	    "want EAGAIN (zombies count until reaped)", pid, errno);

	/* Reaped, its slot is free again. */
	check(waitpid(pids[0], &st, 0) == pids[0], "waitpid: errno %d", errno);
	pid = fork();
	if (pid == 0)
		_exit(0);
	check(pid > 0, "fork after reaping: errno %d", errno);
	tap_wait_ok(pid);
	for (i = 1; i < n - 1; i++) {
		SYS(kill(pids[i], SIGKILL));
		(void)waitpid(pids[i], &st, 0);
	}
}

static void
t_nproc(void)
{
	unsigned long before = tap_free_pages();
	pid_t pid;
	int n;

	for (n = 2; n <= 4; n++) {
		pid = tap_fork();
		if (pid == 0) {
			nproc_user(n);
			_exit(0);
		}
		tap_wait_ok(pid);
	}
	tap_check_free_pages(before, 8, "RLIMIT_NPROC");
}

/* The limit is per uid: processes of one user share it, root is exempt. */
static void
t_nproc_root(void)
{
	unsigned long before = tap_free_pages();
	pid_t pids[4], pid;
	int i, st;

	pid = tap_fork();
	if (pid == 0) {
		setlim(RLIMIT_NPROC, 1, 1);
		for (i = 0; i < 4; i++) {
			pids[i] = fork();
			if (pids[i] == 0)
				_exit(0);
			check(pids[i] > 0, "root's fork %d with RLIMIT_NPROC 1: "
			    "errno %d", i, errno);
		}
		for (i = 0; i < 4; i++)
			tap_wait_ok(pids[i]);
		_exit(0);
	}
	tap_wait_ok(pid);

	/* Two processes of uid 1000, the second forking with limit 2. */
	pid = tap_fork();
	if (pid == 0) {
		int fds[2];
		pid_t a, b;
		char c;

		SYS(pipe(fds));
		SYS(setuid(1000));
		a = tap_fork();
		if (a == 0) {
			close(fds[1]);
			(void)read(fds[0], &c, 1);
			_exit(0);
		}
		close(fds[0]);
		setlim(RLIMIT_NPROC, 2, 2);
		b = fork();
		if (b == 0)
			_exit(0);
		check(b == -1 && errno == EAGAIN, "third process of uid 1000 "
		    "with limit 2: %d errno %d", b, errno);
		close(fds[1]);
		tap_wait_ok(a);
		b = fork();
		if (b == 0)
			_exit(0);
		check(b > 0, "fork after the other exited: errno %d", errno);
		st = tap_wait(b);
		check(WIFEXITED(st), "%s", tap_status_str(st));
		_exit(0);
	}
	tap_wait_ok(pid);
	tap_check_free_pages(before, 8, "RLIMIT_NPROC and root");
}

static const struct tap_case cases[] = {
	{ "defaults", t_defaults },
	{ "nofile", t_nofile },
	{ "invalid", t_invalid },
	{ "hard", t_hard },
	{ "inherit", t_inherit },
	{ "nproc", t_nproc },
	{ "nproc_root", t_nproc_root },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
