/*
 * test_oom.c: running out of memory and processes.  A child grows its
 * heap until sbrk says ENOMEM; with memory gone, fork, pipe and exec fail
 * cleanly (no panic, no hang); fork until EAGAIN or ENOMEM; everything is
 * reaped and the free page count comes back.
 *
 * With copy-on-write fork, a process that writes a shared page when no
 * page is free cannot be given ENOMEM: the kernel kills it (SIGKILL), as
 * BSD's does.  So the processes that run out of memory are children, and
 * SIGKILL is an accepted end for them; the checks that remain are the
 * errnos seen by whoever survives, that nothing panics or hangs, that all
 * are reaped, and that every page comes back.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	PGSIZE	4096
#define	CHUNK	(256L * 1024)		/* heap grows by this much a step */

/* Grow the heap, touching every page, until sbrk fails; returns bytes. */
static long
eat_memory(int *err)
{
	long total = 0, i;
	char *p;

	for (;;) {
		p = sbrk(CHUNK);
		if (p == (char *)-1) {
			*err = errno;
			return (total);
		}
		for (i = 0; i < CHUNK; i += PGSIZE)
			p[i] = 1;
		total += CHUNK;
	}
}

/*
 * Wait for a child that ran out of memory: it must exit 0 or have been
 * killed by the kernel for want of memory (SIGKILL).  Returns 1 if it
 * exited, 0 if it was killed.
 */
static int
wait_exit0_or_oom(pid_t pid, const char *what)
{
	int st = tap_wait(pid);

	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) {
		tap_diag("%s: killed by the kernel (out of memory)", what);
		return (0);
	}
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: %s", what,
	    tap_status_str(st));
	return (1);
}

/* Wait until the free page count is back near before (and check it). */
static void
settle(unsigned long before, const char *what)
{
	tap_check_free_pages(before, 32, what);
}

static void
t_sbrk_until_enomem(void)
{
	unsigned long before;
	int round, err;
	pid_t pid;

	/* Twice: the first run may leave caches filled in the kernel. */
	for (round = 0; round < 2; round++) {
		before = tap_free_pages();
		pid = tap_fork();
		if (pid == 0) {
			long got = eat_memory(&err);

			check(err == ENOMEM, "sbrk failed with errno %d after "
			    "%ld KiB, want ENOMEM", err, got / 1024);
			check(got >= 4 * 1024 * 1024, "only %ld KiB before "
			    "ENOMEM", got / 1024);
			_exit(0);
		}
		wait_exit0_or_oom(pid, "the child that ate memory");
		settle(before, "a child that filled memory, reaped");
	}
}

/* With memory gone, other calls fail cleanly, then work after. */
static void
t_calls_when_full(void)
{
	unsigned long before = tap_free_pages();
	int p[2], r, st, err, i, fd;
	char *argv[] = { "/bin/thelper_exec", "exit", "0", NULL };
	char *envp[] = { NULL };
	pid_t pid, c;

	pid = tap_fork();
	if (pid == 0) {
		char *pg;

		eat_memory(&err);
		/* Squeeze out the last pages with small steps (bounded: a
		 * kernel that overcommits would let this run for ever). */
		for (i = 0; i < 4096; i++) {
			if ((pg = sbrk(PGSIZE)) == (char *)-1)
				break;
			pg[0] = 1;
		}
		for (i = 0; i < 20; i++) {
			c = fork();
			if (c == 0)
				_exit(0);
			if (c > 0)
				wait(NULL);
			else
				check(errno == ENOMEM || errno == EAGAIN,
				    "fork with no memory: errno %d", errno);
			r = pipe(p);
			if (r == 0) {
				close(p[0]);
				close(p[1]);
			} else {
				check(errno == ENOMEM || errno == ENFILE ||
				    errno == EMFILE, "pipe with no memory: "
				    "errno %d", errno);
			}
			fd = open("/oom.file", O_CREAT | O_RDWR, 0644);
			if (fd >= 0)
				close(fd);
		}
		/* Exec replaces the big image; it may fail for memory. */
		execve(argv[0], argv, envp);
		check(errno == ENOMEM || errno == EAGAIN, "exec with no "
		    "memory: errno %d", errno);
		_exit(0);
	}
	wait_exit0_or_oom(pid, "the child that ran calls with memory full");
	settle(before, "a child that ran calls with memory full");
	/* Everything works again. */
	st = tap_run(argv, envp, NULL, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork+exec after: %s",
	    tap_status_str(st));
	unlink("/oom.file");
}

/*
 * Fork children that each take some memory and then wait on a pipe,
 * until fork fails; then let them go and reap them all.  Returns how
 * many; *err is fork's errno.  Children the kernel killed for memory
 * are fine; any other end is not.
 */
static int
fork_until_failure(long each, int limit, int *err)
{
	int p[2], n, i, st, bad = 0, killed = 0;
	pid_t pid;
	char c;

	SYS(pipe(p));
	*err = 0;
	for (n = 0; n < limit; n++) {
		pid = fork();
		if (pid == 0) {
			char *m;
			long j;

			close(p[1]);
			m = sbrk(each);
			if (m != (char *)-1)
				for (j = 0; j < each; j += PGSIZE)
					m[j] = 1;
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
	for (i = 0; i < n; i++) {
		pid = wait(&st);
		check(pid > 0, "reaping %d of %d: errno %d", i + 1, n, errno);
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			killed++;
		else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	check(bad == 0, "%d of %d children neither exited 0 nor were killed "
	    "for memory", bad, n);
	if (killed)
		tap_diag("%d of %d children killed for want of memory", killed,
		    n);
	check_errno(wait(NULL), ECHILD);
	return (n);
}

static void
t_fork_until_fail(void)
{
	unsigned long before;
	int round;
	pid_t pid;

	for (round = 0; round < 2; round++) {
		before = tap_free_pages();
		pid = tap_fork();
		if (pid == 0) {
			int n, err;

			/* 1 MiB each: memory runs out before the process
			 * table does. */
			n = fork_until_failure(1024 * 1024, 5000, &err);
			check(err == EAGAIN || err == ENOMEM, "fork failed with "
			    "errno %d after %d children, want EAGAIN or ENOMEM",
			    err, n);
			check(n >= 4, "only %d children", n);
			_exit(0);
		}
		wait_exit0_or_oom(pid, "the process forking children");
		settle(before, "children that filled memory, reaped");
	}
}

/* A big parent forks until it cannot: copying its memory runs out. */
static void
t_big_parent_forks(void)
{
	unsigned long before = tap_free_pages();
	int err;
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		char *m = sbrk(16L * 1024 * 1024);
		long j;
		int n;

		check(m != (char *)-1, "sbrk 16 MiB: errno %d", errno);
		for (j = 0; j < 16L * 1024 * 1024; j += PGSIZE)
			m[j] = 1;
		n = fork_until_failure(0, 5000, &err);
		check(err == EAGAIN || err == ENOMEM, "fork failed with errno "
		    "%d after %d children, want EAGAIN or ENOMEM", err, n);
		_exit(0);
	}
	wait_exit0_or_oom(pid, "the big parent");
	settle(before, "a 16 MiB parent's children, reaped");
}

static const struct tap_case cases[] = {
	{ "sbrk_until_enomem", t_sbrk_until_enomem },
	{ "calls_when_full", t_calls_when_full },
	{ "fork_until_fail", t_fork_until_fail },
	{ "big_parent_forks", t_big_parent_forks },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
