/*
 * test_pid.c: pid allocation (FORK.md Part 1 §9, Part 2 §12): kern.lastpid
 * goes up by one per fork; with kern.pid_max at 300 pids stay below it,
 * wrap to the lowest free pid from 2 up, and skip a pid that is still a
 * live process group's id; kern.pid_max's bounds; kern.randompid's
 * values and their effect; kernel processes take pids from 10 up
 * without moving kern.lastpid.  Every case restores pid_max 99999 and
 * randompid 0.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	PID_MAX_DEFAULT	99999
#define	P_SYSTEM	0x1		/* ki_flag: a kernel process */

static void
restore(void)
{
	ft_sysctl_set_ok("kern.pid_max", PID_MAX_DEFAULT);
	ft_sysctl_set_ok("kern.randompid", 0);
}

/* Fork a child that exits at once, reap it, return its pid. */
static pid_t
fork_reap(void)
{
	pid_t pid;

	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	return (pid);
}

/* Is pid free for a new process: no process, group or session uses it? */
static int
pid_free(pid_t pid)
{
	struct kinfo_proc *kp;
	size_t i, n;
	int ok = 1;

	kp = ft_procs(&n);
	for (i = 0; i < n; i++)
		if (kp[i].ki_pid == pid || kp[i].ki_pgid == pid ||
		    kp[i].ki_sid == pid)
			ok = 0;
	free(kp);
	return (ok);
}

static void
t_sequential(void)
{
	int i, last, want;
	pid_t pid;

	restore();		/* whatever an earlier case left */
	ft_sysctl_set_ok("kern.randompid", 0);
	for (i = 0; i < 20; i++) {
		last = tap_sysctl_int("kern.lastpid");
		/* The next pid no process, group or session uses. */
		for (want = last + 1; !pid_free(want); want++)
			;
		pid = fork_reap();
		check(pid == want, "fork %d: pid %d after lastpid %d, want %d",
		    i, pid, last, want);
		check(tap_sysctl_int("kern.lastpid") == pid, "kern.lastpid %d "
		    "after fork gave %d", tap_sysctl_int("kern.lastpid"), pid);
	}
	check(ft_sysctl_set("kern.lastpid", 5) == -1, "kern.lastpid is "
	    "writable");
	check(tap_sysctl_int("kern.lastpid") == pid, "kern.lastpid changed");
}

static void
t_wrap(void)
{
	int p[2], i, wrapped = 0, lowest, nprocs;
	unsigned long before;
	pid_t g, h, pid, prev;
	char c;

	restore();		/* whatever an earlier case left */
	ft_sysctl_set_ok("kern.randompid", 0);
	before = tap_free_pages();
	nprocs = tap_sysctl_int("kern.nprocs");
	SYS(pipe(p));
	/*
	 * A group leader g with a member h; g exits, so pid g is free as a
	 * pid but still the id of h's group.
	 */
	g = tap_fork();
	if (g == 0) {
		if (setpgid(0, 0) != 0)
			_exit(1);
		h = fork();
		if (h == 0) {
			close(p[1]);
			(void)read(p[0], &c, 1);	/* until we close */
			_exit(0);
		}
		_exit(h > 0 ? 0 : 2);
	}
	tap_wait_ok(g);
	check(!pid_free(g), "pid %d is not a live group id", g);
	ft_sysctl_set_ok("kern.pid_max", 300);
	check(tap_sysctl_int("kern.pid_max") == 300, "pid_max reads %d",
	    tap_sysctl_int("kern.pid_max"));
	/* Run the counter round past g. */
	prev = tap_sysctl_int("kern.lastpid");
	for (i = 0; i < 700; i++) {
		lowest = 0;
		if (prev >= 290) {
			/* Where a wrap must land: the lowest free pid >= 2. */
			for (lowest = 2; lowest < 300 && !pid_free(lowest);
			    lowest++)
				;
		}
		pid = fork_reap();
		check(pid >= 2 && pid < 300, "pid %d with kern.pid_max 300",
		    pid);
		check(pid != g, "pid %d handed out while it is a live process "
		    "group's id", g);
		if (pid < prev) {
			wrapped++;
			check(lowest == 0 || pid == lowest, "wrapped to %d, want the lowest "
			    "free pid %d", pid, lowest);
		}
		if (wrapped && pid > g)
			break;
		prev = pid;
	}
	check(wrapped, "no wrap in %d forks", i);
	check(pid > g, "never passed pid %d", g);
	close(p[1]);
	close(p[0]);
	restore();
	/* h sees EOF and exits; init reaps it. */
	for (i = 0; i < 100 && tap_sysctl_int("kern.nprocs") != nprocs; i++)
		tap_sleep_ms(20);
	check(tap_sysctl_int("kern.nprocs") == nprocs, "kern.nprocs %d, was "
	    "%d", tap_sysctl_int("kern.nprocs"), nprocs);
	tap_check_free_pages(before, 8, "a lap of the pid space");
}

static void
t_pid_max_bounds(void)
{
	pid_t pid;

	restore();		/* whatever an earlier case left */
	check_errno(ft_sysctl_set("kern.pid_max", 299), EINVAL);
	check_errno(ft_sysctl_set("kern.pid_max", 100000), EINVAL);
	check_errno(ft_sysctl_set("kern.pid_max", -1), EINVAL);
	check(tap_sysctl_int("kern.pid_max") == PID_MAX_DEFAULT, "pid_max %d "
	    "after refused writes", tap_sysctl_int("kern.pid_max"));
	ft_sysctl_set_ok("kern.pid_max", 300);
	ft_sysctl_set_ok("kern.pid_max", PID_MAX_DEFAULT);
	/* Root only. */
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		check_errno(ft_sysctl_set("kern.pid_max", 500), EPERM);
		check_errno(ft_sysctl_set("kern.randompid", 1), EPERM);
		_exit(0);
	}
	tap_wait_ok(pid);
	check(tap_sysctl_int("kern.pid_max") == PID_MAX_DEFAULT &&
	    tap_sysctl_int("kern.randompid") == 0, "a user changed them");
	restore();
}

static void
t_randompid(void)
{
	int v, i, last, want, jumped = 0;
	pid_t pid;

	restore();		/* whatever an earlier case left */
	ft_sysctl_set_ok("kern.randompid", 1);
	v = tap_sysctl_int("kern.randompid");
	check(v >= 100 && v <= 1123, "randompid=1 reads %d, want 100..1123",
	    v);
	ft_sysctl_set_ok("kern.randompid", 50);
	check(tap_sysctl_int("kern.randompid") == 100, "randompid=50 reads "
	    "%d, want 100", tap_sysctl_int("kern.randompid"));
	ft_sysctl_set_ok("kern.randompid", PID_MAX_DEFAULT);
	check(tap_sysctl_int("kern.randompid") == PID_MAX_DEFAULT - 100,
	    "randompid=pid_max reads %d, want pid_max - 100",
	    tap_sysctl_int("kern.randompid"));
	/* With 1000, each pid lands in lastpid + 1 .. lastpid + 1000. */
	ft_sysctl_set_ok("kern.randompid", 1000);
	for (i = 0; i < 10; i++) {
		last = tap_sysctl_int("kern.lastpid");
		pid = fork_reap();
		check(pid > last && pid <= last + 1000, "pid %d after lastpid "
		    "%d with randompid 1000", pid, last);
		if (pid != last + 1)
			jumped++;
	}
	check(jumped > 0, "10 sequential pids with randompid 1000");
	ft_sysctl_set_ok("kern.randompid", 0);
	check(tap_sysctl_int("kern.randompid") == 0, "randompid=0 reads %d",
	    tap_sysctl_int("kern.randompid"));
	for (i = 0; i < 5; i++) {
		last = tap_sysctl_int("kern.lastpid");
		for (want = last + 1; !pid_free(want); want++)
			;
		pid = fork_reap();
		check(pid == want, "pid %d after lastpid %d with randompid 0, "
		    "want %d", pid, last, want);
	}
	restore();
}

static void
t_kproc(void)
{
	struct kinfo_proc *kp;
	size_t i, n;
	int kproc = 0, user = 0;

	kp = ft_procs(&n);
	for (i = 0; i < n; i++) {
		if ((kp[i].ki_flag & P_SYSTEM) && kp[i].ki_pid >= 10 &&
		    kp[i].ki_pid <= 99 && (kproc == 0 || kp[i].ki_pid < kproc))
			kproc = kp[i].ki_pid;
		/* The first user process after init (the shell). */
		if (!(kp[i].ki_flag & P_SYSTEM) && kp[i].ki_pid > 1 &&
		    (user == 0 || kp[i].ki_pid < user))
			user = kp[i].ki_pid;
	}
	free(kp);
	check(kproc != 0, "no P_SYSTEM process with a pid in 10..99");
	/*
	 * Kernel processes are made at boot, before the shell; had their
	 * pids moved kern.lastpid, the shell's pid would be above theirs.
	 */
	check(user != 0 && user < kproc, "first user process after init is "
	    "pid %d, kernel process %d: RFHIGHPID moved kern.lastpid?", user,
	    kproc);
}

static const struct tap_case cases[] = {
	{ "sequential", t_sequential },
	{ "wrap", t_wrap },
	{ "pid_max_bounds", t_pid_max_bounds },
	{ "randompid", t_randompid },
	{ "kproc", t_kproc },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
