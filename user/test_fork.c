/*
 * test_fork.c: fork, _exit and wait: statuses, copies of memory, many
 * children, the order waits see them in, ECHILD, WNOHANG, orphans going
 * to init, filling the process table, and pages coming back.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

/* A child that waits on a pipe until its write end is closed. */
static pid_t
blocked_child(int fds[2], int status)
{
	char c;
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		close(fds[1]);
		while (read(fds[0], &c, 1) > 0)
			;
		_exit(status);
	}
	return (pid);
}

static void
t_exit_status(void)
{
	static const int codes[] = { 0, 1, 42, 127, 255, 256 + 7 };
	int i, st;
	pid_t pid;

	for (i = 0; i < TAP_NCASES(codes); i++) {
		pid = tap_fork();
		if (pid == 0)
			_exit(codes[i]);
		st = tap_wait(pid);
		check(WIFEXITED(st) && WEXITSTATUS(st) == (codes[i] & 0xff),
		    "_exit(%d): got %s, want exit %d", codes[i],
		    tap_status_str(st), codes[i] & 0xff);
		check(!WIFSIGNALED(st), "_exit(%d) looks signalled: 0x%x",
		    codes[i], st);
	}
}

static void
t_fork_returns(void)
{
	pid_t parent = getpid(), pid;

	pid = tap_fork();
	if (pid == 0) {
		check(getppid() == parent, "child: getppid %d, want %d",
		    getppid(), parent);
		check(getpid() != parent, "child has the parent's pid %d",
		    parent);
		_exit(0);
	}
	check(pid > 0 && pid != parent, "fork returned %d in the parent "
	    "(pid %d)", pid, parent);
	tap_wait_ok(pid);
}

static volatile int global = 1;

static void
t_memory_copied(void)
{
	volatile int local = 7;
	char *heap, c;
	int i, p[2];
	pid_t pid;

	heap = malloc(8192);
	check(heap != NULL, "malloc failed");
	memset(heap, 'a', 8192);
	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		/* Let the parent write its copies first. */
		check(read(p[0], &c, 1) == 1, "child: sync read");
		check(global == 1 && local == 7,
		    "child sees global %d local %d, want 1 and 7",
		    global, local);
		for (i = 0; i < 8192; i++)
			check(heap[i] == 'a', "child: heap[%d] is %c, want a",
			    i, heap[i]);
		global = 2;
		local = 8;
		memset(heap, 'b', 8192);
		_exit(0);
	}
	global = 3;
	local = 9;
	memset(heap, 'c', 8192);
	SYS(write(p[1], "x", 1));
	tap_wait_ok(pid);
	check(global == 3 && local == 9, "parent sees global %d local %d "
	    "after the child wrote its copies, want 3 and 9", global, local);
	for (i = 0; i < 8192; i++)
		check(heap[i] == 'c', "parent: heap[%d] is %c, want c", i,
		    heap[i]);
}

#define	NKIDS	64

static void
t_many_children(void)
{
	pid_t pids[NKIDS], r;
	int seen[NKIDS];
	int i, j, st;

	for (i = 0; i < NKIDS; i++) {
		pids[i] = tap_fork();
		if (pids[i] == 0)
			_exit(i + 1);
		seen[i] = 0;
	}
	for (j = 0; j < NKIDS; j++) {
		r = wait(&st);
		check(r > 0, "wait %d of %d: errno %d", j + 1, NKIDS, errno);
		for (i = 0; i < NKIDS && pids[i] != r; i++)
			;
		check(i < NKIDS, "wait returned %d, not a child", r);
		check(!seen[i], "wait returned child %d twice", r);
		seen[i] = 1;
		check(WIFEXITED(st) && WEXITSTATUS(st) == i + 1,
		    "child %d: %s, want exit %d", r, tap_status_str(st), i + 1);
	}
	check_errno(wait(&st), ECHILD);
}

static void
t_wait_order(void)
{
	pid_t a, b, r;
	int p[2], st;

	/* waitpid(b) returns b even though a became a zombie first. */
	a = tap_fork();
	if (a == 0)
		_exit(1);
	b = tap_fork();
	if (b == 0) {
		tap_sleep_ms(200);
		_exit(2);
	}
	r = waitpid(b, &st, 0);
	check(r == b, "waitpid(b=%d) returned %d", b, r);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 2, "b: %s, want exit 2",
	    tap_status_str(st));
	r = waitpid(a, &st, 0);
	check(r == a && WIFEXITED(st) && WEXITSTATUS(st) == 1,
	    "waitpid(a=%d) returned %d, %s", a, r, tap_status_str(st));

	/* wait(-1) returns the zombie while another child still runs. */
	SYS(pipe(p));
	a = blocked_child(p, 3);
	b = tap_fork();
	if (b == 0)
		_exit(4);
	r = wait(&st);
	check(r == b, "wait returned %d, want the exited child %d (the "
	    "blocked one is %d)", r, b, a);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 4, "%s, want exit 4",
	    tap_status_str(st));
	close(p[1]);
	r = wait(&st);
	check(r == a && WIFEXITED(st) && WEXITSTATUS(st) == 3,
	    "wait returned %d (%s), want %d exit 3", r, tap_status_str(st),
	    a);
	close(p[0]);
}

static void
t_echild(void)
{
	pid_t pid;

	check_errno(wait(NULL), ECHILD);
	check_errno(waitpid(-1, NULL, 0), ECHILD);
	check_errno(waitpid(1, NULL, 0), ECHILD);	/* init: not ours */
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD);
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	check_errno(waitpid(pid, NULL, 0), ECHILD);
	check_errno(wait(NULL), ECHILD);
}

static void
t_wnohang(void)
{
	int p[2], st, i;
	pid_t pid, r;

	SYS(pipe(p));
	pid = blocked_child(p, 5);
	r = waitpid(pid, &st, WNOHANG);
	check(r == 0, "WNOHANG on a running child returned %d (errno %d), "
	    "want 0", r, errno);
	close(p[1]);
	/* Now it exits; WNOHANG must see it within a few seconds. */
	for (i = 0; i < 500; i++) {
		r = waitpid(pid, &st, WNOHANG);
		if (r != 0)
			break;
		tap_sleep_ms(10);
	}
	check(r == pid, "WNOHANG after the child's exit returned %d", r);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5, "%s, want exit 5",
	    tap_status_str(st));
	close(p[0]);
}

static void
t_orphan_reparented(void)
{
	pid_t c, g, cpid, pp;
	int p[2], i;
	ssize_t n;

	SYS(pipe(p));
	c = tap_fork();
	if (c == 0) {
		cpid = getpid();
		g = fork();
		if (g == 0) {
			/* Wait (20 s at most) for our parent to go. */
			for (i = 0; i < 2000 && getppid() == cpid; i++)
				tap_sleep_ms(10);
			pp = getppid();
			(void)write(p[1], &pp, sizeof(pp));
			_exit(0);
		}
		_exit(g > 0 ? 0 : 1);
	}
	close(p[1]);
	tap_wait_ok(c);
	n = read(p[0], &pp, sizeof(pp));
	check(n == sizeof(pp), "no word from the orphan (read %ld)", (long)n);
	check(pp == 1, "orphan's parent is %d after its parent %d exited, "
	    "want 1 (init)", pp, c);
	close(p[0]);
}

static void
t_exit_closes_fds(void)
{
	char buf[4];
	int p[2];
	pid_t pid;

	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		(void)write(p[1], "x", 1);
		_exit(0);			/* p[1] left open on purpose */
	}
	close(p[1]);
	tap_wait_ok(pid);
	check(read(p[0], buf, sizeof(buf)) == 1 && buf[0] == 'x',
	    "did not read the child's byte");
	check(read(p[0], buf, sizeof(buf)) == 0,
	    "no EOF: the child's exit did not close its end of the pipe");
	close(p[0]);
}

static void
t_shared_offset(void)
{
	char buf[16];
	pid_t pid;
	int fd;

	fd = SYS(open("/fork.off", O_CREAT | O_RDWR | O_TRUNC, 0644));
	pid = tap_fork();
	if (pid == 0) {
		check(write(fd, "abc", 3) == 3, "child write");
		_exit(0);
	}
	tap_wait_ok(pid);
	check(write(fd, "def", 3) == 3, "parent write");
	check(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	memset(buf, 0, sizeof(buf));
	check(read(fd, buf, sizeof(buf)) == 6 && strcmp(buf, "abcdef") == 0,
	    "file holds \"%s\", want \"abcdef\": the fork did not share the "
	    "offset", buf);
	close(fd);
	unlink("/fork.off");
}

/* A chain: each process forks the next and exits with its status + 1. */
static void
t_deep_chain(void)
{
	int depth, st;
	pid_t pid;

	for (depth = 0; depth < 20; depth++) {
		pid = fork();
		if (pid == -1)
			_exit(200);
		if (pid != 0) {
			st = tap_wait(pid);
			if (depth == 0)
				break;
			_exit(WIFEXITED(st) ? WEXITSTATUS(st) + 1 : 201);
		}
	}
	if (depth == 20)
		_exit(0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 19,
	    "a chain of 20 forks ended with %s, want exit 19",
	    tap_status_str(st));
}

/* Several processes forking at once (more harts than one, at CPUS>1). */
static void
t_concurrent_forks(void)
{
	pid_t w[4], pid;
	int i, j;

	for (i = 0; i < 4; i++) {
		w[i] = tap_fork();
		if (w[i] == 0) {
			for (j = 0; j < 25; j++) {
				pid = tap_fork();
				if (pid == 0)
					_exit(j);
				check(WEXITSTATUS(tap_wait(pid)) == j,
				    "fork %d: wrong status", j);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++)
		tap_wait_ok(w[i]);
}

/*
 * Fork blocked children until fork fails; return how many, and the
 * errno of the failure (0 if it never failed).
 */
static int
fill_proc_table(int limit, int *err)
{
	int p[2], n, i;
	pid_t pid;

	SYS(pipe(p));
	*err = 0;
	for (n = 0; n < limit; n++) {
		pid = fork();
		if (pid == 0) {
			char c;

			close(p[1]);
			while (read(p[0], &c, 1) > 0)
				;
			_exit(0);
		}
		if (pid == -1) {
			*err = errno;
			break;
		}
	}
	close(p[1]);
	close(p[0]);
	for (i = 0; i < n; i++)
		check(wait(NULL) > 0, "reaping child %d of %d: errno %d",
		    i + 1, n, errno);
	return (n);
}

static void
t_fork_until_eagain(void)
{
	int nprocs0, maxproc, n, err, i;
	unsigned long free1;
	pid_t pid;

	nprocs0 = tap_sysctl_int("kern.nprocs");
	maxproc = tap_sysctl_int("kern.maxproc");
	/* The first round warms the kernel's caches; the second must give
	 * back every page it took. */
	n = fill_proc_table(maxproc + 50, &err);
	check(err == EAGAIN, "fork failed with errno %d after %d children, "
	    "want EAGAIN (kern.maxproc %d)", err, n, maxproc);
	check(n > 10 && n <= maxproc, "%d children before EAGAIN "
	    "(kern.maxproc %d, kern.nprocs %d)", n, maxproc, nprocs0);
	check_errno(wait(NULL), ECHILD);
	for (i = 0; i < 100 && tap_sysctl_int("kern.nprocs") > nprocs0; i++)
		tap_sleep_ms(50);
	check(tap_sysctl_int("kern.nprocs") <= nprocs0, "kern.nprocs %d "
	    "after reaping them all, was %d", tap_sysctl_int("kern.nprocs"),
	    nprocs0);
	free1 = tap_free_pages();
	n = fill_proc_table(maxproc + 50, &err);
	check(err == EAGAIN, "second time: errno %d after %d", err, n);
	tap_check_free_pages(free1, 16, "a full process table, reaped");
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
}

static void
t_no_leak(void)
{
	unsigned long before = 0;
	char *mem;
	pid_t pid;
	int i;

	for (i = 0; i < 43; i++) {
		if (i == 3)
			before = tap_free_pages();	/* after a warm-up */
		pid = tap_fork();
		if (pid == 0) {
			mem = sbrk(64 * 1024);
			if (mem != (char *)-1)
				memset(mem, i, 64 * 1024);
			_exit(0);
		}
		tap_wait_ok(pid);
	}
	tap_check_free_pages(before, 8, "40 forks, each touching 64 KiB");
}

/*
 * fork1's unwinding, step by step: debug.fail_point.fork_page_alloc
 * makes page allocation N of the next fork fail.  For every N until the
 * fork gets all it needs, the fork must fail with ENOMEM and give back
 * every page and the process slot it took.
 */
static void
t_fork_unwinds(void)
{
	int failures;
	pid_t pid;

	/* Warm up the kernel's caches first. */
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	failures = ft_fork_unwind_walk(200, &pid);
	check(failures >= 4, "only %d allocations in a fork", failures);
	check(pid > 0, "fork never succeeded");
}

/* How many live (not zombie) processes are in group pgid? */
static int
group_alive(pid_t pgid)
{
	struct kinfo_proc *kp;
	size_t len = 0;
	int i, n = 0;

	SYS(sysctlbyname("kern.proc.all", NULL, &len, NULL, 0));
	len += 64 * sizeof(*kp);	/* room for a few more */
	kp = malloc(len);
	check(kp != NULL, "malloc(%zu)", len);
	SYS(sysctlbyname("kern.proc.all", kp, &len, NULL, 0));
	for (i = 0; i < (int)(len / sizeof(kp[0])); i++)
		if (kp[i].ki_pgid == pgid && kp[i].ki_stat != SZOMB)
			n++;
	free(kp);
	return (n);
}

/* A bounded fork tree: three children a level, four levels below. */
static void
fork_tree(void)
{
	int depth = 0, i;

again:
	for (i = 0; i < 3 && depth < 4; i++)
		if (fork() == 0) {
			depth++;	/* the child grows its own subtree */
			goto again;
		}
	for (;;)
		sched_yield();
}

/*
 * No escape from a group kill (FORK.md Part 1, 7): processes that fork
 * as fast as they can while their group is killed leave no survivor.
 */
static void
t_group_kill_barrier(void)
{
	int round, zero = 0, old = 500, st;
	size_t oldlen = sizeof(old);
	pid_t leader;

	SYS(sysctlbyname("kern.forkfsleep", &old, &oldlen, &zero,
	    sizeof(zero)));
	for (round = 0; round < 5; round++) {
		leader = tap_fork();
		if (leader == 0) {
			setpgid(0, 0);
			fork_tree();	/* forks as fast as it can */
		}
		setpgid(leader, leader);
		tap_sleep_ms(50);
		SYS(kill(-leader, SIGKILL));
		tap_sleep_ms(300);
		check(group_alive(leader) == 0, "round %d: %d processes of "
		    "the killed group survive", round, group_alive(leader));
		(void)waitpid(leader, &st, 0);
		/* The rest went to init, which reaps them. */
		tap_sleep_ms(200);
	}
	SYS(sysctlbyname("kern.forkfsleep", NULL, NULL, &old, sizeof(old)));
}

static const struct tap_case cases[] = {
	{ "exit_status", t_exit_status },
	{ "fork_unwinds", t_fork_unwinds },
	{ "group_kill_barrier", t_group_kill_barrier },
	{ "fork_returns", t_fork_returns },
	{ "memory_copied", t_memory_copied },
	{ "many_children", t_many_children },
	{ "wait_order", t_wait_order },
	{ "echild", t_echild },
	{ "wnohang", t_wnohang },
	{ "orphan_reparented", t_orphan_reparented },
	{ "exit_closes_fds", t_exit_closes_fds },
	{ "shared_offset", t_shared_offset },
	{ "deep_chain", t_deep_chain },
	{ "concurrent_forks", t_concurrent_forks },
	{ "fork_until_eagain", t_fork_until_eagain },
	{ "no_leak", t_no_leak },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
