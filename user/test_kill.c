/*
 * test_kill.c: kill(2) ends processes that spin, sleep in a pipe read, in
 * nanosleep or in wait; the status says which signal; ESRCH, EINVAL and
 * EPERM are reported; nothing is leaked.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define	KILL_WAIT_MS	10000	/* how long a killed process may take */

/* The ways a child can wait to be killed. */
enum victim { SPIN, PIPE_READ, SLEEP, WAIT_CHILD };

/*
 * Fork a child that tells us it is ready (a byte on a pipe) and then
 * spins or sleeps forever.  *blockfd is the write end of the pipe it
 * may read: close it once the child is dead.
 */
static pid_t
victim(enum victim how, int *blockfd)
{
	int ready[2], block[2];
	struct timespec ts;
	char c;
	pid_t pid;

	SYS(pipe(ready));
	SYS(pipe(block));
	pid = tap_fork();
	if (pid == 0) {
		close(ready[0]);
		close(block[1]);
		(void)write(ready[1], "r", 1);
		switch (how) {
		case SPIN:
			for (;;)
				;
		case PIPE_READ:
			(void)read(block[0], &c, 1);
			break;
		case SLEEP:
			ts.tv_sec = 1000;
			ts.tv_nsec = 0;
			nanosleep(&ts, NULL);
			break;
		case WAIT_CHILD:
			if (fork() == 0) {
				(void)read(block[0], &c, 1);
				_exit(0);
			}
			wait(NULL);
			break;
		}
		_exit(77);	/* should never get here: we were killed */
	}
	close(ready[1]);
	close(block[0]);
	check(read(ready[0], &c, 1) == 1, "the victim did not start");
	close(ready[0]);
	*blockfd = block[1];	/* open, so that the reads do not return */
	tap_sleep_ms(50);	/* let it get to its loop or its sleep */
	return (pid);
}

/* Wait for a killed child, KILL_WAIT_MS at most; want WTERMSIG sig. */
static void
want_killed(pid_t pid, int sig, const char *what)
{
	long deadline = tap_now_ms() + KILL_WAIT_MS;
	pid_t r;
	int st;

	while ((r = waitpid(pid, &st, WNOHANG)) == 0 &&
	    tap_now_ms() < deadline)
		tap_sleep_ms(10);
	check(r == pid, "%s: not dead %d ms after kill (waitpid %d, "
	    "errno %d)", what, KILL_WAIT_MS, r, errno);
	check(WIFSIGNALED(st) && WTERMSIG(st) == sig,
	    "%s: status %s, want killed by signal %d", what,
	    tap_status_str(st), sig);
	check(!WIFEXITED(st), "%s: WIFEXITED too (status 0x%x)", what, st);
}

static void
kill_victim(enum victim how, const char *what)
{
	int fd;
	pid_t pid = victim(how, &fd);

	check(kill(pid, SIGKILL) == 0, "kill(%d, SIGKILL): errno %d", pid,
	    errno);
	want_killed(pid, SIGKILL, what);
	close(fd);
}

static void
t_spinning(void)
{
	kill_victim(SPIN, "a spinning child");
}

static void
t_pipe_read(void)
{
	kill_victim(PIPE_READ, "a child asleep in read on a pipe");
}

static void
t_nanosleep(void)
{
	kill_victim(SLEEP, "a child asleep in nanosleep");
}

static void
t_in_wait(void)
{
	kill_victim(WAIT_CHILD, "a child asleep in wait");
}

static void
t_other_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGUSR1, SIGHUP };
	pid_t pid;
	int i, fd;

	for (i = 0; i < TAP_NCASES(sigs); i++) {
		pid = victim(i % 2 ? PIPE_READ : SPIN, &fd);
		check(kill(pid, sigs[i]) == 0, "kill(%d, %d): errno %d", pid,
		    sigs[i], errno);
		want_killed(pid, sigs[i], "a child sent a signal");
		close(fd);
	}
}

static void
t_kill_self(void)
{
	pid_t pid = tap_fork();

	if (pid == 0) {
		kill(getpid(), SIGKILL);
		tap_sleep_ms(KILL_WAIT_MS);
		_exit(0);
	}
	want_killed(pid, SIGKILL, "a child that killed itself");
}

static void
t_esrch(void)
{
	pid_t pid;

	check_errno(kill(99998, SIGKILL), ESRCH);
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	check_errno(kill(pid, SIGKILL), ESRCH);		/* reaped */
	check_errno(kill(pid, 0), ESRCH);
}

static void
t_signal_zero(void)
{
	int st, fd;
	pid_t pid = victim(PIPE_READ, &fd), r;

	check(kill(pid, 0) == 0, "kill(pid, 0) on a live child: errno %d",
	    errno);
	tap_sleep_ms(50);
	r = waitpid(pid, &st, WNOHANG);
	check(r == 0, "signal 0 ended the child (waitpid %d, %s)", r,
	    tap_status_str(st));
	check(kill(pid, SIGKILL) == 0, "kill");
	want_killed(pid, SIGKILL, "after kill 0");
	close(fd);
}

static void
t_einval(void)
{
	int fd;
	pid_t pid = victim(PIPE_READ, &fd);

	check_errno(kill(pid, -1), EINVAL);
	check_errno(kill(pid, 129), EINVAL);		/* > _SIG_MAXSIG */
	check(kill(pid, SIGKILL) == 0, "kill");
	want_killed(pid, SIGKILL, "after bad signal numbers");
	close(fd);
}

static void
t_eperm(void)
{
	int st, fd, ufd;
	pid_t v = victim(PIPE_READ, &fd), pid, r;

	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		check_errno(kill(v, SIGKILL), EPERM);
		check_errno(kill(1, SIGKILL), EPERM);	/* init */
		_exit(0);
	}
	tap_wait_ok(pid);
	r = waitpid(v, &st, WNOHANG);
	check(r == 0, "a user killed root's process (waitpid %d, %s)", r,
	    tap_status_str(st));
	check(kill(v, SIGKILL) == 0, "kill");
	want_killed(v, SIGKILL, "root's process");
	close(fd);

	/* A user may kill its own processes. */
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		v = victim(PIPE_READ, &ufd);
		check(kill(v, SIGKILL) == 0, "user kills its child: errno %d",
		    errno);
		want_killed(v, SIGKILL, "the user's own child");
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
t_many(void)
{
	pid_t pids[20];
	int fds[20];
	unsigned long before;
	int i, round;

	for (round = 0; round < 2; round++) {
		before = tap_free_pages();
		for (i = 0; i < 20; i++)
			pids[i] = victim(i % 3 == 0 ? SPIN : PIPE_READ,
			    &fds[i]);
		for (i = 0; i < 20; i++)
			check(kill(pids[i], SIGKILL) == 0, "kill %d", pids[i]);
		for (i = 0; i < 20; i++) {
			want_killed(pids[i], SIGKILL, "one of 20");
			close(fds[i]);
		}
		if (round == 1)
			tap_check_free_pages(before, 8, "20 killed children");
	}
}

static const struct tap_case cases[] = {
	{ "spinning", t_spinning },
	{ "pipe_read", t_pipe_read },
	{ "nanosleep", t_nanosleep },
	{ "in_wait", t_in_wait },
	{ "other_signals", t_other_signals },
	{ "kill_self", t_kill_self },
	{ "esrch", t_esrch },
	{ "signal_zero", t_signal_zero },
	{ "einval", t_einval },
	{ "eperm", t_eperm },
	{ "many_no_leak", t_many },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
