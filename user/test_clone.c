/*
 * test_clone.c: NetBSD's __clone(2) (FORK.md Part 1 §3-§4, §14): CLONE_VM,
 * CLONE_FILES, CLONE_FS (independent of CLONE_FILES), CLONE_SIGHAND,
 * CLONE_VFORK with and without CLONE_VM, the exit signal in the low byte
 * and the wait filters, the EINVAL cases, unknown bits ignored, the fork
 * counters, and no leaks.  Every child runs on a guard-paged stack.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	DIR	"/clone.d"

static volatile int word;
static volatile int nusr1, nchld;

static void
count_sig(int sig)
{
	if (sig == SIGUSR1)
		nusr1++;
	else if (sig == SIGCHLD)
		nchld++;
}

static void
handler_a(int sig)
{
}

static void
on(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	SYS(sigaction(sig, &sa, NULL));
}

static void
reap(pid_t pid, int options, int code)
{
	pid_t r;
	int st;

	while ((r = waitpid(pid, &st, options)) == -1 && errno == EINTR)
		;
	check(r == pid, "waitpid(%d, 0x%x): %d, errno %d", pid, options, r,
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == code,
	    "child %d: %s, want exit %d", pid, tap_status_str(st), code);
}

/* __clone(fn, our stack, flags, arg), which must succeed. */
static pid_t
clone_ok(int (*fn)(void *), int flags, void *arg)
{
	pid_t pid;

	pid = __clone(fn, ft_stack_top(), flags, arg);
	check(pid > 0, "__clone(flags 0x%x): %d, errno %d", flags, pid,
	    errno);
	return (pid);
}

/* ---- memory ---- */

static int
store(void *v)
{
	word = 2;
	*(int *)v = 2;
	return (9);
}

static void
t_vm(void)
{
	int heap = 1;
	pid_t pid;

	word = 1;
	pid = clone_ok(store, CLONE_VM | SIGCHLD, &heap);
	reap(pid, 0, 9);
	check(word == 2 && heap == 2, "CLONE_VM: the child's stores are not "
	    "seen (data %d stack %d)", word, heap);
	word = 1;
	heap = 1;
	pid = clone_ok(store, SIGCHLD, &heap);
	reap(pid, 0, 9);
	check(word == 1 && heap == 1, "without CLONE_VM the child wrote our "
	    "memory");
	/* clone is another name for __clone. */
	pid = clone(store, ft_stack_top(), CLONE_VM | SIGCHLD, &heap);
	check(pid > 0, "clone: errno %d", errno);
	reap(pid, 0, 9);
	check(heap == 2, "clone(CLONE_VM): store not seen");
}

/* ---- descriptors and current directory ---- */

static int
close_and_cd(void *v)
{
	int a = *(int *)v;

	if (close(a) != 0 || chdir(DIR) != 0)
		return (1);
	return (0);
}

/* A child with flags closes a and chdirs: which does the parent see? */
static void
files_fs(int flags, int fd_shared, int cwd_shared)
{
	char cwd[PATH_MAX], now[PATH_MAX];
	int a;
	pid_t pid;

	if (mkdir(DIR, 0755) == -1)
		check(errno == EEXIST, "mkdir: errno %d", errno);
	check(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd: errno %d", errno);
	a = SYS(dup(STDOUT_FILENO));
	pid = clone_ok(close_and_cd, flags | SIGCHLD, &a);
	reap(pid, 0, 0);
	check(ft_isopen(a) == !fd_shared, "flags 0x%x: the child's close %s "
	    "the parent", flags, fd_shared ? "did not reach" : "reached");
	check(getcwd(now, sizeof(now)) != NULL, "getcwd: errno %d", errno);
	check((strcmp(now, DIR) == 0) == cwd_shared, "flags 0x%x: after the "
	    "child's chdir our cwd is %s, want %s", flags, now,
	    cwd_shared ? DIR : cwd);
	SYS(chdir(cwd));
	(void)close(a);
}

static void
t_files(void)
{
	files_fs(CLONE_FILES, 1, 0);
	files_fs(0, 0, 0);
}

static void
t_fs(void)
{
	files_fs(CLONE_FS, 0, 1);
	files_fs(CLONE_FS | CLONE_FILES, 1, 1);
	files_fs(CLONE_VM | CLONE_FS, 0, 1);
}

/* ---- signal actions ---- */

static int
set_handler(void *v)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler_a;
	return (sigaction(SIGUSR2, &sa, NULL) == 0 ? 0 : 1);
}

static void
t_sighand(void)
{
	struct sigaction o;
	pid_t pid;

	on(SIGUSR2, SIG_DFL);
	pid = clone_ok(set_handler, CLONE_VM | CLONE_SIGHAND | SIGCHLD, NULL);
	reap(pid, 0, 0);
	SYS(sigaction(SIGUSR2, NULL, &o));
	check(o.sa_handler == handler_a, "CLONE_SIGHAND: the child's "
	    "sigaction did not change ours");
	on(SIGUSR2, SIG_DFL);
	pid = clone_ok(set_handler, CLONE_VM | SIGCHLD, NULL);
	reap(pid, 0, 0);
	SYS(sigaction(SIGUSR2, NULL, &o));
	check(o.sa_handler == SIG_DFL, "without CLONE_SIGHAND the child's "
	    "sigaction changed ours");
}

/* ---- CLONE_VFORK ---- */

static int p_done[2];

static int
nap_then_store(void *v)
{
	tap_sleep_ms(300);
	word = 2;
	(void)write(p_done[1], "x", 1);
	return (0);
}

static void
vfork_like(int flags, int vm_shared)
{
	struct pollfd pfd;
	long t0, dt;
	pid_t pid;

	SYS(pipe(p_done));
	word = 1;
	t0 = tap_now_ms();
	pid = clone_ok(nap_then_store, flags | SIGCHLD, NULL);
	dt = tap_now_ms() - t0;
	pfd.fd = p_done[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	check(poll(&pfd, 1, 0) == 1, "flags 0x%x: __clone returned after "
	    "%ld ms, before the child wrote and exited", flags, dt);
	check(dt >= 250, "flags 0x%x: back after %ld ms; the child napped "
	    "300", flags, dt);
	check(word == (vm_shared ? 2 : 1), "flags 0x%x: the child's store "
	    "is %sseen", flags, vm_shared ? "not " : "");
	reap(pid, 0, 0);
	close(p_done[0]);
	close(p_done[1]);
}

static void
t_vfork(void)
{
	vfork_like(CLONE_VFORK, 0);		/* 4.4BSD vfork */
	vfork_like(CLONE_VFORK | CLONE_VM, 1);	/* 3BSD vfork */
}

/* ---- exit signals ---- */

static int
ret5(void *v)
{
	return (5);
}

static void
t_exit_signal(void)
{
	pid_t pid;
	int i, st;

	nusr1 = nchld = 0;
	on(SIGUSR1, count_sig);
	on(SIGCHLD, count_sig);
	/* SIGCHLD: an ordinary child. */
	pid = clone_ok(ret5, SIGCHLD, NULL);
	check_errno(waitpid(pid, &st, WLINUXCLONE), ECHILD);
	reap(pid, 0, 5);
	for (i = 0; i < 100 && nchld == 0; i++)
		tap_sleep_ms(10);
	check(nchld == 1, "exit signal SIGCHLD: %d SIGCHLDs", nchld);
	/* 0: no signal, seen only by WLINUXCLONE / __WALL. */
	nchld = 0;
	pid = clone_ok(ret5, 0, NULL);
	check_errno(waitpid(pid, &st, 0), ECHILD);
	reap(pid, WLINUXCLONE, 5);
	pid = clone_ok(ret5, 0, NULL);
	reap(pid, __WALL, 5);
	tap_sleep_ms(100);
	check(nchld == 0 && nusr1 == 0, "exit signal 0 sent CHLD %d USR1 %d",
	    nchld, nusr1);
	/* SIGUSR1. */
	pid = clone_ok(ret5, SIGUSR1, NULL);
	for (i = 0; i < 300 && nusr1 == 0; i++)
		tap_sleep_ms(10);
	check(nusr1 == 1, "exit signal SIGUSR1 not delivered");
	check_errno(waitpid(pid, &st, 0), ECHILD);
	check_errno(wait(&st), ECHILD);
	reap(pid, WLINUXCLONE, 5);
	check(nchld == 0, "SIGCHLD for a SIGUSR1 child");
	/* Up to _SIG_MAXSIG is valid. */
	on(_SIG_MAXSIG, SIG_IGN);
	pid = clone_ok(ret5, _SIG_MAXSIG, NULL);
	reap(pid, __WALL, 5);
}

/* ---- EINVAL and ignored bits ---- */

static void
want_einval(int flags)
{
	pid_t r;
	int e;

	r = __clone(ret5, ft_stack_top(), flags, NULL);
	e = errno;
	if (r > 0)
		(void)waitpid(r, NULL, __WALL);
	check(r == -1 && e == EINVAL, "__clone(flags 0x%x): %d errno %d, "
	    "want EINVAL", flags, r, e);
}

static void
t_einval(void)
{
	int lastpid = tap_sysctl_int("kern.lastpid");
	int sig;

	want_einval(CLONE_PTRACE | SIGCHLD);
	want_einval(CLONE_PID | SIGCHLD);
	want_einval(CLONE_SIGHAND | SIGCHLD);
	want_einval(CLONE_SIGHAND | CLONE_FILES | SIGCHLD);
	for (sig = _SIG_MAXSIG + 1; sig <= 255; sig += 7)
		want_einval(CLONE_VM | sig);
	want_einval(255);
	check(tap_sysctl_int("kern.lastpid") == lastpid, "kern.lastpid "
	    "moved: a failed __clone made a process");
	/* The library refuses a NULL function or stack. */
	check_errno(__clone(NULL, ft_stack_top(), SIGCHLD, NULL), EINVAL);
	check_errno(__clone(ret5, NULL, SIGCHLD, NULL), EINVAL);
}

static void
t_unknown_ignored(void)
{
	static const int bits[] = { 0x8000, 0x10000, 0x80000, 0x100000,
	    0x1000000, 0x40000000 };
	int i;
	pid_t pid;

	for (i = 0; i < TAP_NCASES(bits); i++) {
		pid = clone_ok(ret5, bits[i] | SIGCHLD, NULL);
		reap(pid, 0, 5);
	}
}

/* ---- counters and leaks ---- */

static void
t_counters(void)
{
	static const struct {
		int	flags;
		int	forks, vforks, rforks;
		int	wait;
	} want[] = {
		{ SIGCHLD, 1, 0, 0, 0 },		/* = RFFDG | RFPROC */
		{ CLONE_VM | SIGCHLD, 0, 0, 1, 0 },
		{ CLONE_FILES | CLONE_FS | SIGCHLD, 0, 0, 1, 0 },
		{ CLONE_VFORK | CLONE_VM | SIGCHLD, 0, 1, 0, 0 },
		{ 0, 0, 0, 1, WLINUXCLONE },		/* RFTSIGZMB */
	};
	unsigned long f, v, r, df, dv, dr;
	int k;
	pid_t pid;

	for (k = 0; k < TAP_NCASES(want); k++) {
		f = ft_sysctl_ulong("vm.stats.vm.v_forks");
		v = ft_sysctl_ulong("vm.stats.vm.v_vforks");
		r = ft_sysctl_ulong("vm.stats.vm.v_rforks");
		pid = clone_ok(ret5, want[k].flags, NULL);
		reap(pid, want[k].wait, 5);
		df = ft_sysctl_ulong("vm.stats.vm.v_forks") - f;
		dv = ft_sysctl_ulong("vm.stats.vm.v_vforks") - v;
		dr = ft_sysctl_ulong("vm.stats.vm.v_rforks") - r;
		check(df == want[k].forks && dv == want[k].vforks &&
		    dr == want[k].rforks, "__clone(0x%x) moved v_forks/"
		    "v_vforks/v_rforks by %lu/%lu/%lu, want %d/%d/%d",
		    want[k].flags, df, dv, dr, want[k].forks, want[k].vforks,
		    want[k].rforks);
	}
}

static void
t_leaks(void)
{
	static const int flags[] = { SIGCHLD, CLONE_VM | SIGCHLD,
	    CLONE_VM | CLONE_FILES | CLONE_FS | CLONE_SIGHAND | SIGCHLD,
	    CLONE_VFORK | SIGCHLD, CLONE_VFORK | CLONE_VM | SIGCHLD, 0 };
	unsigned long before;
	int i, k, nprocs;
	pid_t pid;

	pid = clone_ok(ret5, SIGCHLD, NULL);	/* warm up */
	reap(pid, 0, 5);
	before = tap_free_pages();
	nprocs = tap_sysctl_int("kern.nprocs");
	for (i = 0; i < 30; i++)
		for (k = 0; k < TAP_NCASES(flags); k++) {
			pid = clone_ok(ret5, flags[k], NULL);
			reap(pid, __WALL, 5);
		}
	check(tap_sysctl_int("kern.nprocs") == nprocs, "kern.nprocs %d, "
	    "was %d", tap_sysctl_int("kern.nprocs"), nprocs);
	tap_check_free_pages(before, 8, "180 clones");
}

static const struct tap_case cases[] = {
	{ "vm", t_vm },
	{ "files", t_files },
	{ "fs", t_fs },
	{ "sighand", t_sighand },
	{ "vfork", t_vfork },
	{ "exit_signal", t_exit_signal },
	{ "einval", t_einval },
	{ "unknown_ignored", t_unknown_ignored },
	{ "counters", t_counters },
	{ "leaks", t_leaks },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
