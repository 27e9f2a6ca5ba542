/*
 * test_signal.c: signal delivery: handlers, siginfo, masks, sigsuspend,
 * the SA_* flags, EINTR and restart, SIGCHLD and zombies, stop and
 * continue, default actions, kill permissions and groups, alarm, faults,
 * and what fork and exec keep.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define	WAIT_MS		5000	/* how long a signal may take to act */
#define	BADADDR		((char *)0x2000000000UL)	/* never mapped */
#define	KERNADDR	((void *)0xffffffc080200000UL)

static volatile int got;		/* the last signal a handler saw */
static volatile int gotcount;		/* handler calls so far */
static volatile int depth;		/* handlers running now */
static volatile int maxdepth;
static volatile int blocked_inside;	/* signal blocked in its handler */
static volatile int mask2_inside;	/* SIGUSR2 blocked in the handler */
static siginfo_t info;			/* the last SA_SIGINFO handler's */
static volatile int info_ctx;		/* its context pointer was non-NULL */

static void
on_sig(int sig)
{
	got = sig;
	gotcount++;
}

static void
on_info(int sig, siginfo_t *si, void *ctx)
{
	info = *si;
	info_ctx = ctx != NULL;
	got = sig;
	gotcount++;
}

/* Install handler h for sig with flags and an empty sa_mask. */
static void
catch(int sig, void (*h)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	check(sigaction(sig, &sa, NULL) == 0, "sigaction(%d): errno %d", sig,
	    errno);
}

static void
catch_info(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = flags | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	check(sigaction(sig, &sa, NULL) == 0, "sigaction(%d, SA_SIGINFO): "
	    "errno %d", sig, errno);
}

/* Block (how SIG_BLOCK) or unblock one signal. */
static void
mask1(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	check(sigprocmask(how, &set, NULL) == 0, "sigprocmask(%d, %d): errno "
	    "%d", how, sig, errno);
}

static int
isblocked(int sig)
{
	sigset_t cur;

	check(sigprocmask(SIG_BLOCK, NULL, &cur) == 0, "sigprocmask: errno "
	    "%d", errno);
	return (sigismember(&cur, sig) == 1);
}

static int
ispending(int sig)
{
	sigset_t set;

	check(sigpending(&set) == 0, "sigpending: errno %d", errno);
	return (sigismember(&set, sig) == 1);
}

/* A child that sleeps in a pipe read until killed; *fdp keeps it there. */
static pid_t
sleeper(int *fdp)
{
	int ready[2], block[2];
	pid_t pid;
	char c;

	SYS(pipe(ready));
	SYS(pipe(block));
	pid = tap_fork();
	if (pid == 0) {
		close(ready[0]);
		close(block[1]);
		(void)write(ready[1], "r", 1);
		for (;;)
			if (read(block[0], &c, 1) == 0)
				_exit(0);
	}
	close(ready[1]);
	close(block[0]);
	check(read(ready[0], &c, 1) == 1, "the sleeper did not start");
	close(ready[0]);
	*fdp = block[1];
	return (pid);
}

/* Wait at most WAIT_MS for pid; its status (fails the case on timeout). */
static int
wait_for(pid_t pid, int options, const char *what)
{
	long deadline = tap_now_ms() + WAIT_MS;
	pid_t r;
	int st = 0;

	for (;;) {
		r = waitpid(pid, &st, options | WNOHANG);
		if (r == pid)
			return (st);
		if (r == -1 && errno == EINTR)
			continue;
		check(r == 0, "%s: waitpid(%d) = %d, errno %d", what, pid, r,
		    errno);
		check(tap_now_ms() < deadline, "%s: nothing from pid %d in "
		    "%d ms", what, pid, WAIT_MS);
		tap_sleep_ms(5);
	}
}

static void
want_signaled(pid_t pid, int sig, const char *what)
{
	int st = wait_for(pid, 0, what);

	check(WIFSIGNALED(st) && WTERMSIG(st) == sig, "%s: %s, want killed "
	    "by signal %d", what, tap_status_str(st), sig);
}

/* Is pid still running (not yet a zombie)? */
static int
alive(pid_t pid)
{
	int st;

	return (waitpid(pid, &st, WNOHANG) == 0);
}

static void
t_handler_runs(void)
{
	long a = getpid() * 3L + 1, b = a * 7;
	int r;

	catch(SIGUSR1, on_sig, 0);
	r = raise(SIGUSR1);
	check(r == 0, "raise returned %d (a0 not restored?) errno %d", r,
	    errno);
	check(got == SIGUSR1 && gotcount == 1, "handler saw %d, %d calls, "
	    "want SIGUSR1 once before kill returned", got, gotcount);
	check(a == getpid() * 3L + 1 && b == a * 7, "registers changed "
	    "across the handler");
	r = raise(SIGUSR1);
	check(r == 0 && gotcount == 2, "second raise: %d, %d calls", r,
	    gotcount);
}

static void
t_siginfo(void)
{
	pid_t pid, child;
	int fds[2];
	char c;

	catch_info(SIGUSR2, 0);
	check(raise(SIGUSR2) == 0, "raise: errno %d", errno);
	check(gotcount == 1 && info_ctx, "handler: %d calls, ctx %d",
	    gotcount, info_ctx);
	check(info.si_signo == SIGUSR2, "si_signo %d", info.si_signo);
	check(info.si_pid == getpid(), "si_pid %d, want %d", info.si_pid,
	    getpid());
	check(info.si_uid == 0, "si_uid %u, want 0", info.si_uid);
	check(info.si_code == SI_USER, "si_code 0x%x, want SI_USER",
	    info.si_code);

	/* From another process of another uid. */
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		mask1(SIG_BLOCK, SIGUSR2);
		SYS(pipe(fds));
		child = tap_fork();
		if (child == 0) {
			SYS(kill(getppid(), SIGUSR2));
			(void)write(fds[1], "k", 1);
			_exit(0);
		}
		check(read(fds[0], &c, 1) == 1, "child did not signal");
		tap_wait_ok(child);
		check(ispending(SIGUSR2), "SIGUSR2 not pending");
		gotcount = 0;
		mask1(SIG_UNBLOCK, SIGUSR2);
		check(gotcount == 1, "unblocking: %d calls", gotcount);
		check(info.si_pid == child && info.si_uid == 1000,
		    "si_pid %d si_uid %u, want %d and 1000", info.si_pid,
		    info.si_uid, child);
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
t_mask(void)
{
	sigset_t set, old;

	catch(SIGUSR1, on_sig, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check(sigprocmask(SIG_BLOCK, &set, &old) == 0, "block: errno %d",
	    errno);
	check(!sigismember(&old, SIGUSR1), "SIGUSR1 blocked at the start");
	check(isblocked(SIGUSR1), "SIGUSR1 not in the mask after BLOCK");
	check(!ispending(SIGUSR1), "SIGUSR1 pending before it was sent");
	check(raise(SIGUSR1) == 0, "raise: errno %d", errno);
	check(gotcount == 0, "a blocked signal was delivered");
	check(ispending(SIGUSR1), "sigpending does not show SIGUSR1");
	check(raise(SIGUSR1) == 0, "raise: errno %d", errno);
	check(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0, "unblock: errno %d",
	    errno);
	check(gotcount == 1, "after UNBLOCK: %d handler calls, want 1 (before "
	    "sigprocmask returned; two sends of one signal merge)", gotcount);
	check(!ispending(SIGUSR1), "still pending after delivery");

	/* SETMASK, and SIGKILL and SIGSTOP silently left out. */
	sigfillset(&set);
	check(sigprocmask(SIG_SETMASK, &set, NULL) == 0, "setmask: errno %d",
	    errno);
	check(sigprocmask(SIG_SETMASK, NULL, &old) == 0, "get: errno %d",
	    errno);
	check(sigismember(&old, SIGUSR1) && sigismember(&old, 128),
	    "SETMASK of a full set left out SIGUSR1 or 128");
	check(!sigismember(&old, SIGKILL) && !sigismember(&old, SIGSTOP),
	    "SIGKILL or SIGSTOP can be blocked");
	sigemptyset(&set);
	check_errno(sigprocmask(99, &set, NULL), EINVAL);
	check_errno(sigprocmask(SIG_BLOCK, KERNADDR, NULL), EFAULT);
	check_errno(sigprocmask(SIG_BLOCK, NULL, KERNADDR), EFAULT);
	check_errno(sigpending((void *)BADADDR), EFAULT);
}

static void
t_sigsuspend(void)
{
	sigset_t empty;
	pid_t pid, me = getpid();
	int r;

	catch(SIGUSR1, on_sig, 0);
	mask1(SIG_BLOCK, SIGUSR1);
	mask1(SIG_BLOCK, SIGUSR2);
	pid = tap_fork();
	if (pid == 0) {
		tap_sleep_ms(100);
		SYS(kill(me, SIGUSR1));
		_exit(0);
	}
	sigemptyset(&empty);
	sigaddset(&empty, SIGUSR2);
	errno = 0;
	r = sigsuspend(&empty);
	check(r == -1 && errno == EINTR, "sigsuspend: %d errno %d, want -1 "
	    "EINTR", r, errno);
	check(gotcount == 1 && got == SIGUSR1, "handler: %d calls, sig %d",
	    gotcount, got);
	check(isblocked(SIGUSR1) && isblocked(SIGUSR2), "the old mask was not "
	    "restored after sigsuspend");
	tap_wait_ok(pid);

	/* Already pending: returns at once. */
	check(raise(SIGUSR1) == 0, "raise");
	r = sigsuspend(&empty);
	check(r == -1 && errno == EINTR && gotcount == 2, "sigsuspend with "
	    "SIGUSR1 pending: %d errno %d, %d calls", r, errno, gotcount);
	check_errno(sigsuspend(KERNADDR), EFAULT);
}

static void
t_resethand(void)
{
	struct sigaction sa;
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		catch(SIGUSR1, on_sig, SA_RESETHAND);
		check(raise(SIGUSR1) == 0 && gotcount == 1, "first delivery: "
		    "%d calls", gotcount);
		SYS(sigaction(SIGUSR1, NULL, &sa));
		check(sa.sa_handler == SIG_DFL, "handler not reset to SIG_DFL");
		(void)raise(SIGUSR1);
		_exit(5);	/* the default action should have killed us */
	}
	want_signaled(pid, SIGUSR1, "second SIGUSR1 after SA_RESETHAND");
}

static void
on_nest(int sig)
{
	sigset_t cur;

	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	gotcount++;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	if (gotcount == 1) {
		blocked_inside = sigismember(&cur, sig);
		mask2_inside = sigismember(&cur, SIGUSR2);
		raise(sig);		/* nested at once only with NODEFER */
	}
	depth--;
}

static void
t_nodefer(void)
{
	struct sigaction sa;

	/* Default: the signal is blocked in its handler, with sa_mask. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_nest;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	SYS(sigaction(SIGUSR1, &sa, NULL));
	check(raise(SIGUSR1) == 0, "raise");
	check(blocked_inside && mask2_inside, "in the handler: SIGUSR1 "
	    "blocked %d, sa_mask's SIGUSR2 blocked %d, want both",
	    blocked_inside, mask2_inside);
	check(maxdepth == 1 && gotcount == 2, "without SA_NODEFER: depth %d, "
	    "%d calls, want 1 and 2 (the second after the first returned)",
	    maxdepth, gotcount);
	check(!isblocked(SIGUSR1) && !isblocked(SIGUSR2), "mask not restored "
	    "after the handler");

	gotcount = maxdepth = 0;
	sa.sa_flags = SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	SYS(sigaction(SIGUSR1, &sa, NULL));
	check(raise(SIGUSR1) == 0, "raise");
	check(!blocked_inside, "SA_NODEFER: SIGUSR1 blocked in its handler");
	check(maxdepth == 2 && gotcount == 2, "with SA_NODEFER: depth %d, %d "
	    "calls, want 2 and 2", maxdepth, gotcount);
}

/* Arm a one-shot ITIMER_REAL of ms milliseconds. */
static void
arm_ms(long ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	check(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer: errno %d",
	    errno);
}

static void
t_restart(void)
{
	int fds[2];
	pid_t pid;
	ssize_t n;
	char c;

	SYS(pipe(fds));
	catch(SIGALRM, on_sig, 0);
	arm_ms(100);
	errno = 0;
	n = read(fds[0], &c, 1);
	check(n == -1 && errno == EINTR, "read without SA_RESTART: %ld errno "
	    "%d, want -1 EINTR", (long)n, errno);
	check(gotcount == 1 && got == SIGALRM, "handler: %d calls", gotcount);

	catch(SIGALRM, on_sig, SA_RESTART);
	pid = tap_fork();
	if (pid == 0) {
		tap_sleep_ms(500);
		(void)write(fds[1], "x", 1);
		_exit(0);
	}
	arm_ms(100);
	n = read(fds[0], &c, 1);
	check(n == 1 && c == 'x', "read with SA_RESTART: %ld errno %d, want "
	    "the byte written after the alarm", (long)n, errno);
	check(gotcount == 2, "the alarm's handler did not run (%d calls)",
	    gotcount);
	tap_wait_ok(pid);

	/* signal(3) is BSD's: it restarts. */
	check(signal(SIGALRM, on_sig) != SIG_ERR, "signal: errno %d", errno);
	pid = tap_fork();
	if (pid == 0) {
		tap_sleep_ms(500);
		(void)write(fds[1], "y", 1);
		_exit(0);
	}
	arm_ms(100);
	n = read(fds[0], &c, 1);
	check(n == 1 && c == 'y' && gotcount == 3, "read after signal(3): %ld "
	    "errno %d, %d calls", (long)n, errno, gotcount);
	tap_wait_ok(pid);
}

static void
t_uncatchable(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	check_errno(sigaction(SIGKILL, &sa, NULL), EINVAL);
	check_errno(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	check_errno(sigaction(SIGKILL, &sa, NULL), EINVAL);
	check_errno(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	check(signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL,
	    "signal(SIGKILL, SIG_IGN) did not fail with EINVAL");
	SYS(sigaction(SIGKILL, NULL, &sa));
	check(sa.sa_handler == SIG_DFL, "SIGKILL's action is not SIG_DFL");
	sa.sa_handler = SIG_DFL;
	SYS(sigaction(SIGKILL, &sa, NULL));	/* allowed, as in FreeBSD */
}

static void
t_sigaction_errors(void)
{
	struct sigaction sa, osa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	check_errno(sigaction(0, &sa, NULL), EINVAL);
	check_errno(sigaction(_SIG_MAXSIG + 1, &sa, NULL), EINVAL);
	check_errno(sigaction(-1, &sa, NULL), EINVAL);
	check_errno(sigaction(0, NULL, &osa), EINVAL);
	check_errno(sigaction(SIGUSR1, KERNADDR, NULL), EFAULT);
	check_errno(sigaction(SIGUSR1, (void *)BADADDR, NULL), EFAULT);
	check_errno(sigaction(SIGUSR1, NULL, KERNADDR), EFAULT);
	SYS(sigaction(SIGUSR1, NULL, NULL));
	SYS(sigaction(_SIG_MAXSIG, &sa, NULL));
	SYS(sigaction(_SIG_MAXSIG, NULL, &osa));
	check(osa.sa_handler == on_sig, "signal 128's handler did not stick");

	/* The old action comes back as it was set. */
	sa.sa_flags = SA_RESTART | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaddset(&sa.sa_mask, 100);
	SYS(sigaction(SIGUSR2, &sa, NULL));
	memset(&osa, 0, sizeof(osa));
	SYS(sigaction(SIGUSR2, NULL, &osa));
	check(osa.sa_handler == on_sig && (osa.sa_flags & (SA_RESTART |
	    SA_NODEFER)) == (SA_RESTART | SA_NODEFER), "old action: handler "
	    "%p flags 0x%x", (void *)osa.sa_handler, osa.sa_flags);
	check(sigismember(&osa.sa_mask, SIGTERM) == 1 &&
	    sigismember(&osa.sa_mask, 100) == 1 &&
	    sigismember(&osa.sa_mask, SIGINT) == 0, "old action's sa_mask "
	    "differs");

	/* The library's signal sets. */
	check_errno(sigaddset(&sa.sa_mask, 0), EINVAL);
	check_errno(sigaddset(&sa.sa_mask, _SIG_MAXSIG + 1), EINVAL);
	check_errno(sigdelset(&sa.sa_mask, -5), EINVAL);
	check_errno(sigismember(&sa.sa_mask, 200), EINVAL);
	check(signal(0, on_sig) == SIG_ERR && errno == EINVAL, "signal(0) did "
	    "not fail with EINVAL");
	check(signal(SIGUSR2, SIG_IGN) == on_sig, "signal did not return the "
	    "old handler");
	check(signal(SIGUSR2, SIG_DFL) == SIG_IGN, "signal did not return "
	    "SIG_IGN");
}

static void
t_sigchld_info(void)
{
	sigset_t empty;
	pid_t pid;
	int st;

	catch_info(SIGCHLD, 0);
	mask1(SIG_BLOCK, SIGCHLD);
	pid = tap_fork();
	if (pid == 0)
		_exit(7);
	sigemptyset(&empty);
	(void)sigsuspend(&empty);
	check(gotcount == 1 && got == SIGCHLD, "handler: %d calls, sig %d",
	    gotcount, got);
	check(info.si_signo == SIGCHLD && info.si_pid == pid, "si_signo %d "
	    "si_pid %d, want %d %d", info.si_signo, info.si_pid, SIGCHLD,
	    pid);
	check(info.si_status == 7 && info.si_code == CLD_EXITED, "si_status %d "
	    "si_code %d, want 7 and CLD_EXITED", info.si_status, info.si_code);
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7, "status %s",
	    tap_status_str(st));

	/* A child killed by a signal: CLD_KILLED and the signal. */
	pid = tap_fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	SYS(kill(pid, SIGTERM));
	(void)sigsuspend(&empty);
	check(gotcount == 2 && info.si_pid == pid && info.si_code ==
	    CLD_KILLED && info.si_status == SIGTERM, "killed child: %d calls, "
	    "si_pid %d si_code %d si_status %d", gotcount, info.si_pid,
	    info.si_code, info.si_status);
	want_signaled(pid, SIGTERM, "the killed child");
}

/*
 * Fork n children that exit at once, with SIGCHLD set up by the caller;
 * want no zombie: wait gives ECHILD and kern.nprocs comes back.
 */
static void
want_no_zombies(int n, const char *what)
{
	long deadline;
	int i, nprocs, now, st;
	pid_t r;

	nprocs = tap_sysctl_int("kern.nprocs");
	for (i = 0; i < n; i++)
		if (tap_fork() == 0)
			_exit(0);
	/* wait(2) sleeps until they are all gone, then says ECHILD. */
	while ((r = wait(&st)) == -1 && errno == EINTR)
		;
	check(r == -1 && errno == ECHILD, "%s: wait = %d (%s), errno %d, want "
	    "ECHILD", what, r, r > 0 ? tap_status_str(st) : "-", errno);
	deadline = tap_now_ms() + WAIT_MS;
	while ((now = tap_sysctl_int("kern.nprocs")) > nprocs &&
	    tap_now_ms() < deadline)
		tap_sleep_ms(10);
	check(now <= nprocs, "%s: kern.nprocs %d before, %d after", what,
	    nprocs, now);
	check_errno(waitpid(-1, &st, WNOHANG), ECHILD);
}

static void
t_sigchld_ign(void)
{
	unsigned long before = tap_free_pages();
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		check(signal(SIGCHLD, SIG_IGN) != SIG_ERR, "signal: errno %d",
		    errno);
		want_no_zombies(5, "SIGCHLD ignored");
		_exit(0);
	}
	tap_wait_ok(pid);
	pid = tap_fork();
	if (pid == 0) {
		catch(SIGCHLD, on_sig, SA_NOCLDWAIT);
		want_no_zombies(5, "SA_NOCLDWAIT");
		_exit(0);
	}
	tap_wait_ok(pid);
	tap_check_free_pages(before, 8, "children that left no zombie");
}

static void
t_stop_continue(void)
{
	int fd, st;
	pid_t pid = sleeper(&fd);

	SYS(kill(pid, SIGSTOP));
	st = wait_for(pid, WUNTRACED, "SIGSTOP");
	check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "after SIGSTOP: "
	    "status 0x%x, want stopped by SIGSTOP", st);
	check(waitpid(pid, &st, WUNTRACED | WNOHANG) == 0, "the stop was "
	    "reported twice (status 0x%x)", st);
	check(waitpid(pid, &st, WNOHANG) == 0, "waitpid without WUNTRACED "
	    "reported something: 0x%x", st);
	SYS(kill(pid, SIGCONT));
	st = wait_for(pid, WCONTINUED, "SIGCONT");
	check(WIFCONTINUED(st), "after SIGCONT: status 0x%x, want continued",
	    st);
	check(waitpid(pid, &st, WCONTINUED | WNOHANG) == 0, "continue "
	    "reported twice");

	/* SIGTSTP stops too (default action), and a stopped child dies. */
	SYS(kill(pid, SIGTSTP));
	st = wait_for(pid, WUNTRACED, "SIGTSTP");
	check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "after SIGTSTP: "
	    "status 0x%x", st);
	SYS(kill(pid, SIGKILL));
	want_signaled(pid, SIGKILL, "a stopped child sent SIGKILL");
	close(fd);

	/* A stopped child that is continued carries on from where it was. */
	pid = sleeper(&fd);
	SYS(kill(pid, SIGSTOP));
	st = wait_for(pid, WUNTRACED, "SIGSTOP");
	check(WIFSTOPPED(st), "status 0x%x", st);
	SYS(kill(pid, SIGCONT));
	close(fd);	/* its read now sees EOF: it exits 0 */
	st = wait_for(pid, 0, "continued child");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "continued child: %s",
	    tap_status_str(st));
}

static void
t_nocldstop(void)
{
	int fd, st;
	pid_t pid;

	catch_info(SIGCHLD, 0);
	pid = sleeper(&fd);
	SYS(kill(pid, SIGSTOP));
	st = wait_for(pid, WUNTRACED, "SIGSTOP");
	check(WIFSTOPPED(st), "status 0x%x", st);
	tap_sleep_ms(50);
	check(gotcount == 1 && info.si_pid == pid && info.si_code ==
	    CLD_STOPPED, "SIGCHLD on stop: %d calls, si_pid %d si_code %d, "
	    "want 1, %d, CLD_STOPPED", gotcount, info.si_pid, info.si_code,
	    pid);
	SYS(kill(pid, SIGKILL));
	want_signaled(pid, SIGKILL, "first child");
	close(fd);

	catch_info(SIGCHLD, SA_NOCLDSTOP);
	gotcount = 0;
	pid = sleeper(&fd);
	SYS(kill(pid, SIGSTOP));
	st = wait_for(pid, WUNTRACED, "SIGSTOP");
	check(WIFSTOPPED(st), "status 0x%x", st);
	tap_sleep_ms(50);
	check(gotcount == 0, "SA_NOCLDSTOP: SIGCHLD on stop anyway (si_code "
	    "%d)", info.si_code);
	SYS(kill(pid, SIGKILL));
	want_signaled(pid, SIGKILL, "second child");
	tap_sleep_ms(20);
	check(gotcount == 1 && info.si_code == CLD_KILLED, "SA_NOCLDSTOP: "
	    "no SIGCHLD on exit (%d calls)", gotcount);
	close(fd);
}

/* A child that raises sig; exits 5 if it survives. */
static int
raise_in_child(int sig, void (*h)(int))
{
	pid_t pid = tap_fork();

	if (pid == 0) {
		if (h != NULL)
			catch(sig, h, 0);
		(void)raise(sig);
		if (h != NULL && got != sig)
			_exit(6);
		_exit(5);
	}
	return (tap_wait(pid));
}

static void
t_default_actions(void)
{
	static const int ignored[] = { SIGCHLD, SIGURG, SIGWINCH, SIGINFO,
	    SIGIO };
	static const int fatal[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGHUP,
	    SIGALRM, SIGPIPE, 33, 64, 100 };
	pid_t pid;
	int i, st;

	for (i = 0; i < TAP_NCASES(fatal); i++) {
		st = raise_in_child(fatal[i], NULL);
		check(WIFSIGNALED(st) && WTERMSIG(st) == fatal[i], "signal %d: "
		    "%s, want killed by it", fatal[i], tap_status_str(st));
	}
	/* 128 does not fit in the 7 bits of a status: just want it fatal. */
	st = raise_in_child(128, NULL);
	check(!(WIFEXITED(st) && WEXITSTATUS(st) == 5), "signal 128 did not "
	    "kill (%s)", tap_status_str(st));
	for (i = 0; i < TAP_NCASES(ignored); i++) {
		st = raise_in_child(ignored[i], NULL);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 5, "signal %d: %s, "
		    "want ignored", ignored[i], tap_status_str(st));
	}
	/* The high ones can be caught. */
	st = raise_in_child(64, on_sig);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5, "caught 64: %s",
	    tap_status_str(st));
	st = raise_in_child(128, on_sig);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5, "caught 128: %s",
	    tap_status_str(st));
	/* An ignored fatal signal does nothing. */
	pid = tap_fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_IGN);
		raise(SIGTERM);
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
t_kill_perm(void)
{
	pid_t other, pid, me = getpid();

	/* A process of uid 2000. */
	other = tap_fork();
	if (other == 0) {
		SYS(setuid(2000));
		for (;;)
			pause();
	}
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		check_errno(kill(me, SIGUSR1), EPERM);	/* root's */
		check_errno(kill(me, 0), EPERM);
		check_errno(kill(other, SIGTERM), EPERM);	/* uid 2000's */
		check_errno(kill(1, SIGTERM), EPERM);	/* init */
		check_errno(kill(99998, 0), ESRCH);
		_exit(0);
	}
	tap_wait_ok(pid);
	check(alive(other), "uid 2000's process died");
	SYS(kill(other, SIGKILL));
	want_signaled(other, SIGKILL, "uid 2000's process");

	check_errno(kill(99998, SIGUSR1), ESRCH);
	check_errno(kill(getpid(), _SIG_MAXSIG + 1), EINVAL);
	check_errno(kill(getpid(), -3), EINVAL);
	check(kill(getpid(), 0) == 0, "kill(self, 0): errno %d", errno);
}

static void
t_kill_group(void)
{
	pid_t leader, pids[3], pid;
	int fds[3], i, fd;

	/* kill(0, sig) from inside a new group reaches all of it. */
	pid = tap_fork();
	if (pid == 0) {
		SYS(setpgid(0, 0));
		for (i = 0; i < 3; i++)
			pids[i] = sleeper(&fds[i]);
		catch(SIGUSR1, on_sig, 0);
		SYS(kill(0, SIGUSR1));
		check(got == SIGUSR1, "kill(0) did not reach the sender");
		for (i = 0; i < 3; i++)
			want_signaled(pids[i], SIGUSR1, "a member of the group");
		_exit(0);
	}
	tap_wait_ok(pid);	/* we are not in that group: still alive */

	/* kill(-pgid, sig) from outside; killpg too. */
	leader = sleeper(&fd);
	SYS(setpgid(leader, leader));
	for (i = 0; i < 2; i++) {
		pids[i] = sleeper(&fds[i]);
		SYS(setpgid(pids[i], leader));
	}
	check(getpgid(pids[1]) == leader, "getpgid: %d", getpgid(pids[1]));
	SYS(kill(-leader, SIGTERM));
	want_signaled(leader, SIGTERM, "the group's leader");
	for (i = 0; i < 2; i++)
		want_signaled(pids[i], SIGTERM, "a member");
	close(fd);
	close(fds[0]);
	close(fds[1]);
	check_errno(kill(-leader, SIGTERM), ESRCH);	/* all gone */

	leader = sleeper(&fd);
	SYS(setpgid(leader, leader));
	SYS(killpg(leader, SIGHUP));
	want_signaled(leader, SIGHUP, "killpg");
	close(fd);
}

static void
t_kill_all_user(void)
{
	unsigned long before = tap_free_pages();
	pid_t rootp, other, pid, mine[2];
	int fd, fds[2], i;

	rootp = sleeper(&fd);
	other = tap_fork();
	if (other == 0) {
		SYS(setuid(2000));
		for (;;)
			pause();
	}
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		for (i = 0; i < 2; i++)
			mine[i] = sleeper(&fds[i]);
		catch(SIGUSR1, on_sig, 0);
		SYS(kill(-1, SIGUSR1));
		check(got == 0, "kill(-1) signalled the sender");
		for (i = 0; i < 2; i++)
			want_signaled(mine[i], SIGUSR1, "the user's process");
		_exit(0);
	}
	tap_wait_ok(pid);
	tap_sleep_ms(50);
	check(alive(rootp), "kill(-1) by a user killed a root process");
	check(alive(other), "kill(-1) by a user killed another uid's process");
	SYS(kill(other, SIGKILL));
	want_signaled(other, SIGKILL, "uid 2000's process");
	SYS(kill(rootp, SIGKILL));
	want_signaled(rootp, SIGKILL, "root's process");
	close(fd);
	tap_check_free_pages(before, 8, "kill(-1)");
}

static void
t_alarm_pause(void)
{
	struct itimerval it;
	long start;
	unsigned int left;
	int r;

	catch(SIGALRM, on_sig, 0);
	check(alarm(5) == 0, "alarm(5) with none armed did not return 0");
	SYS(getitimer(ITIMER_REAL, &it));
	check(it.it_value.tv_sec >= 3 && it.it_value.tv_sec <= 5 &&
	    it.it_interval.tv_sec == 0, "getitimer: %ld s left, interval %ld",
	    (long)it.it_value.tv_sec, (long)it.it_interval.tv_sec);
	left = alarm(0);
	check(left >= 4 && left <= 5, "alarm(0) returned %u, want 5", left);
	SYS(getitimer(ITIMER_REAL, &it));
	check(it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0,
	    "alarm(0) did not disarm");

	start = tap_now_ms();
	alarm(1);
	r = pause();
	check(r == -1 && errno == EINTR, "pause: %d errno %d", r, errno);
	check(gotcount == 1 && got == SIGALRM, "handler: %d calls", gotcount);
	check(tap_now_ms() - start >= 800, "pause returned after %ld ms, want "
	    "about 1000", tap_now_ms() - start);

	memset(&it, 0, sizeof(it));
	check_errno(setitimer(1, &it, NULL), EINVAL);	/* ITIMER_VIRTUAL */
	check_errno(setitimer(-1, &it, NULL), EINVAL);
	check_errno(getitimer(2, &it), EINVAL);
	check_errno(setitimer(ITIMER_REAL, KERNADDR, NULL), EFAULT);
}

static void
on_segv(int sig, siginfo_t *si, void *ctx)
{
	/* Returning would fault again: report and leave. */
	if (sig != SIGSEGV || si->si_signo != SIGSEGV)
		_exit(2);
	if (si->si_addr != BADADDR + 24)
		_exit(3);
	_exit(0);
}

static void
t_segv(void)
{
	struct sigaction sa;
	pid_t pid;
	int st;

	pid = tap_fork();
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_segv;
		sa.sa_flags = SA_SIGINFO;
		SYS(sigaction(SIGSEGV, &sa, NULL));
		*(volatile int *)(BADADDR + 24) = 1;
		_exit(4);
	}
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s (exit 2: "
	    "wrong signal, 3: wrong si_addr, 4: no fault)", tap_status_str(st));

	/* Uncaught, the same store kills with SIGSEGV. */
	pid = tap_fork();
	if (pid == 0) {
		*(volatile int *)(BADADDR + 24) = 1;
		_exit(4);
	}
	want_signaled(pid, SIGSEGV, "an uncaught bad store");
}

/* Run thelper_sig; its disp=, mask= and pend= strings in the buffers. */
static void
run_helper(char *disp, char *mask, char *pend)
{
	char *argv[] = { "/bin/thelper_sig", NULL };
	char out[256], *p;
	int st;

	st = tap_run(argv, environ, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thelper_sig: %s: %s",
	    tap_status_str(st), out);
	p = strstr(out, "disp=");
	check(p != NULL && strlen(p) >= 3 * (NSIG - 1) + 17, "thelper_sig "
	    "said: %s", out);
	memcpy(disp, p + 5, NSIG - 1);
	memcpy(mask, p + 5 + NSIG - 1 + 6, NSIG - 1);
	memcpy(pend, p + 5 + 2 * (NSIG - 1 + 6), NSIG - 1);
	disp[NSIG - 1] = mask[NSIG - 1] = pend[NSIG - 1] = '\0';
}

static void
t_exec_dispositions(void)
{
	char disp[NSIG], mask[NSIG], pend[NSIG];

	catch(SIGUSR1, on_sig, 0);
	catch(SIGTERM, on_sig, SA_RESTART);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	mask1(SIG_BLOCK, SIGHUP);
	run_helper(disp, mask, pend);
	check(disp[SIGUSR1 - 1] == 'D' && disp[SIGTERM - 1] == 'D', "caught "
	    "signals not reset by exec: %s", disp);
	check(disp[SIGUSR2 - 1] == 'I' && disp[SIGINT - 1] == 'I', "ignored "
	    "signals not kept across exec: %s", disp);
	check(disp[SIGHUP - 1] == 'D' && disp[SIGALRM - 1] == 'D',
	    "defaults changed by exec: %s", disp);
	check(mask[SIGHUP - 1] == '1', "the mask not kept across exec: %s",
	    mask);
	check(mask[SIGUSR1 - 1] == '0', "mask has extra bits: %s", mask);
}

static void
t_mask_inherited(void)
{
	pid_t pid;

	mask1(SIG_BLOCK, SIGUSR2);
	mask1(SIG_BLOCK, 70);
	pid = tap_fork();
	if (pid == 0) {
		check(isblocked(SIGUSR2) && isblocked(70), "the child's mask "
		    "lost SIGUSR2 or 70");
		check(!isblocked(SIGUSR1), "the child's mask has SIGUSR1");
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
t_pending_not_inherited(void)
{
	char disp[NSIG], mask[NSIG], pend[NSIG];
	pid_t pid;

	catch(SIGUSR1, on_sig, 0);
	mask1(SIG_BLOCK, SIGUSR1);
	SYS(raise(SIGUSR1));
	check(ispending(SIGUSR1), "not pending");
	pid = tap_fork();
	if (pid == 0) {
		check(!ispending(SIGUSR1), "the child inherited a pending "
		    "signal");
		mask1(SIG_UNBLOCK, SIGUSR1);
		check(gotcount == 0, "the child got the parent's signal");
		_exit(0);
	}
	tap_wait_ok(pid);
	check(ispending(SIGUSR1), "fork cleared the parent's pending signal");
	mask1(SIG_UNBLOCK, SIGUSR1);
	check(gotcount == 1, "the parent's signal was not delivered");

	/* Across exec, a blocked pending signal stays pending (POSIX). */
	mask1(SIG_BLOCK, SIGTERM);
	SYS(raise(SIGTERM));
	run_helper(disp, mask, pend);
	check(pend[SIGTERM - 1] == '0', "tap_run's child (a fork) inherited "
	    "pending SIGTERM: %s", pend);
}

static void
t_exec_keeps_pending(void)
{
	char *argv[] = { "/bin/thelper_sig", NULL };
	int fds[2], st;
	char out[256], *p;
	pid_t pid;
	ssize_t n;
	size_t len = 0;

	SYS(pipe(fds));
	pid = tap_fork();
	if (pid == 0) {
		mask1(SIG_BLOCK, SIGTERM);
		SYS(raise(SIGTERM));
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "helper: %s",
	    tap_status_str(st));
	p = strstr(out, "pend=");
	check(p != NULL && strlen(p) >= 5 + NSIG - 1, "helper said: %s", out);
	check(p[5 + SIGTERM - 1] == '1', "a pending blocked SIGTERM was lost "
	    "by execve: %s", p);
}

static volatile int abrt_caught;

static void
on_abrt(int sig)
{
	abrt_caught++;
}

static void
t_abort(void)
{
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		mask1(SIG_BLOCK, SIGABRT);
		abort();
	}
	want_signaled(pid, SIGABRT, "abort with SIGABRT blocked");
	pid = tap_fork();
	if (pid == 0) {
		catch(SIGABRT, on_abrt, 0);
		abort();
	}
	want_signaled(pid, SIGABRT, "abort with a handler that returns");
}

static void
t_many_no_leak(void)
{
	unsigned long before;
	pid_t pids[16];
	int fds[16], i, round;

	catch_info(SIGCHLD, SA_RESTART);
	for (round = 0; round < 2; round++) {
		before = tap_free_pages();
		for (i = 0; i < 16; i++) {
			pids[i] = sleeper(&fds[i]);
			if (i % 2)
				SYS(kill(pids[i], SIGSTOP));
		}
		/*
		 * A stopped process keeps SIGTERM pending until SIGCONT (as
		 * in FreeBSD); SIGKILL ends it at once.
		 */
		for (i = 0; i < 16; i++) {
			SYS(kill(pids[i], i % 3 ? SIGTERM : SIGKILL));
			if (i % 2 && i % 3)
				SYS(kill(pids[i], SIGCONT));
		}
		for (i = 0; i < 16; i++) {
			want_signaled(pids[i], i % 3 ? SIGTERM : SIGKILL,
			    "one of 16");
			close(fds[i]);
		}
		if (round == 1)
			tap_check_free_pages(before, 8, "16 signalled children");
	}
	check(gotcount > 0, "no SIGCHLD at all");
}

static const struct tap_case cases[] = {
	{ "handler_runs", t_handler_runs },
	{ "siginfo", t_siginfo },
	{ "mask", t_mask },
	{ "sigsuspend", t_sigsuspend },
	{ "resethand", t_resethand },
	{ "nodefer", t_nodefer },
	{ "restart", t_restart },
	{ "uncatchable", t_uncatchable },
	{ "sigaction_errors", t_sigaction_errors },
	{ "sigchld_info", t_sigchld_info },
	{ "sigchld_ign", t_sigchld_ign },
	{ "stop_continue", t_stop_continue },
	{ "nocldstop", t_nocldstop },
	{ "default_actions", t_default_actions },
	{ "kill_perm", t_kill_perm },
	{ "kill_group", t_kill_group },
	{ "kill_all_user", t_kill_all_user },
	{ "alarm_pause", t_alarm_pause },
	{ "segv", t_segv },
	{ "exec_dispositions", t_exec_dispositions },
	{ "mask_inherited", t_mask_inherited },
	{ "pending_not_inherited", t_pending_not_inherited },
	{ "exec_keeps_pending", t_exec_keeps_pending },
	{ "abort", t_abort },
	{ "many_no_leak", t_many_no_leak },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
