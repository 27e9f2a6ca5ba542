/*
 * test_vfork.c: vfork(2) (FORK.md §7, §12, §15.16-18): the parent sleeps
 * until the child execs or exits, and the child can see it asleep; a
 * failed exec does not wake it; the child writes the parent's memory
 * (stack, data, heap) but has its own descriptor table; signals sent to
 * the parent wait until it resumes; SIGSTOP sent to the child waits for
 * its exec; the NetBSD use-after-free loop (SIGCHLD ignored); no leaks.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

static volatile int shared;		/* written by children */
static volatile int nusr1;

/*
 * In the child: is the parent asleep (SSLEEP in kern.proc.all)?  It goes
 * to sleep on its way back from the system call, perhaps on another hart
 * a moment after we start, so give it up to a second.
 */
static int
parent_asleep(void)
{
	int i;

	for (i = 0; i < 100; i++) {
		if (ft_proc_stat(getppid()) == SSLEEP)
			return (1);
		tap_sleep_ms(10);
	}
	return (0);
}

static void
t_parent_sleeps(void)
{
	volatile int asleep = -1;
	long t0, dt;
	pid_t pid;

	shared = 0;
	t0 = tap_now_ms();
	pid = vfork();
	if (pid == 0) {
		asleep = parent_asleep();
		tap_sleep_ms(300);
		shared = 1;
		_exit(0);
	}
	/* First thing: the child must have finished its nap. */
	check(shared == 1, "vfork returned in the parent while the child "
	    "still ran");
	dt = tap_now_ms() - t0;
	check(pid > 0, "vfork: %d errno %d", pid, errno);
	check(asleep == 1, "the child saw its parent %s",
	    asleep == 0 ? "awake (ki_stat not SSLEEP)" : "nowhere");
	check(dt >= 250, "parent back after %ld ms; the child slept 300", dt);
	tap_wait_ok(pid);
}

static void
t_memory_shared(void)
{
	volatile int local = 1;
	volatile pid_t childpid = 0, childppid = 0;
	int *heap;
	pid_t pid;

	heap = malloc(sizeof(int));
	check(heap != NULL, "malloc failed");
	*heap = 1;
	shared = 1;
	pid = vfork();
	if (pid == 0) {
		local = 2;
		shared = 2;
		*heap = 2;
		childpid = getpid();
		childppid = getppid();
		_exit(0);
	}
	check(local == 2 && shared == 2 && *heap == 2, "the child's stores: "
	    "stack %d data %d heap %d, want all 2", local, shared, *heap);
	check(childpid == pid && childppid == getpid(), "child pid %d ppid %d; "
	    "vfork returned %d, parent %d", childpid, childppid, pid,
	    getpid());
	tap_wait_ok(pid);
	free(heap);
}

static void
t_fds_copied(void)
{
	int a;
	pid_t pid;

	a = SYS(dup(STDOUT_FILENO));
	pid = vfork();
	if (pid == 0) {
		close(a);
		_exit(0);
	}
	check(fcntl(a, F_GETFD, 0) != -1, "the vfork child's close(%d) "
	    "reached the parent: the table must be a copy", a);
	tap_wait_ok(pid);
	close(a);
}

static void
t_exec_releases(void)
{
	char *const argv[] = { "sleep", "1.5", NULL };
	long t0, dt;
	pid_t pid;
	int st;

	t0 = tap_now_ms();
	pid = vfork();
	if (pid == 0) {
		tap_sleep_ms(200);
		execve("/bin/sleep", argv, NULL);
		_exit(127);
	}
	dt = tap_now_ms() - t0;
	check(pid > 0, "vfork: errno %d", errno);
	check(dt >= 180, "vfork returned after %ld ms, before the exec", dt);
	check(dt < 1200, "vfork returned after %ld ms: not at the exec but "
	    "at the exit?", dt);
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sleep: %s",
	    tap_status_str(st));
	check(tap_now_ms() - t0 >= 1500, "sleep 1.5 took %ld ms",
	    tap_now_ms() - t0);
}

static void
t_failed_exec(void)
{
	char *const argv[] = { "nothing", NULL };
	volatile int err = 0, asleep = -1;
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		if (execve("/no/such/program", argv, NULL) == -1)
			err = errno;
		tap_sleep_ms(100);
		asleep = parent_asleep();
		_exit(0);
	}
	check(err == ENOENT, "execve of a missing file: errno %d", err);
	check(asleep == 1, "after a failed exec the child saw the parent %s",
	    asleep == 0 ? "awake" : "nowhere");
	tap_wait_ok(pid);
}

static void
count_usr1(int sig)
{
	nusr1++;
}

static void
t_signal_deferred(void)
{
	struct sigaction sa;
	volatile int during = -1, asleep = -1;
	pid_t pid;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_usr1;
	SYS(sigaction(SIGUSR1, &sa, NULL));
	nusr1 = 0;
	pid = vfork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		tap_sleep_ms(200);
		/* The handler would run in the parent, in our memory. */
		during = nusr1;
		asleep = parent_asleep();
		_exit(0);
	}
	check(pid > 0, "vfork: %d errno %d (the signal interrupted it?)",
	    pid, errno);
	check(during == 0, "the parent ran its handler while it waited for "
	    "the child");
	check(asleep == 1, "the signal woke the parent");
	for (i = 0; i < 100 && nusr1 == 0; i++)
		tap_sleep_ms(10);
	check(nusr1 == 1, "SIGUSR1 delivered %d times after vfork returned, "
	    "want 1", nusr1);
	tap_wait_ok(pid);
}

static void
t_stop_deferred(void)
{
	char *const argv[] = { "sleep", "5", NULL };
	volatile int ran = 0;
	pid_t pid, r;
	int st;

	pid = vfork();
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		tap_sleep_ms(50);
		ran = 1;		/* the stop is held until the exec */
		execve("/bin/sleep", argv, NULL);
		_exit(127);
	}
	check(pid > 0, "vfork: errno %d", errno);
	check(ran == 1, "the child stopped before its exec (or never got "
	    "there)");
	while ((r = waitpid(pid, &st, WUNTRACED)) == -1 && errno == EINTR)
		;
	check(r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	    "after the exec: waitpid %d, %s; want stopped by SIGSTOP", r,
	    tap_status_str(st));
	SYS(kill(pid, SIGKILL));
	st = tap_wait(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child: %s",
	    tap_status_str(st));
}

#define	NLOOP	300

static void
t_sigchld_ignored_loop(void)
{
	unsigned long before;
	volatile int i;			/* live across vfork */
	int nprocs;
	pid_t pid;

	/* NetBSD's use-after-free: children are reaped as they exit. */
	signal(SIGCHLD, SIG_IGN);
	pid = vfork();			/* warm up */
	if (pid == 0)
		_exit(0);
	/* init reaps it, a moment later: count only once it is gone. */
	for (i = 0; i < 250 && kill(pid, 0) == 0; i++)
		tap_sleep_ms(20);
	before = tap_free_pages();
	nprocs = tap_sysctl_int("kern.nprocs");
	for (i = 0; i < NLOOP; i++) {
		pid = vfork();
		if (pid == 0)
			_exit(0);
		check(pid > 0, "vfork %d: errno %d", i, errno);
	}
	for (i = 0; i < 100 && tap_sysctl_int("kern.nprocs") > nprocs; i++)
		tap_sleep_ms(20);
	check(tap_sysctl_int("kern.nprocs") <= nprocs, "kern.nprocs %d, "
	    "was %d: zombies left with SIGCHLD ignored?",
	    tap_sysctl_int("kern.nprocs"), nprocs);
	check_errno(wait(NULL), ECHILD);
	tap_check_free_pages(before, 4, "vforks with SIGCHLD ignored");
}

static void
t_many(void)
{
	unsigned long before, v;
	volatile int i;			/* live across vfork */
	int nprocs, st;
	pid_t pid;

	before = tap_free_pages();
	nprocs = tap_sysctl_int("kern.nprocs");
	v = ft_sysctl_ulong("vm.stats.vm.v_vforks");
	for (i = 0; i < 100; i++) {
		pid = vfork();
		if (pid == 0)
			_exit(i);
		check(pid > 0, "vfork %d: errno %d", i, errno);
		st = tap_wait(pid);
		check(WIFEXITED(st) && WEXITSTATUS(st) == i, "child %d: %s",
		    i, tap_status_str(st));
	}
	check(ft_sysctl_ulong("vm.stats.vm.v_vforks") - v == 100,
	    "v_vforks moved by %lu for 100 vforks",
	    ft_sysctl_ulong("vm.stats.vm.v_vforks") - v);
	check(tap_sysctl_int("kern.nprocs") == nprocs, "kern.nprocs %d, "
	    "was %d", tap_sysctl_int("kern.nprocs"), nprocs);
	tap_check_free_pages(before, 4, "100 vforks");
}

static const struct tap_case cases[] = {
	{ "parent_sleeps", t_parent_sleeps },
	{ "memory_shared", t_memory_shared },
	{ "fds_copied", t_fds_copied },
	{ "exec_releases", t_exec_releases },
	{ "failed_exec", t_failed_exec },
	{ "signal_deferred", t_signal_deferred },
	{ "stop_deferred", t_stop_deferred },
	{ "sigchld_ignored_loop", t_sigchld_ignored_loop },
	{ "many", t_many },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
