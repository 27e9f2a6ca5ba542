/*
 * test_rfork.c: rfork(2) flag by flag (FORK.md §3-§6, §10, §13, §15-§16):
 * the EINVAL table, what RFPROC shares (fd table and cwd) and what RFFDG
 * and RFCFDG copy or clear, RFMEM through rfork_thread on a guard-paged
 * stack, RFSIGSHARE, RFNOWAIT, the exit signals (RFLINUXTHPN, RFTSIGZMB)
 * and the wait filters, rfork without RFPROC (RFFDG, RFCFDG, 0, RFMEM),
 * RFTHREAD leaders and peers, RFSPAWN, the fork counters, and no leaks.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procctl.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	DIR		"/rfork.d"
#define	UNKNOWN_BITS	0x60008F8BU	/* ~(RFFLAGS | RFTSIGFLAGS(0xFF)) */

static volatile int word;		/* memory a child may share */
static volatile int nusr1, nusr2, nchld;

static void
count_sig(int sig)
{
	if (sig == SIGUSR1)
		nusr1++;
	else if (sig == SIGUSR2)
		nusr2++;
	else if (sig == SIGCHLD)
		nchld++;
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
counting(void)
{
	nusr1 = nusr2 = nchld = 0;
	on(SIGUSR1, count_sig);
	on(SIGUSR2, count_sig);
	on(SIGCHLD, count_sig);
}

/* Wait (at most 3 s) for *n to reach want. */
static int
await(volatile int *n, int want)
{
	int i;

	for (i = 0; i < 300 && *n < want; i++)
		tap_sleep_ms(10);
	return (*n >= want);
}

/* waitpid(pid, options) must reap pid, exited with code; EINTR retried. */
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

/* ---- the EINVAL table (§3) ---- */

static void
want_einval(int flags)
{
	pid_t r;
	int e;

	r = rfork(flags);
	e = errno;
	if (r == 0 && (flags & (RFPROC | RFSPAWN)))
		_exit(0);		/* a child that should not exist */
	if (r > 0)
		(void)waitpid(r, NULL, __WALL);
	check(r == -1 && e == EINVAL,
	    "rfork(0x%x) returned %d errno %d, want -1 with EINVAL", flags, r,
	    e);
}

static void
t_einval(void)
{
	int lastpid, nprocs, bit, st;
	unsigned long rforks;

	lastpid = tap_sysctl_int("kern.lastpid");
	nprocs = tap_sysctl_int("kern.nprocs");
	rforks = ft_sysctl_ulong("vm.stats.vm.v_rforks");
	/* Kernel-only flags, with and without RFPROC. */
	want_einval(RFPROC | RFSTOPPED);
	want_einval(RFPROC | RFHIGHPID);
	want_einval(RFPROC | RFPROCDESC);
	want_einval(RFSTOPPED);
	want_einval(RFPROCDESC);
	/* RFSPAWN must be alone. */
	want_einval(RFSPAWN | RFPROC);
	want_einval(RFSPAWN | RFFDG);
	want_einval(RFSPAWN | RFMEM);
	want_einval(RFSPAWN | RFNOWAIT);
	/* Every unknown or unimplemented bit, alone and with RFPROC. */
	for (bit = 0; bit < 32; bit++) {
		if (!(UNKNOWN_BITS & (1U << bit)))
			continue;
		want_einval((int)(1U << bit) | RFPROC);
		want_einval((int)(1U << bit));
	}
	/* A signal number needs RFTSIGZMB. */
	want_einval(RFPROC | RFTSIGFLAGS(5));
	want_einval(RFPROC | RFTSIGFLAGS(SIGCHLD));
	want_einval(RFTSIGFLAGS(1));
	/* Copy and clear. */
	want_einval(RFPROC | RFFDG | RFCFDG);
	want_einval(RFFDG | RFCFDG);
	/* Signals above _SIG_MAXSIG. */
	want_einval(RFPROC | RFTSIGZMB | RFTSIGFLAGS(_SIG_MAXSIG + 1));
	want_einval(RFPROC | RFTSIGZMB | RFTSIGFLAGS(255));
	/* Nothing was made. */
	check(tap_sysctl_int("kern.lastpid") == lastpid,
	    "kern.lastpid moved from %d to %d", lastpid,
	    tap_sysctl_int("kern.lastpid"));
	check(tap_sysctl_int("kern.nprocs") == nprocs,
	    "kern.nprocs moved from %d to %d", nprocs,
	    tap_sysctl_int("kern.nprocs"));
	check(ft_sysctl_ulong("vm.stats.vm.v_rforks") == rforks,
	    "v_rforks moved");
	check_errno(waitpid(-1, &st, WNOHANG | __WALL), ECHILD);
}

static void
t_sigmax_ok(void)
{
	pid_t pid;

	/* Signal 128 is valid; its default would kill us, so ignore it. */
	on(_SIG_MAXSIG, SIG_IGN);
	pid = rfork(RFPROC | RFFDG | RFTSIGZMB | RFTSIGFLAGS(_SIG_MAXSIG));
	check(pid != -1, "rfork(RFTSIGZMB | RFTSIGFLAGS(128)): errno %d",
	    errno);
	if (pid == 0)
		_exit(3);
	reap(pid, WLINUXCLONE, 3);
}

/* ---- what RFPROC shares, RFFDG copies and RFCFDG clears ---- */

/*
 * A child made with flags closes fd a, opens fd 40 and chdirs into DIR;
 * with shared set, the parent must see all three, else none.
 */
static void
fd_cwd(int flags, int shared)
{
	char cwd[PATH_MAX], now[PATH_MAX];
	int a;
	pid_t pid;

	if (mkdir(DIR, 0755) == -1)
		check(errno == EEXIST, "mkdir %s: errno %d", DIR, errno);
	check(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd: errno %d", errno);
	a = SYS(dup(STDOUT_FILENO));
	(void)close(40);
	word = 1;
	pid = rfork(flags);
	check(pid != -1, "rfork(0x%x): errno %d", flags, errno);
	if (pid == 0) {
		word = 2;
		if (close(a) != 0 || dup2(STDOUT_FILENO, 40) != 40 ||
		    chdir(DIR) != 0)
			_exit(1);
		_exit(0);
	}
	tap_wait_ok(pid);
	check(word == 1, "rfork(0x%x) shared memory without RFMEM", flags);
	check(ft_isopen(a) == !shared, "rfork(0x%x): the child's close(%d) %s "
	    "the parent", flags, a, shared ? "did not reach" : "reached");
	check(ft_isopen(40) == shared, "rfork(0x%x): the child's fd 40 %s "
	    "the parent's table", flags, shared ? "is not in" : "is in");
	check(getcwd(now, sizeof(now)) != NULL, "getcwd: errno %d", errno);
	check((strcmp(now, DIR) == 0) == shared,
	    "rfork(0x%x): after the child's chdir the parent's cwd is %s, "
	    "want %s", flags, now, shared ? DIR : cwd);
	SYS(chdir(cwd));
	(void)close(a);
	(void)close(40);
}

static void
t_rfproc_shares(void)
{
	fd_cwd(RFPROC, 1);
}

static void
t_rffdg_copies(void)
{
	fd_cwd(RFPROC | RFFDG, 0);
}

static void
t_rfcfdg(void)
{
	char cwd[PATH_MAX], ccwd[PATH_MAX];
	int a, fd, st;
	pid_t pid;

	if (mkdir(DIR, 0755) == -1)
		check(errno == EEXIST, "mkdir %s: errno %d", DIR, errno);
	check(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd: errno %d", errno);
	a = SYS(dup(STDOUT_FILENO));
	pid = rfork(RFPROC | RFCFDG);
	check(pid != -1, "rfork(RFPROC | RFCFDG): errno %d", errno);
	if (pid == 0) {
		/* No descriptors, not even 1: report with the exit code. */
		for (fd = 0; fd < 64; fd++)
			if (ft_isopen(fd))
				_exit(10 + fd);
		if (getcwd(ccwd, sizeof(ccwd)) == NULL)
			_exit(2);
		if (strcmp(ccwd, cwd) != 0)
			_exit(3);
		(void)chdir(DIR);
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "RFCFDG child: %s "
	    "(10+fd: that fd was open; 2, 3: getcwd failed or differs)",
	    tap_status_str(st));
	check(ft_isopen(a) && ft_isopen(STDOUT_FILENO), "RFCFDG closed the "
	    "parent's descriptors");
	check(getcwd(ccwd, sizeof(ccwd)) != NULL && strcmp(ccwd, cwd) == 0,
	    "the RFCFDG child's chdir moved the parent to %s", ccwd);
	(void)close(a);
}

/* ---- RFMEM via rfork_thread ---- */

struct thr_arg {
	char	*stack_top;
	int	*heap;
	pid_t	self;
	pid_t	parent;
	int	on_stack;
};

static int
mem_child(void *v)
{
	struct thr_arg *ta = v;
	char here;

	ta->self = getpid();
	ta->parent = getppid();
	ta->on_stack = &here < ta->stack_top &&
	    &here >= ta->stack_top - FT_STACK;
	word = 42;
	*ta->heap = 43;
	return (7);
}

static void
t_rfmem_thread(void)
{
	struct thr_arg ta;
	pid_t pid;

	memset(&ta, 0, sizeof(ta));
	ta.stack_top = ft_stack();
	ta.heap = malloc(sizeof(int));
	check(ta.heap != NULL, "malloc failed");
	*ta.heap = 1;
	word = 1;
	pid = rfork_thread(RFPROC | RFMEM, ta.stack_top, mem_child, &ta);
	check(pid > 0, "rfork_thread(RFPROC | RFMEM): %d, errno %d", pid,
	    errno);
	reap(pid, 0, 7);
	check(word == 42 && *ta.heap == 43, "the RFMEM child's stores are "
	    "not in the parent's memory: global %d heap %d, want 42 43",
	    word, *ta.heap);
	check(ta.self == pid && ta.parent == getpid(), "child saw pid %d "
	    "ppid %d; rfork_thread said %d, parent is %d", ta.self,
	    ta.parent, pid, getpid());
	check(ta.on_stack, "func did not run on the stack it was given");
}

static void
t_thread_nomem(void)
{
	struct thr_arg ta;
	int heap = 1;
	pid_t pid;

	/* Without RFMEM the child's stores stay in its copy. */
	memset(&ta, 0, sizeof(ta));
	ta.stack_top = ft_stack();
	ta.heap = &heap;
	word = 1;
	pid = rfork_thread(RFPROC | RFFDG, ta.stack_top, mem_child, &ta);
	check(pid > 0, "rfork_thread(RFPROC | RFFDG): %d, errno %d", pid,
	    errno);
	reap(pid, 0, 7);
	check(word == 1 && heap == 1 && ta.self == 0, "a child without RFMEM "
	    "wrote the parent's memory");
	/* And without RFPROC nothing is made: 0 comes back here. */
	check(rfork_thread(RFFDG, ta.stack_top, mem_child, &ta) == 0,
	    "rfork_thread(RFFDG) (no RFPROC) did not return 0: errno %d",
	    errno);
	check(word == 1 && ta.self == 0, "rfork_thread(RFFDG) ran func");
	check_errno(rfork_thread(RFFDG | RFCFDG | RFPROC, ta.stack_top,
	    mem_child, &ta), EINVAL);
}

/* ---- RFSIGSHARE ---- */

static void
handler_a(int sig)
{
}

static void
sigshare(int flags, int shared)
{
	struct sigaction sa;
	pid_t pid;

	on(SIGUSR2, SIG_DFL);
	pid = rfork(flags);
	check(pid != -1, "rfork(0x%x): errno %d", flags, errno);
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = handler_a;
		_exit(sigaction(SIGUSR2, &sa, NULL) == 0 ? 0 : 1);
	}
	tap_wait_ok(pid);
	SYS(sigaction(SIGUSR2, NULL, &sa));
	check((sa.sa_handler == handler_a) == shared, "rfork(0x%x): the "
	    "child's sigaction %s the parent's", flags,
	    shared ? "did not change" : "changed");
}

static void
t_rfsigshare(void)
{
	sigshare(RFPROC | RFFDG | RFSIGSHARE, 1);
	sigshare(RFPROC | RFFDG, 0);
}

/* ---- RFNOWAIT ---- */

static void
t_rfnowait(void)
{
	pid_t pid, pp;
	int p[2], st;

	SYS(pipe(p));
	pid = rfork(RFPROC | RFFDG | RFNOWAIT);
	check(pid != -1, "rfork(RFNOWAIT): errno %d", errno);
	if (pid == 0) {
		pp = getppid();
		(void)write(p[1], &pp, sizeof(pp));
		_exit(0);
	}
	close(p[1]);
	check(read(p[0], &pp, sizeof(pp)) == sizeof(pp), "no report from "
	    "the RFNOWAIT child");
	check(pp == 1, "RFNOWAIT child's getppid() is %d, want the reaper 1",
	    pp);
	check_errno(waitpid(pid, &st, 0), ECHILD);
	check_errno(waitpid(pid, &st, __WALL), ECHILD);
	check_errno(wait(&st), ECHILD);
	close(p[0]);
}

/* ---- exit signals and wait filters (§10) ---- */

static void
t_linuxthpn(void)
{
	pid_t pid;
	int st;

	counting();
	pid = rfork(RFPROC | RFFDG | RFLINUXTHPN);
	check(pid != -1, "rfork(RFLINUXTHPN): errno %d", errno);
	if (pid == 0)
		_exit(5);
	check_errno(waitpid(pid, &st, 0), ECHILD);
	check(await(&nusr1, 1), "no SIGUSR1 when the RFLINUXTHPN child "
	    "exited");
	check_errno(waitpid(pid, &st, 0), ECHILD);
	check_errno(wait(&st), ECHILD);
	reap(pid, WLINUXCLONE, 5);
	check(nchld == 0, "SIGCHLD for an RFLINUXTHPN child");
	/* __WALL sees it too; WLINUXCLONE then misses a SIGCHLD child. */
	pid = rfork(RFPROC | RFFDG | RFLINUXTHPN);
	if (pid == 0)
		_exit(6);
	reap(pid, __WALL, 6);
	pid = tap_fork();
	if (pid == 0)
		_exit(8);
	check_errno(waitpid(pid, &st, WLINUXCLONE), ECHILD);
	reap(pid, __WALL, 8);
}

static void
t_tsig_zero(void)
{
	pid_t pid;
	int st;

	counting();
	pid = rfork(RFPROC | RFFDG | RFTSIGZMB | RFTSIGFLAGS(0));
	check(pid != -1, "rfork(RFTSIGZMB | RFTSIGFLAGS(0)): errno %d",
	    errno);
	if (pid == 0)
		_exit(4);
	check_errno(waitpid(pid, &st, 0), ECHILD);
	reap(pid, WLINUXCLONE, 4);
	tap_sleep_ms(100);
	check(nchld == 0 && nusr1 == 0 && nusr2 == 0, "a child with exit "
	    "signal 0 sent CHLD %d USR1 %d USR2 %d", nchld, nusr1, nusr2);
}

static void
t_tsig_usr2(void)
{
	pid_t pid;
	int st;

	counting();
	pid = rfork(RFPROC | RFFDG | RFTSIGZMB | RFTSIGFLAGS(SIGUSR2));
	check(pid != -1, "rfork(RFTSIGFLAGS(SIGUSR2)): errno %d", errno);
	if (pid == 0)
		_exit(4);
	check(await(&nusr2, 1), "no SIGUSR2 at the child's exit");
	check_errno(waitpid(pid, &st, 0), ECHILD);
	reap(pid, __WALL, 4);
	check(nchld == 0, "SIGCHLD as well as SIGUSR2");
	/* RFTSIGZMB beats RFLINUXTHPN. */
	pid = rfork(RFPROC | RFFDG | RFLINUXTHPN | RFTSIGZMB |
	    RFTSIGFLAGS(SIGUSR2));
	if (pid == 0)
		_exit(4);
	check(await(&nusr2, 2), "no SIGUSR2 with RFLINUXTHPN | RFTSIGZMB");
	reap(pid, __WALL, 4);
	check(nusr1 == 0, "SIGUSR1 with RFTSIGZMB | RFTSIGFLAGS(SIGUSR2)");
}

static void
t_tsig_sigchld(void)
{
	pid_t pid;
	int st;

	counting();
	pid = rfork(RFPROC | RFFDG | RFTSIGZMB | RFTSIGFLAGS(SIGCHLD));
	check(pid != -1, "rfork(RFTSIGFLAGS(SIGCHLD)): errno %d", errno);
	if (pid == 0)
		_exit(4);
	check(await(&nchld, 1), "no SIGCHLD");
	check_errno(waitpid(pid, &st, WLINUXCLONE), ECHILD);
	reap(pid, 0, 4);
}

/* ---- rfork without RFPROC (§4) ---- */

static void
t_norfproc_fdg(void)
{
	int a, b, st;
	pid_t pid;

	a = SYS(dup(STDOUT_FILENO));
	b = SYS(dup(STDOUT_FILENO));
	(void)close(41);
	/* Unshared already: rfork(RFFDG) changes nothing visible. */
	check(rfork(RFFDG) == 0, "rfork(RFFDG): errno %d", errno);
	check(ft_isopen(a) && ft_isopen(b), "rfork(RFFDG) closed descriptors");
	pid = rfork(RFPROC);		/* shares our table */
	check(pid != -1, "rfork(RFPROC): errno %d", errno);
	if (pid == 0) {
		close(a);		/* still shared: the parent sees it */
		if (rfork(RFFDG) != 0)
			_exit(2);
		close(b);		/* our own copy now */
		if (dup2(STDOUT_FILENO, 41) != 41)
			_exit(3);
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s (2: "
	    "rfork(RFFDG) failed)", tap_status_str(st));
	check(!ft_isopen(a), "the close before rfork(RFFDG) did not reach the "
	    "parent: was the table shared?");
	check(ft_isopen(b), "a close after rfork(RFFDG) reached the parent");
	check(!ft_isopen(41), "a dup2 after rfork(RFFDG) reached the parent");
	close(b);
}

static void
t_norfproc_cfdg(void)
{
	int a, p[2], fd, st;
	long t0;
	pid_t pid;
	char c;

	/* A child sharing our table empties its own; ours stays. */
	a = SYS(dup(STDOUT_FILENO));
	pid = rfork(RFPROC);
	check(pid != -1, "rfork(RFPROC): errno %d", errno);
	if (pid == 0) {
		if (rfork(RFCFDG) != 0)
			_exit(2);
		for (fd = 0; fd < 64; fd++)
			if (ft_isopen(fd))
				_exit(10 + fd);
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s (2: "
	    "rfork(RFCFDG) failed; 10+fd: fd still open)",
	    tap_status_str(st));
	check(ft_isopen(a) && ft_isopen(STDOUT_FILENO), "rfork(RFCFDG) in a "
	    "process sharing our table closed our descriptors");
	close(a);

	/* Unshared: the descriptors really close (the pipe sees EOF). */
	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		if (rfork(RFCFDG) != 0)
			_exit(2);
		tap_sleep_ms(1500);
		_exit(ft_isopen(p[1]) ? 3 : 0);
	}
	close(p[1]);
	t0 = tap_now_ms();
	check(read(p[0], &c, 1) == 0, "read: want EOF");
	check(tap_now_ms() - t0 < 1200, "EOF only after %ld ms: "
	    "rfork(RFCFDG) did not close the write end",
	    tap_now_ms() - t0);
	tap_wait_ok(pid);
	close(p[0]);
}

static int p_go[2], p_done[2];

static int
unshare_child(void *v)
{
	int flags = *(int *)v;
	char c;

	word = 1;
	if (write(p_done[1], "a", 1) != 1 || read(p_go[0], &c, 1) != 1)
		return (2);
	if (rfork(flags) != 0)
		return (3);
	word = 2;
	if (write(p_done[1], "b", 1) != 1)
		return (4);
	return (0);
}

/* rfork(flags) in an RFMEM child: does the parent still see its stores? */
static void
vm_unshare(int flags, int shared)
{
	pid_t pid;
	char c;

	SYS(pipe(p_go));
	SYS(pipe(p_done));
	word = 0;
	pid = rfork_thread(RFPROC | RFMEM, ft_stack_top(), unshare_child,
	    &flags);
	check(pid > 0, "rfork_thread(RFPROC | RFMEM): errno %d", errno);
	check(read(p_done[0], &c, 1) == 1 && c == 'a', "sync a");
	check(word == 1, "RFMEM child's store not seen (%d)", word);
	SYS(write(p_go[1], "g", 1));
	check(read(p_done[0], &c, 1) == 1 && c == 'b', "sync b");
	check(word == (shared ? 2 : 1), "after rfork(0x%x) in the child, "
	    "its store is %sseen by the parent", flags,
	    shared ? "not " : "");
	reap(pid, 0, 0);
	close(p_go[0]);
	close(p_go[1]);
	close(p_done[0]);
	close(p_done[1]);
}

static void
t_norfproc_vm(void)
{
	vm_unshare(0, 0);		/* rfork(0) unshares the VM */
	vm_unshare(RFFDG, 0);		/* so does any call without RFMEM */
	vm_unshare(RFMEM, 1);		/* RFMEM leaves it shared */
}

/* ---- RFTHREAD (§10.6) ---- */

static void
t_rfthread(void)
{
	char *const argv[] = { "true", NULL };
	int alive[2], info[2], block[2], st;
	pid_t leader, p1, p2, p3 = 0, r;
	struct pollfd pfd;
	char c;

	/* As a reaper we inherit the orphaned peer and see how it died. */
	SYS(procctl(P_PID, getpid(), PROC_REAP_ACQUIRE, NULL));
	SYS(pipe(alive));
	SYS(pipe(info));
	SYS(pipe(block));
	leader = tap_fork();
	if (leader == 0) {
		close(alive[0]);
		close(info[0]);
		p1 = rfork(RFPROC | RFFDG | RFTHREAD);
		if (p1 == 0)
			_exit(0);
		p2 = rfork(RFPROC | RFFDG | RFTHREAD);
		if (p2 == 0) {
			execve("/bin/true", argv, NULL);
			_exit(127);
		}
		p3 = rfork(RFPROC | RFFDG | RFTHREAD);
		if (p3 == 0) {
			close(block[1]);
			(void)read(block[0], &c, 1);	/* forever */
			_exit(0);
		}
		check(p1 > 0 && p2 > 0 && p3 > 0, "rfork(RFTHREAD): %d %d "
		    "%d, errno %d", p1, p2, p3, errno);
		reap(p1, 0, 0);
		reap(p2, 0, 0);
		tap_sleep_ms(50);
		check(kill(p3, 0) == 0 && ft_proc_stat(p3) != SZOMB,
		    "a peer's exit or exec ended another peer");
		(void)write(info[1], &p3, sizeof(p3));
		_exit(0);	/* the leader goes: p3 must die */
	}
	close(alive[1]);
	close(info[1]);
	close(block[0]);
	check(read(info[0], &p3, sizeof(p3)) == sizeof(p3), "the leader "
	    "did not report (a check failed in it?)");
	st = tap_wait(leader);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "leader: %s",
	    tap_status_str(st));
	pfd.fd = alive[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	check(poll(&pfd, 1, 3000) == 1 && read(alive[0], &c, 1) == 0,
	    "the peer %d still holds its descriptors 3 s after the leader "
	    "exited", p3);
	/* It was handed to us, its reaper: it must have died of SIGKILL. */
	while ((r = waitpid(p3, &st, 0)) == -1 && errno == EINTR)
		;
	check(r == p3, "waitpid(peer %d) as its reaper: %d errno %d", p3, r,
	    errno);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the peer ended "
	    "with %s, want SIGKILL", tap_status_str(st));
	close(alive[0]);
	close(info[0]);
	close(block[1]);
}

/* ---- RFSPAWN (§8, §15.3) ---- */

static volatile int spawn_report;

static int
spawn_child(void *v)
{
	struct sigaction o;
	sigset_t m;
	int bad = 0, i;

	if (sigaction(SIGINT, NULL, &o) != 0 || o.sa_handler != SIG_IGN)
		bad |= 1;		/* ignored must stay ignored */
	if (sigaction(SIGUSR1, NULL, &o) != 0 || o.sa_handler != SIG_DFL)
		bad |= 2;		/* caught goes back to default */
	if (sigaction(SIGUSR2, NULL, &o) != 0 || o.sa_handler != SIG_DFL)
		bad |= 4;
	if (sigprocmask(SIG_BLOCK, NULL, &m) != 0 ||
	    sigismember(&m, SIGTERM) != 1)
		bad |= 8;		/* the mask is kept */
	/* The parent waits for us (it may take a moment to fall asleep). */
	for (i = 0; i < 100 && ft_proc_stat(getppid()) != SSLEEP; i++)
		tap_sleep_ms(10);
	if (i == 100)
		bad |= 16;
	tap_sleep_ms(300);
	spawn_report = 0x100 | bad;
	return (0);
}

static void
t_rfspawn(void)
{
	char *const argv[] = { "sleep", "2", NULL };
	struct sigaction o;
	sigset_t m;
	long t0, dt;
	pid_t pid;

	on(SIGINT, SIG_IGN);
	on(SIGUSR1, handler_a);
	on(SIGUSR2, handler_a);
	sigemptyset(&m);
	sigaddset(&m, SIGTERM);
	SYS(sigprocmask(SIG_BLOCK, &m, NULL));
	spawn_report = 0;
	t0 = tap_now_ms();
	pid = rfork_thread(RFSPAWN, ft_stack(), spawn_child, NULL);
	dt = tap_now_ms() - t0;
	check(pid > 0, "rfork_thread(RFSPAWN): %d errno %d", pid, errno);
	check(spawn_report != 0, "rfork(RFSPAWN) returned in the parent "
	    "(after %ld ms) before the child exited", dt);
	check(spawn_report == 0x100, "RFSPAWN child: report 0x%x (1: SIGINT "
	    "not ignored, 2/4: caught handler not reset, 8: mask lost, 16: "
	    "parent not asleep)", spawn_report);
	check(dt >= 250, "parent back after %ld ms, child slept 300", dt);
	reap(pid, 0, 0);
	SYS(sigaction(SIGUSR1, NULL, &o));
	check(o.sa_handler == handler_a, "RFSPAWN reset the parent's handler");

	/* From C on RISC-V: the child execs; the parent wakes at the exec. */
	t0 = tap_now_ms();
	pid = rfork(RFSPAWN);
	if (pid == 0) {
		tap_sleep_ms(200);
		execve("/bin/sleep", argv, NULL);
		_exit(127);
	}
	dt = tap_now_ms() - t0;
	check(pid > 0, "rfork(RFSPAWN): errno %d", errno);
	check(dt >= 180 && dt < 1500, "rfork(RFSPAWN) returned after %ld ms; "
	    "want after the child's 200 ms nap and exec, before its 2 s "
	    "sleep ended", dt);
	reap(pid, 0, 0);
}

/* ---- counters (§13) ---- */

static int
ret0(void *v)
{
	return (0);
}

/* Make one child of the given kind and reap it; 0 if none was made. */
static void
one_child(int kind)
{
	pid_t pid = 0;

	switch (kind) {
	case 0:
		pid = fork();
		break;
	case 1:
		pid = vfork();
		break;
	case 2:
		pid = rfork(RFPROC | RFFDG);
		break;
	case 3:
		pid = rfork(RFPROC);
		break;
	case 4:
		pid = rfork(RFPROC | RFCFDG);
		break;
	case 5:
		pid = rfork_thread(RFSPAWN, ft_stack_top(), ret0, NULL);
		break;
	case 6:
		pid = rfork_thread(RFPROC | RFMEM, ft_stack_top(), ret0, NULL);
		break;
	case 7:
		pid = rfork(RFPROC | RFFDG | RFTSIGZMB);
		break;
	case 8:
		check(rfork(RFFDG) == 0, "rfork(RFFDG): errno %d", errno);
		return;
	case 9:
		check(rfork(RFPROC | RFFDG | RFCFDG) == -1, "EINVAL wanted");
		return;
	}
	check(pid != -1, "kind %d: errno %d", kind, errno);
	if (pid == 0)
		_exit(0);
	reap(pid, __WALL, 0);
}

static void
t_counters(void)
{
	static const struct {
		const char	*what;
		int		forks, vforks, rforks;
	} want[] = {
		{ "fork", 1, 0, 0 },
		{ "vfork", 0, 1, 0 },
		{ "rfork(RFPROC | RFFDG)", 1, 0, 0 },
		{ "rfork(RFPROC)", 0, 0, 1 },
		{ "rfork(RFPROC | RFCFDG)", 0, 0, 1 },
		{ "rfork(RFSPAWN)", 0, 1, 0 },
		{ "rfork(RFPROC | RFMEM)", 0, 0, 1 },
		{ "rfork(RFPROC | RFFDG | RFTSIGZMB)", 0, 0, 1 },
		{ "rfork(RFFDG) without RFPROC", 0, 0, 0 },
		{ "a failed rfork", 0, 0, 0 },
	};
	unsigned long f, v, r, df, dv, dr;
	int k;

	for (k = 0; k < TAP_NCASES(want); k++) {
		f = ft_sysctl_ulong("vm.stats.vm.v_forks");
		v = ft_sysctl_ulong("vm.stats.vm.v_vforks");
		r = ft_sysctl_ulong("vm.stats.vm.v_rforks");
		one_child(k);
		df = ft_sysctl_ulong("vm.stats.vm.v_forks") - f;
		dv = ft_sysctl_ulong("vm.stats.vm.v_vforks") - v;
		dr = ft_sysctl_ulong("vm.stats.vm.v_rforks") - r;
		check(df == want[k].forks && dv == want[k].vforks &&
		    dr == want[k].rforks, "%s moved v_forks/v_vforks/v_rforks "
		    "by %lu/%lu/%lu, want %d/%d/%d", want[k].what, df, dv, dr,
		    want[k].forks, want[k].vforks, want[k].rforks);
	}
}

/* ---- no leaks ---- */

static void
t_leaks(void)
{
	unsigned long before;
	int nprocs, i, k;

	/* Warm up (stacks, malloc), then measure. */
	for (k = 0; k < 8; k++)
		one_child(k);
	before = tap_free_pages();
	nprocs = tap_sysctl_int("kern.nprocs");
	for (i = 0; i < 20; i++) {
		for (k = 0; k < 10; k++)
			one_child(k);
		vm_unshare(0, 0);
	}
	tap_check_free_pages(before, 20 * 2 + 16, "200 rforks");
	for (i = 0; i < 100 && tap_sysctl_int("kern.nprocs") != nprocs; i++)
		tap_sleep_ms(20);
	check(tap_sysctl_int("kern.nprocs") == nprocs, "kern.nprocs %d, was "
	    "%d", tap_sysctl_int("kern.nprocs"), nprocs);
}

static const struct tap_case cases[] = {
	{ "einval", t_einval },
	{ "sigmax_ok", t_sigmax_ok },
	{ "rfproc_shares", t_rfproc_shares },
	{ "rffdg_copies", t_rffdg_copies },
	{ "rfcfdg", t_rfcfdg },
	{ "rfmem_thread", t_rfmem_thread },
	{ "thread_nomem", t_thread_nomem },
	{ "rfsigshare", t_rfsigshare },
	{ "rfnowait", t_rfnowait },
	{ "linuxthpn", t_linuxthpn },
	{ "tsig_zero", t_tsig_zero },
	{ "tsig_usr2", t_tsig_usr2 },
	{ "tsig_sigchld", t_tsig_sigchld },
	{ "norfproc_fdg", t_norfproc_fdg },
	{ "norfproc_cfdg", t_norfproc_cfdg },
	{ "norfproc_vm", t_norfproc_vm },
	{ "rfthread", t_rfthread },
	{ "rfspawn", t_rfspawn },
	{ "counters", t_counters },
	{ "leaks", t_leaks },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
