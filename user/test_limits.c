/*
 * test_limits.c: the process limits (FORK.md Part 1 §6 and §8, Part 2
 * §11): kern.maxproc with its reserve of 10 for root, RLIMIT_NPROC per
 * real uid counting zombies (root exempt), kern.nprocs counting zombies,
 * kern.forkfsleep and the pause of a failed fork, and rfork without
 * RFPROC still working at the limit.  Every case but the pause's sets
 * kern.forkfsleep to 0 and restores it, and restores kern.maxproc.
 */
#include <sys/types.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	USER_UID	1000
#define	FORKFSLEEP_DEF	500

static int boot_maxproc;	/* kern.maxproc when the program started */

/* Undo whatever an earlier, failed case left behind. */
static void
defaults(void)
{
	ft_sysctl_set_ok("kern.maxproc", boot_maxproc);
	ft_sysctl_set_ok("kern.forkfsleep", FORKFSLEEP_DEF);
}

static void
setnproc(rlim_t n)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = n;
	check(setrlimit(RLIMIT_NPROC, &rl) == 0, "setrlimit(RLIMIT_NPROC, "
	    "%ld): errno %d", (long)n, errno);
}

/*
 * Fork children that sleep until hold's write end closes, until fork
 * fails or max are made; returns how many, with the pids in kids (if
 * not NULL) and fork's errno in *err.
 */
static int
fork_blockers(int hold[2], pid_t *kids, int max, int *err)
{
	pid_t pid;
	char c;
	int n;

	*err = 0;
	for (n = 0; n < max; n++) {
		pid = fork();
		if (pid == 0) {
			close(hold[1]);
			while (read(hold[0], &c, 1) > 0)
				;
			_exit(0);
		}
		if (pid == -1) {
			*err = errno;
			break;
		}
		if (kids != NULL)
			kids[n] = pid;
	}
	return (n);
}

static void
t_sysctls(void)
{
	int max, nprocs, pid;

	check(tap_sysctl_int("kern.forkfsleep") == FORKFSLEEP_DEF,
	    "kern.forkfsleep is %d, want the default %d",
	    tap_sysctl_int("kern.forkfsleep"), FORKFSLEEP_DEF);
	max = tap_sysctl_int("kern.maxproc");
	nprocs = tap_sysctl_int("kern.nprocs");
	check(max > nprocs && nprocs > 1, "kern.maxproc %d kern.nprocs %d",
	    max, nprocs);
	ft_sysctl_set_ok("kern.maxproc", max - 1);
	check(tap_sysctl_int("kern.maxproc") == max - 1, "kern.maxproc reads "
	    "%d after writing %d", tap_sysctl_int("kern.maxproc"), max - 1);
	ft_sysctl_set_ok("kern.maxproc", max);
	ft_sysctl_set_ok("kern.forkfsleep", 0);
	ft_sysctl_set_ok("kern.forkfsleep", 20000);
	check(tap_sysctl_int("kern.forkfsleep") == 20000, "forkfsleep reads "
	    "%d", tap_sysctl_int("kern.forkfsleep"));
	check_errno(ft_sysctl_set("kern.forkfsleep", 20001), EINVAL);
	check_errno(ft_sysctl_set("kern.forkfsleep", -1), EINVAL);
	ft_sysctl_set_ok("kern.forkfsleep", FORKFSLEEP_DEF);
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(USER_UID));
		check_errno(ft_sysctl_set("kern.maxproc", max - 1), EPERM);
		check_errno(ft_sysctl_set("kern.forkfsleep", 0), EPERM);
		_exit(0);
	}
	tap_wait_ok(pid);
	check(tap_sysctl_int("kern.maxproc") == max &&
	    tap_sysctl_int("kern.forkfsleep") == FORKFSLEEP_DEF,
	    "a user changed kern.maxproc or kern.forkfsleep");
}

static void
t_nprocs_zombies(void)
{
	int n, i;
	pid_t pid;

	defaults();
	n = tap_sysctl_int("kern.nprocs");
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	for (i = 0; i < 200 && ft_proc_stat(pid) != SZOMB; i++)
		tap_sleep_ms(10);
	check(ft_proc_stat(pid) == SZOMB, "the child is not a zombie");
	check(tap_sysctl_int("kern.nprocs") == n + 1, "kern.nprocs %d with "
	    "a zombie, was %d", tap_sysctl_int("kern.nprocs"), n);
	tap_wait_ok(pid);
	check(tap_sysctl_int("kern.nprocs") == n, "kern.nprocs %d after the "
	    "reap, was %d", tap_sysctl_int("kern.nprocs"), n);
}

#define	MAXKIDS	64

static void
t_maxproc(void)
{
	int oldsleep, oldmax, max, hold[2], rep[2], got[3], nroot, err, n;
	unsigned long before;
	pid_t u, kids[MAXKIDS];

	defaults();
	oldsleep = ft_nosleep();
	oldmax = tap_sysctl_int("kern.maxproc");
	before = tap_free_pages();
	SYS(pipe(hold));
	SYS(pipe(rep));
	max = tap_sysctl_int("kern.nprocs") + 30;
	ft_sysctl_set_ok("kern.maxproc", max);
	u = tap_fork();
	if (u == 0) {
		/* A user, whose own limit will not get in the way. */
		setnproc(1000);
		SYS(setuid(USER_UID));
		got[0] = fork_blockers(hold, NULL, MAXKIDS, &got[1]);
		got[2] = tap_sysctl_int("kern.nprocs");
		close(hold[1]);
		(void)write(rep[1], got, sizeof(got));
		while (wait(NULL) > 0)
			;
		_exit(0);
	}
	check(read(rep[0], got, sizeof(got)) == sizeof(got), "no report from "
	    "the user's process");
	check(got[1] == EAGAIN, "the user's fork %d failed with errno %d, "
	    "want EAGAIN", got[0] + 1, got[1]);
	/* Part 1 §6: a user fails once nprocs >= maxproc - 10. */
	check(got[2] == max - 10, "the user's forks stopped at kern.nprocs "
	    "%d, want kern.maxproc - 10 = %d", got[2], max - 10);
	/* Root may use the last 10. */
	nroot = fork_blockers(hold, kids, MAXKIDS, &err);
	check(err == EAGAIN, "root's fork failed with errno %d, want EAGAIN",
	    err);
	check(nroot == 10, "root made %d more processes, want 10", nroot);
	check(tap_sysctl_int("kern.nprocs") == max, "kern.nprocs %d at "
	    "root's limit, want kern.maxproc = %d",
	    tap_sysctl_int("kern.nprocs"), max);
	close(hold[1]);
	for (n = 0; n < nroot; n++)
		tap_wait_ok(kids[n]);
	tap_wait_ok(u);
	close(hold[0]);
	close(rep[0]);
	close(rep[1]);
	ft_sysctl_set_ok("kern.maxproc", oldmax);
	ft_sysctl_set_ok("kern.forkfsleep", oldsleep);
	tap_check_free_pages(before, 8, "filling kern.maxproc");
}

static void
t_rlimit_nproc(void)
{
	int oldsleep, i;
	pid_t u, pid;

	defaults();
	oldsleep = ft_nosleep();
	u = tap_fork();
	if (u == 0) {
		setnproc(5);
		SYS(setuid(USER_UID));
		/* Us and four zombies: five processes of uid 1000. */
		for (i = 0; i < 4; i++) {
			pid = fork();
			check(pid != -1, "fork %d of 4 under RLIMIT_NPROC 5: "
			    "errno %d", i + 1, errno);
			if (pid == 0)
				_exit(0);
		}
		tap_sleep_ms(50);
		pid = fork();
		if (pid == 0)
			_exit(0);
		check(pid == -1 && errno == EAGAIN, "the sixth process of the "
		    "uid: fork gave %d errno %d, want EAGAIN (zombies count)",
		    pid, errno);
		/* Reaping a zombie makes room for one. */
		check(wait(NULL) > 0, "wait: errno %d", errno);
		pid = fork();
		if (pid == 0)
			_exit(0);
		check(pid > 0, "fork after a reap: errno %d", errno);
		pid = fork();
		if (pid == 0)
			_exit(0);
		check(pid == -1 && errno == EAGAIN, "fork at the limit again: "
		    "%d errno %d", pid, errno);
		while (wait(NULL) > 0)
			;
		_exit(0);
	}
	tap_wait_ok(u);
	/* Root is exempt. */
	setnproc(2);
	for (i = 0; i < 5; i++) {
		pid = fork();
		check(pid != -1, "root's fork %d under RLIMIT_NPROC 2: errno %d",
		    i + 1, errno);
		if (pid == 0)
			_exit(0);
	}
	while (wait(NULL) > 0)
		;
	ft_sysctl_set_ok("kern.forkfsleep", oldsleep);
}

/* How long (ms) a user's fork over RLIMIT_NPROC 1 takes to fail. */
static long
failing_fork_ms(void)
{
	int rep[2];
	long dt;
	pid_t u, pid;

	SYS(pipe(rep));
	u = tap_fork();
	if (u == 0) {
		setnproc(1);
		SYS(setuid(USER_UID));
		dt = tap_now_ms();
		pid = fork();
		if (pid == 0)
			_exit(0);
		dt = tap_now_ms() - dt;
		check(pid == -1 && errno == EAGAIN, "fork: %d errno %d, want "
		    "EAGAIN", pid, errno);
		(void)write(rep[1], &dt, sizeof(dt));
		_exit(0);
	}
	check(read(rep[0], &dt, sizeof(dt)) == sizeof(dt), "no report");
	tap_wait_ok(u);
	close(rep[0]);
	close(rep[1]);
	return (dt);
}

static void
t_forkfsleep(void)
{
	int oldsleep = tap_sysctl_int("kern.forkfsleep");
	long dt;

	defaults();
	ft_sysctl_set_ok("kern.forkfsleep", 300);
	dt = failing_fork_ms();
	check(dt >= 250, "with kern.forkfsleep 300 the failed fork took %ld "
	    "ms", dt);
	check(dt < 2000, "the failed fork took %ld ms", dt);
	/* Early EINVALs do not pause. */
	dt = tap_now_ms();
	check_errno(rfork(RFPROC | RFFDG | RFCFDG), EINVAL);
	dt = tap_now_ms() - dt;
	check(dt < 150, "an EINVAL rfork took %ld ms", dt);
	ft_sysctl_set_ok("kern.forkfsleep", 0);
	dt = failing_fork_ms();
	check(dt < 150, "with kern.forkfsleep 0 the failed fork took %ld ms",
	    dt);
	ft_sysctl_set_ok("kern.forkfsleep", oldsleep);
}

static int
ret0(void *v)
{
	return (0);
}

static void
t_at_limit(void)
{
	char *const argv[] = { "true", NULL };
	int oldsleep, oldmax, hold[2], go[2], n, err, i, max, nprocs;
	pid_t x, kids[MAXKIDS], pid;
	char c;

	defaults();
	oldsleep = ft_nosleep();
	oldmax = tap_sysctl_int("kern.maxproc");
	SYS(pipe(hold));
	SYS(pipe(go));
	/* x will empty its fd table with rfork(RFCFDG) at the limit. */
	x = tap_fork();
	if (x == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(rfork(RFCFDG) == 0 ? 0 : 1);
	}
	close(go[0]);
	/* kern.maxproc has a floor of 20. */
	nprocs = tap_sysctl_int("kern.nprocs");
	max = nprocs + 5 < 20 ? 20 : nprocs + 5;
	ft_sysctl_set_ok("kern.maxproc", max);
	n = fork_blockers(hold, kids, MAXKIDS, &err);
	check(err == EAGAIN && n == max - nprocs, "root filled the table "
	    "with %d, then errno %d; want %d, EAGAIN", n, err, max - nprocs);
	/* Every way of making a process fails ... */
	check_errno(rfork(RFPROC), EAGAIN);
	check_errno(rfork(RFPROC | RFMEM | RFFDG), EAGAIN);
	check_errno(rfork(RFSPAWN), EAGAIN);
	check_errno(__clone(ret0, ft_stack(), SIGCHLD, NULL), EAGAIN);
	pid = vfork();
	if (pid == 0)
		_exit(0);
	check(pid == -1 && errno == EAGAIN, "vfork: %d errno %d", pid, errno);
	check(posix_spawn(&pid, "/bin/true", NULL, NULL, argv, NULL) ==
	    EAGAIN, "posix_spawn at the limit did not return EAGAIN");
	/* ... but rfork without RFPROC makes none, so it works. */
	check(rfork(RFFDG) == 0, "rfork(RFFDG) at the limit: errno %d",
	    errno);
	check(rfork(0) == 0, "rfork(0) at the limit: errno %d", errno);
	check(rfork(RFMEM) == 0, "rfork(RFMEM) at the limit: errno %d",
	    errno);
	SYS(write(go[1], "g", 1));
	i = tap_wait(x);
	check(WIFEXITED(i) && WEXITSTATUS(i) == 0, "rfork(RFCFDG) at the "
	    "limit: %s (1: it failed)", tap_status_str(i));
	close(hold[1]);
	for (i = 0; i < n; i++)
		tap_wait_ok(kids[i]);
	close(hold[0]);
	close(go[1]);
	ft_sysctl_set_ok("kern.maxproc", oldmax);
	ft_sysctl_set_ok("kern.forkfsleep", oldsleep);
}

static const struct tap_case cases[] = {
	{ "sysctls", t_sysctls },
	{ "nprocs_zombies", t_nprocs_zombies },
	{ "maxproc", t_maxproc },
	{ "rlimit_nproc", t_rlimit_nproc },
	{ "forkfsleep", t_forkfsleep },
	{ "at_limit", t_at_limit },
};

int
main(int argc, char **argv)
{
	size_t len = sizeof(boot_maxproc);

	if (sysctlbyname("kern.maxproc", &boot_maxproc, &len, NULL, 0) != 0)
		boot_maxproc = 0;
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
