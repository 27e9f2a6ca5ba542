/*
 * test_procdesc.c: process descriptors (FORK.md §9, Part 1 items 6 and
 * 10, §15 items 8-13, §16): pdfork, pdrfork, pdgetpid, pdkill and pdwait.
 *
 * Ports of FreeBSD's tests/sys/kern/pdwait.c and pdrfork.c cases (basic,
 * twice, ebadf, einval, efault1-3, pdkill_after_pdwait,
 * pdwait_after_waitpid, child_gets_no_pidfd; pdrfork following Part 1:
 * RFPROC|RFPROCDESC or RFSPAWN alone), and the rules around them: what
 * wait(-1) and waitpid(pid) see, no SIGCHLD while a descriptor is open,
 * close killing a live child (not a PD_DAEMON one) and reaping a zombie,
 * the pid staying taken while a descriptor is open, poll, fstat,
 * PD_CLOEXEC, ki_flag, RFSPAWN, bad fdp pointers, and no leaked pages,
 * pids, processes or descriptors.  Cases that change kern.pid_max or
 * kern.forkfsleep restore 99999 and 500.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procdesc.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	PID_MAX_DEFAULT		99999
#define	FORKFSLEEP_DEFAULT	500
#define	KI_PROCDESC		0x0400	/* ki_flag: has a process descriptor */
#define	OTHER_UID		1000
#define	OTHER_GID		1000

/* Bad user pointers (as test_badptr.c's). */
#define	BAD_NULL	((void *)0)
#define	BAD_KERNEL	((void *)0xffffffc080200000UL)
#define	BAD_UNMAPPED	((void *)0x2000000000UL)
#define	BAD_ABOVE	((void *)0x4000000000UL)

/* ---- helpers ---- */

static volatile int nsigchld, nsigusr1;

static void
on_sigchld(int sig)
{
	(void)sig;
	nsigchld++;
}

static void
on_sigusr1(int sig)
{
	(void)sig;
	nsigusr1++;
}

static void
catch(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	SYS(sigaction(sig, &sa, NULL));
}

/*
 * pdfork a child.  code >= 0: the child exits with it at once;
 * code < 0: it sleeps until killed.
 */
static pid_t
pd_child(int *fdp, int pdflags, int code)
{
	pid_t pid;

	*fdp = -2;
	pid = pdfork(fdp, pdflags);
	check(pid != -1, "pdfork(flags %#x): errno %d (%s)", pdflags, errno,
	    strerror(errno));
	if (pid == 0) {
		if (code >= 0)
			_exit(code);
		for (;;)
			pause();
	}
	check(*fdp >= 0, "pdfork returned pid %d but fd %d", pid, *fdp);
	return (pid);
}

/* Wait (poll) until the descriptor says its process exited. */
static void
wait_exited(int fd)
{
	struct pollfd pfd;
	int r;

	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	r = poll(&pfd, 1, 10000);
	check(r == 1 && (pfd.revents & POLLHUP), "poll for the exit: %d "
	    "revents %#x errno %d", r, pfd.revents, errno);
}

/* Wait until no process pid exists (a reaper collected it). */
static void
wait_gone(pid_t pid)
{
	int i;

	for (i = 0; i < 250 && ft_proc_stat(pid) != 0; i++)
		tap_sleep_ms(20);
	check(ft_proc_stat(pid) == 0, "pid %d still in the process table "
	    "(ki_stat %d) after 5 s", pid, ft_proc_stat(pid));
}

/* Wait until kern.nprocs comes back to n. */
static void
check_nprocs(int n, const char *what)
{
	int i;

	for (i = 0; i < 250 && tap_sysctl_int("kern.nprocs") != n; i++)
		tap_sleep_ms(20);
	check(tap_sysctl_int("kern.nprocs") == n, "%s: kern.nprocs %d, was "
	    "%d", what, tap_sysctl_int("kern.nprocs"), n);
}

/* The lowest free descriptor. */
static int
lowest_fd(void)
{
	int fd = SYS(dup(0));

	close(fd);
	return (fd);
}

/* The kinfo_proc of pid, or 0 if none; *kpo filled. */
static int
kinfo(pid_t pid, struct kinfo_proc *kpo)
{
	struct kinfo_proc *kp;
	size_t i, n;
	int found = 0;

	kp = ft_procs(&n);
	for (i = 0; i < n; i++)
		if (kp[i].ki_pid == pid) {
			*kpo = kp[i];
			found = 1;
		}
	free(kp);
	return (found);
}

struct leakmark {
	unsigned long	pages;
	int		nprocs;
	int		fd;
};

static void
leak_start(struct leakmark *m)
{
	m->pages = tap_free_pages();
	m->nprocs = tap_sysctl_int("kern.nprocs");
	m->fd = lowest_fd();
}

static void
leak_end(struct leakmark *m, const char *what)
{
	check_nprocs(m->nprocs, what);
	tap_check_free_pages(m->pages, 16, what);
	check(lowest_fd() == m->fd, "%s: lowest free fd %d, was %d", what,
	    lowest_fd(), m->fd);
}

/*
 * Run fn in a child process with kern.pid_max at pid_max (0: leave it)
 * and kern.forkfsleep at 0; restore 99999 and 500 whatever happened.
 */
static void
with_sysctls(int pid_max, void (*fn)(void))
{
	int st;
	pid_t pid;

	ft_sysctl_set_ok("kern.forkfsleep", 0);
	if (pid_max != 0)
		ft_sysctl_set_ok("kern.pid_max", pid_max);
	pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	st = pid == -1 ? -1 : tap_wait(pid);
	ft_sysctl_set_ok("kern.pid_max", PID_MAX_DEFAULT);
	ft_sysctl_set_ok("kern.forkfsleep", FORKFSLEEP_DEFAULT);
	check(pid != -1, "fork: errno %d", errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the body: %s%s",
	    tap_status_str(st), WIFEXITED(st) && WEXITSTATUS(st) ==
	    TAP_CHILD_FAILED ? " (see the # line above)" : "");
}

/* ---- FreeBSD's pdwait.c ---- */

static void
t_basic(void)
{
	struct leakmark m;
	struct __wrusage wru;
	siginfo_t si;
	pid_t pid, got;
	int fd, st, r;

	leak_start(&m);
	pid = pd_child(&fd, 0, 42);
	got = -1;
	SYS(pdgetpid(fd, &got));
	check(got == pid, "pdgetpid gave %d, pdfork returned %d", got, pid);
	st = -1;
	memset(&si, 0, sizeof(si));
	r = pdwait(fd, &st, WEXITED, &wru, &si);
	check(r == 0, "pdwait returned %d (errno %d), want 0 (not the pid "
	    "%d)", r, errno, pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 42, "status %s, want exit "
	    "42", tap_status_str(st));
	check(si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
	    si.si_pid == pid && si.si_status == 42, "siginfo: signo %d code "
	    "%d pid %d status %d, want %d %d %d 42", si.si_signo, si.si_code,
	    si.si_pid, si.si_status, SIGCHLD, CLD_EXITED, pid);
	check(si.si_uid == getuid(), "si_uid %d, want %d", (int)si.si_uid,
	    (int)getuid());
	got = -1;
	SYS(pdgetpid(fd, &got));
	check(got == pid, "pdgetpid after the reap gave %d, want %d", got,
	    pid);
	check_errno(waitpid(pid, NULL, WNOHANG), ECHILD);
	SYS(close(fd));
	leak_end(&m, "basic");
}

static void
t_twice(void)
{
	struct leakmark m;
	int fd, st;

	leak_start(&m);
	(void)pd_child(&fd, 0, 3);
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "first pdwait: "
	    "errno %d", errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status %s",
	    tap_status_str(st));
	check_errno(pdwait(fd, &st, WEXITED, NULL, NULL), ESRCH);
	check_errno(pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL), ESRCH);
	SYS(close(fd));
	leak_end(&m, "twice");
}

static void
t_ebadf(void)
{
	struct leakmark m;
	int fd, p[2], st;
	pid_t got;

	leak_start(&m);
	fd = lowest_fd();
	check_errno(pdwait(fd, &st, WEXITED, NULL, NULL), EBADF);
	check_errno(pdwait(-1, &st, WEXITED, NULL, NULL), EBADF);
	check_errno(pdwait(1000, &st, WEXITED, NULL, NULL), EBADF);
	check_errno(pdgetpid(fd, &got), EBADF);
	check_errno(pdgetpid(-1, &got), EBADF);
	check_errno(pdkill(fd, SIGKILL), EBADF);
	check_errno(pdkill(-1, 0), EBADF);
	/* Another kind of file (Part 1 item 10). */
	SYS(pipe(p));
	check_errno(pdgetpid(p[0], &got), EBADF);
	check_errno(pdkill(p[0], SIGKILL), EINVAL);
	check_errno(pdkill(p[1], 0), EINVAL);
	check_errno(pdwait(p[0], &st, WEXITED, NULL, NULL), EINVAL);
	check_errno(pdwait(0, &st, WEXITED | WNOHANG, NULL, NULL), EINVAL);
	close(p[0]);
	close(p[1]);
	/* A closed descriptor of a reaped process. */
	(void)pd_child(&fd, 0, 0);
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	SYS(close(fd));
	check_errno(pdwait(fd, &st, WEXITED, NULL, NULL), EBADF);
	check_errno(pdgetpid(fd, &got), EBADF);
	leak_end(&m, "ebadf");
}

static void
t_einval(void)
{
	struct leakmark m;
	static const int bad[] = {
		0, WNOHANG, WNOWAIT, WNOHANG | WNOWAIT, 0x100, WEXITED | 0x100,
		WEXITED | 0x4000,
	};
	int fd, i, st;
	pid_t pid;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	for (i = 0; i < TAP_NCASES(bad); i++) {
		errno = 0;
		check(pdwait(fd, &st, bad[i], NULL, NULL) == -1 &&
		    errno == EINVAL, "pdwait options %#x: errno %d, want "
		    "EINVAL", bad[i], errno);
	}
	/* Each of the four alone is enough (WNOHANG: nothing yet). */
	check_errno(pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	check_errno(pdwait(fd, &st, WUNTRACED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	check_errno(pdwait(fd, &st, WCONTINUED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	check_errno(pdwait(fd, &st, WTRAPPED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	check(pdkill(fd, 0) == 0, "the child died of the bad pdwaits: "
	    "errno %d", errno);
	check(kill(pid, 0) == 0, "kill(%d, 0): errno %d", pid, errno);
	SYS(close(fd));
	leak_end(&m, "einval");
}

/* pdwait with one bad pointer: EFAULT; nothing is left behind. */
static void
efault_one(int which)
{
	static void *const bads[] = { BAD_KERNEL, BAD_UNMAPPED, BAD_ABOVE };
	struct leakmark m;
	struct __wrusage wru;
	siginfo_t si;
	int fd, st, i, r;

	leak_start(&m);
	for (i = 0; i < TAP_NCASES(bads); i++) {
		(void)pd_child(&fd, 0, 5);
		wait_exited(fd);
		errno = 0;
		r = pdwait(fd, which == 1 ? bads[i] : &st, WEXITED,
		    which == 2 ? bads[i] : &wru, which == 3 ? bads[i] : &si);
		check(r == -1 && errno == EFAULT, "pdwait with a bad %s "
		    "pointer %p: %d errno %d, want EFAULT", which == 1 ?
		    "status" : which == 2 ? "wrusage" : "info", bads[i], r,
		    errno);
		/* FreeBSD reaps before the copyout: ESRCH now. */
		errno = 0;
		r = pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL);
		check(r == -1 && errno == ESRCH, "pdwait after the EFAULT: %d "
		    "errno %d, want ESRCH (reaped, as FreeBSD's copyout "
		    "follows the reap)", r, errno);
		SYS(close(fd));
	}
	leak_end(&m, "efault");
}

static void t_efault1(void) { efault_one(1); }
static void t_efault2(void) { efault_one(2); }
static void t_efault3(void) { efault_one(3); }

static void
t_pdkill_after_pdwait(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	SYS(pdkill(fd, SIGTERM));
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "status %s, want "
	    "signal %d", tap_status_str(st), SIGTERM);
	check_errno(pdkill(fd, SIGKILL), ESRCH);
	check_errno(pdkill(fd, 0), ESRCH);
	check_errno(kill(pid, 0), ESRCH);
	SYS(close(fd));
	leak_end(&m, "pdkill_after_pdwait");
}

static void
t_pdwait_after_waitpid(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid, got, r;

	leak_start(&m);
	pid = pd_child(&fd, 0, 9);
	r = waitpid(pid, &st, 0);
	check(r == pid, "waitpid(%d): %d errno %d", pid, r, errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 9, "status %s",
	    tap_status_str(st));
	check_errno(pdwait(fd, &st, WEXITED, NULL, NULL), ESRCH);
	check_errno(pdkill(fd, 0), ESRCH);
	got = -1;
	SYS(pdgetpid(fd, &got));
	check(got == pid, "pdgetpid after waitpid: %d, want %d", got, pid);
	SYS(close(fd));
	leak_end(&m, "pdwait_after_waitpid");
}

/* ---- FreeBSD's pdrfork.c ---- */

static void
t_pdrfork_basic(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid, got, r;

	leak_start(&m);
	fd = -2;
	pid = pdrfork(&fd, 0, RFPROC | RFPROCDESC);
	if (pid == 0)
		_exit(4);
	check(pid > 0, "pdrfork(RFPROC|RFPROCDESC): errno %d", errno);
	check(fd >= 0, "fd %d", fd);
	SYS(pdgetpid(fd, &got));
	check(got == pid, "pdgetpid %d, want %d", got, pid);
	r = waitpid(pid, &st, 0);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 4,
	    "waitpid(%d): %d, %s", pid, r, tap_status_str(st));
	SYS(close(fd));

	fd = -2;
	pid = pdrfork(&fd, 0, RFPROC | RFPROCDESC | RFFDG);
	if (pid == 0)
		_exit(6);
	check(pid > 0, "pdrfork(RFPROC|RFPROCDESC|RFFDG): errno %d", errno);
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 6, "status %s",
	    tap_status_str(st));
	SYS(close(fd));
	leak_end(&m, "pdrfork_basic");
}

static void
t_pdrfork_einval(void)
{
	static const struct {
		int	pdflags;
		int	rfflags;
	} bad[] = {
		{ -1, RFSPAWN },
		{ PD_ALLOWED_AT_FORK + 1, RFSPAWN },
		{ 0, -1 },
		{ 0, (int)(RFSPAWN | RFNOWAIT) },
		{ 0, (int)(RFSPAWN | RFPROC) },
		{ 0, RFPROC | RFFDG | RFCFDG },
		{ 0, RFPROC | RFPROCDESC | RFFDG | RFCFDG },
		{ 0, RFPROCDESC },
		{ 0, RFPROC },		/* Part 1: both are required */
		{ 0, RFNOWAIT },	/* (T-PDR expects these two to work) */
		{ 0, 0 },
		{ 0, RFPROC | RFPROCDESC | RFSTOPPED },
		{ 0, RFPROC | RFPROCDESC | RFHIGHPID },
		{ 0, RFPROC | RFPROCDESC | RFNAMEG },
		{ 0, RFPROC | RFPROCDESC | RFTSIGFLAGS(5) },
		{ 0, RFPROC | RFPROCDESC | RFTSIGZMB | RFTSIGFLAGS(129) },
		{ 4, RFPROC | RFPROCDESC },
		{ -1, RFPROC | RFPROCDESC },
	};
	struct leakmark m;
	int i, fd, r;

	leak_start(&m);
	for (i = 0; i < TAP_NCASES(bad); i++) {
		fd = 12345;
		errno = 0;
		r = pdrfork(&fd, bad[i].pdflags, bad[i].rfflags);
		if (r == 0)
			_exit(0);
		check(r == -1 && errno == EINVAL, "pdrfork(&fd, %#x, %#x): %d "
		    "errno %d, want EINVAL", bad[i].pdflags, bad[i].rfflags,
		    r, errno);
		check(fd == 12345, "pdrfork(&fd, %#x, %#x) failed but wrote "
		    "fd %d", bad[i].pdflags, bad[i].rfflags, fd);
	}
	fd = 12345;
	check_errno(pdfork(&fd, 4), EINVAL);
	check_errno(pdfork(&fd, -1), EINVAL);
	check_errno(pdfork(&fd, PD_DAEMON | 0x100), EINVAL);
	check(fd == 12345, "a failed pdfork wrote fd %d", fd);
	/* rfork cannot ask for a descriptor (§15.5). */
	check_errno(rfork(RFPROC | RFPROCDESC), EINVAL);
	leak_end(&m, "pdrfork_einval");
}

static void
t_child_gets_no_pidfd(void)
{
	struct leakmark m;
	int fd, want, st, p[2];
	pid_t pid;
	char c;

	leak_start(&m);
	SYS(pipe(p));
	want = lowest_fd();		/* where the descriptor will go */
	fd = 12345;
	pid = pdrfork(&fd, 0, RFPROC | RFPROCDESC | RFFDG);
	if (pid == 0) {
		check(fd == 12345 || fd == -1, "child: fd variable is %d, "
		    "want it unwritten (12345, or the kernel's -1 probe)", fd);
		errno = 0;
		check(fcntl(want, F_GETFD) == -1 && errno == EBADF,
		    "child: fd %d (the parent's descriptor) is open in the "
		    "child, errno %d", want, errno);
		check(pdgetpid(want, &pid) == -1, "child: pdgetpid(%d) works",
		    want);
		_exit(0);
	}
	check(pid > 0, "pdrfork: errno %d", errno);
	check(fd == want, "descriptor %d, want the lowest free %d", fd, want);
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s%s",
	    tap_status_str(st), WEXITSTATUS(st) == TAP_CHILD_FAILED ?
	    " (see the # line)" : "");
	SYS(close(fd));

	/* The same with pdfork. */
	fd = 12345;
	pid = pdfork(&fd, 0);
	if (pid == 0) {
		errno = 0;
		check(fcntl(want, F_GETFD) == -1 && errno == EBADF,
		    "pdfork child: fd %d is open, errno %d", want, errno);
		(void)read(p[0], &c, 1);
		_exit(0);
	}
	check(pid > 0 && fd == want, "pdfork: %d fd %d errno %d", pid, fd,
	    errno);
	SYS(write(p[1], "x", 1));
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pdfork child: %s",
	    tap_status_str(st));
	SYS(close(fd));
	close(p[0]);
	close(p[1]);
	leak_end(&m, "child_gets_no_pidfd");
}

/* pdrfork(RFSPAWN): vfork semantics; the parent sleeps until the exec. */
static void
t_rfspawn(void)
{
	char *const argv[] = { "thelper_exec", "exit", "7", NULL };
	struct leakmark m;
	long t0, dt;
	int fd, st;
	pid_t pid, got;

	leak_start(&m);
	fd = -2;
	t0 = tap_now_ms();
	pid = pdrfork(&fd, 0, RFSPAWN);
	if (pid == 0) {
		tap_sleep_ms(200);
		execve("/bin/thelper_exec", argv, NULL);
		_exit(127);
	}
	dt = tap_now_ms() - t0;
	check(pid > 0, "pdrfork(RFSPAWN): errno %d", errno);
	check(fd >= 0, "pdrfork(RFSPAWN) gave fd %d", fd);
	check(dt >= 180, "pdrfork(RFSPAWN) returned after %ld ms; the child "
	    "napped 200 ms before its exec", dt);
	SYS(pdgetpid(fd, &got));
	check(got == pid, "pdgetpid %d, want %d", got, pid);
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7, "status %s, want exit 7",
	    tap_status_str(st));
	SYS(close(fd));
	leak_end(&m, "rfspawn");
}

/* ---- waits, signals, close ---- */

/* wait(-1) never returns a procdesc child; waitpid(pid) does. */
static void
t_wait_any(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid, other, r;

	leak_start(&m);
	pid = pd_child(&fd, 0, 11);
	wait_exited(fd);
	check_errno(waitpid(-1, &st, WNOHANG), ECHILD);
	check_errno(wait(&st), ECHILD);
	/* With an ordinary child too: wait(-1) returns only that one. */
	other = tap_fork();
	if (other == 0) {
		tap_sleep_ms(100);
		_exit(12);
	}
	r = wait(&st);
	check(r == other, "wait() returned %d, want the ordinary child %d "
	    "(the procdesc child is %d)", r, other, pid);
	check_errno(wait(&st), ECHILD);
	/* waitpid(-pgid) sees it (§9.7: only P_ALL is filtered). */
	r = waitpid(-getpgrp(), &st, WNOHANG);
	check(r == pid, "waitpid(-pgid) returned %d errno %d, want %d", r,
	    errno, pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 11, "status %s",
	    tap_status_str(st));
	check_errno(pdwait(fd, &st, WEXITED, NULL, NULL), ESRCH);
	SYS(close(fd));

	pid = pd_child(&fd, 0, 13);
	r = waitpid(pid, &st, 0);
	check(r == pid, "waitpid(%d): %d errno %d", pid, r, errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 13, "status %s",
	    tap_status_str(st));
	SYS(close(fd));
	leak_end(&m, "wait_any");
}

/* No SIGCHLD while the descriptor is open, even on exit (§15.11). */
static void
t_no_sigchld(void)
{
	struct leakmark m;
	int fd, st, i;
	pid_t pid;

	leak_start(&m);
	catch(SIGCHLD, on_sigchld);
	/* The handler works: an ordinary child's exit is heard. */
	nsigchld = 0;
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	for (i = 0; i < 100 && nsigchld == 0; i++)
		tap_sleep_ms(10);
	tap_wait_ok(pid);
	check(nsigchld == 1, "an ordinary child's exit gave %d SIGCHLDs",
	    nsigchld);

	nsigchld = 0;
	(void)pd_child(&fd, 0, 0);
	wait_exited(fd);
	tap_sleep_ms(100);
	check(nsigchld == 0, "a procdesc child's exit sent %d SIGCHLD",
	    nsigchld);
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	SYS(close(fd));

	/* Killed by pdkill: no SIGCHLD either. */
	(void)pd_child(&fd, 0, -1);
	SYS(pdkill(fd, SIGKILL));
	wait_exited(fd);
	tap_sleep_ms(100);
	check(nsigchld == 0, "a pdkilled child sent %d SIGCHLD", nsigchld);
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %s",
	    tap_status_str(st));
	SYS(close(fd));
	check(nsigchld == 0, "%d SIGCHLD", nsigchld);
	leak_end(&m, "no_sigchld");
}

/* Not even an RFTSIGZMB exit signal (§9.6). */
static void
t_exitsig(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid;

	leak_start(&m);
	catch(SIGUSR1, on_sigusr1);
	catch(SIGCHLD, on_sigchld);
	nsigusr1 = nsigchld = 0;
	fd = -2;
	pid = pdrfork(&fd, 0, RFPROC | RFPROCDESC | RFFDG | RFTSIGZMB |
	    RFTSIGFLAGS(SIGUSR1));
	if (pid == 0)
		_exit(8);
	check(pid > 0, "pdrfork with RFTSIGZMB: errno %d", errno);
	wait_exited(fd);
	tap_sleep_ms(100);
	check(nsigusr1 == 0 && nsigchld == 0, "exit with the descriptor "
	    "open sent %d SIGUSR1, %d SIGCHLD", nsigusr1, nsigchld);
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 8, "status %s",
	    tap_status_str(st));
	SYS(close(fd));
	leak_end(&m, "exitsig");
}

/*
 * Closing the descriptor of a live child kills it (SIGKILL) and gives
 * it to the reaper: the parent's waitpid(pid) gets ECHILD and the parent
 * hears no SIGCHLD (§9.8, §15.9-10).
 */
static void
t_close_kills(void)
{
	struct leakmark m;
	char c;
	int fd, p[2], st, i;
	pid_t pid;

	leak_start(&m);
	catch(SIGCHLD, on_sigchld);
	nsigchld = 0;
	SYS(pipe(p));
	fd = -2;
	pid = pdfork(&fd, 0);
	if (pid == 0) {
		close(p[0]);
		for (;;)
			pause();
	}
	check(pid > 0, "pdfork: errno %d", errno);
	close(p[1]);
	check(kill(pid, 0) == 0, "child %d not there: errno %d", pid, errno);
	SYS(close(fd));
	/* The reaparent is immediate. */
	check_errno(waitpid(pid, &st, WNOHANG), ECHILD);
	/* The pipe's write end closes when the child dies. */
	check(read(p[0], &c, 1) == 0, "read: errno %d", errno);
	close(p[0]);
	wait_gone(pid);
	check_errno(kill(pid, 0), ESRCH);
	check_errno(waitpid(pid, &st, 0), ECHILD);
	for (i = 0; i < 10; i++)
		tap_sleep_ms(10);
	check(nsigchld == 0, "the parent got %d SIGCHLD", nsigchld);
	leak_end(&m, "close_kills");
}

/* A dup keeps it alive: only the last close kills. */
static void
t_close_last(void)
{
	struct leakmark m;
	int fd, fd2;
	pid_t pid;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	fd2 = SYS(dup(fd));
	SYS(close(fd));
	tap_sleep_ms(100);
	check(pdkill(fd2, 0) == 0, "pdkill(dup, 0) after closing the "
	    "original: errno %d", errno);
	check(ft_proc_stat(pid) != SZOMB && ft_proc_stat(pid) != 0,
	    "closing one of two descriptors killed the child (ki_stat %d)",
	    ft_proc_stat(pid));
	SYS(close(fd2));
	wait_gone(pid);
	leak_end(&m, "close_last");
}

/* PD_DAEMON: close lets it go alive, to the reaper (init). */
static void
t_daemon(void)
{
	struct kinfo_proc kp;
	struct leakmark m;
	int fd, tochild[2], fromchild[2], st;
	pid_t pid, ppid;
	char c;

	leak_start(&m);
	catch(SIGCHLD, on_sigchld);
	nsigchld = 0;
	SYS(pipe(tochild));
	SYS(pipe(fromchild));
	fd = -2;
	pid = pdfork(&fd, PD_DAEMON);
	if (pid == 0) {
		close(tochild[1]);
		close(fromchild[0]);
		while (read(tochild[0], &c, 1) == 1) {
			ppid = getppid();
			(void)write(fromchild[1], &ppid, sizeof(ppid));
		}
		_exit(0);
	}
	check(pid > 0, "pdfork(PD_DAEMON): errno %d", errno);
	close(tochild[0]);
	close(fromchild[1]);
	check(kinfo(pid, &kp), "child %d not in kern.proc.all", pid);
	check(kp.ki_flag & KI_PROCDESC, "ki_flag %#x lacks %#x while the "
	    "descriptor is open", kp.ki_flag, KI_PROCDESC);
	SYS(write(tochild[1], "x", 1));
	check(read(fromchild[0], &ppid, sizeof(ppid)) == sizeof(ppid),
	    "read: errno %d", errno);
	check(ppid == getpid(), "child's getppid %d, want %d", ppid,
	    getpid());

	SYS(close(fd));
	tap_sleep_ms(100);
	check(kill(pid, 0) == 0, "the PD_DAEMON child died when its "
	    "descriptor closed: errno %d", errno);
	check(ft_proc_stat(pid) != SZOMB, "the PD_DAEMON child is a zombie");
	SYS(write(tochild[1], "x", 1));
	check(read(fromchild[0], &ppid, sizeof(ppid)) == sizeof(ppid),
	    "read after the close: errno %d", errno);
	check(ppid == 1, "after the close the child's getppid is %d, want 1 "
	    "(init, the reaper)", ppid);
	check(kinfo(pid, &kp), "child %d not in kern.proc.all", pid);
	check(kp.ki_ppid == 1, "ki_ppid %d, want 1", kp.ki_ppid);
	check(!(kp.ki_flag & KI_PROCDESC), "ki_flag %#x still has %#x after "
	    "the close", kp.ki_flag, KI_PROCDESC);
	check_errno(waitpid(pid, &st, WNOHANG), ECHILD);
	/* Let it exit: init reaps it, and we hear nothing. */
	close(tochild[1]);
	check(read(fromchild[0], &c, 1) == 0, "read at the child's exit");
	close(fromchild[0]);
	wait_gone(pid);
	check(nsigchld == 0, "the old parent got %d SIGCHLD", nsigchld);
	leak_end(&m, "daemon");
}

/* Closing the descriptor of a zombie reaps it at once (§15.10). */
static void
t_close_zombie(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid;

	leak_start(&m);
	catch(SIGCHLD, on_sigchld);
	nsigchld = 0;
	pid = pd_child(&fd, 0, 0);
	wait_exited(fd);
	check(ft_proc_stat(pid) == SZOMB, "child %d: ki_stat %d, want a "
	    "zombie", pid, ft_proc_stat(pid));
	SYS(close(fd));
	check(ft_proc_stat(pid) == 0, "closing the zombie's descriptor left "
	    "it in the table (ki_stat %d)", ft_proc_stat(pid));
	check_errno(kill(pid, 0), ESRCH);
	check_errno(waitpid(pid, &st, WNOHANG), ECHILD);
	check(nsigchld == 0, "%d SIGCHLD", nsigchld);
	leak_end(&m, "close_zombie");
}

/* The holder's exit closes the descriptor: the child dies too. */
static void
t_holder_exits(void)
{
	struct leakmark m;
	int p[2];
	pid_t mid, pid;
	char c;

	leak_start(&m);
	SYS(pipe(p));
	mid = tap_fork();
	if (mid == 0) {
		int fd;

		close(p[0]);
		pid = pd_child(&fd, 0, -1);
		(void)write(p[1], &pid, sizeof(pid));
		_exit(0);
	}
	close(p[1]);
	check(read(p[0], &pid, sizeof(pid)) == sizeof(pid), "read pid");
	tap_wait_ok(mid);
	/* The grandchild held the write end too: EOF once it died. */
	check(read(p[0], &c, 1) == 0, "read: errno %d", errno);
	close(p[0]);
	wait_gone(pid);
	leak_end(&m, "holder_exits");
}

/* A parent that ignores SIGCHLD still keeps a procdesc child (§10.1). */
static void
t_sigchld_ignored(void)
{
	struct leakmark m;
	struct sigaction sa;
	int fd, st;
	pid_t pid, r;

	leak_start(&m);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	SYS(sigaction(SIGCHLD, &sa, NULL));
	pid = pd_child(&fd, 0, 21);
	wait_exited(fd);
	r = waitpid(pid, &st, WNOHANG);
	check(r == pid, "with SIGCHLD ignored, waitpid(%d) of the exited "
	    "procdesc child: %d errno %d; FreeBSD's exit1 reparents to the "
	    "reaper only when no descriptor is open (FORK.md §10.1: step 3 "
	    "before 4)", pid, r, errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 21, "status %s",
	    tap_status_str(st));
	SYS(close(fd));

	/* And pdwait works whatever wait4 says. */
	pid = pd_child(&fd, 0, 22);
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 22, "status %s",
	    tap_status_str(st));
	SYS(close(fd));
	wait_gone(pid);
	leak_end(&m, "sigchld_ignored");
}

/* ---- pid reuse (§12, §15.13) ---- */

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

static void
pid_body(void)
{
	int fd1, fd2, st, i, seen1, seen2;
	pid_t pid1, pid2, got, pid;

	/* One reaped by pdwait, one by waitpid; both descriptors open. */
	pid1 = pd_child(&fd1, 0, 0);
	pid2 = pd_child(&fd2, 0, 0);
	check(pid1 < 300 && pid2 < 300, "pids %d %d with pid_max 300", pid1,
	    pid2);
	SYS(pdwait(fd1, &st, WEXITED, NULL, NULL));
	check(waitpid(pid2, &st, 0) == pid2, "waitpid(%d): errno %d", pid2,
	    errno);
	for (i = 0; i < 600; i++) {
		pid = fork_reap();
		check(pid != pid1 && pid != pid2, "fork %d got pid %d, which "
		    "an open descriptor still names (%d, %d)", i, pid, pid1,
		    pid2);
	}
	SYS(pdgetpid(fd1, &got));
	check(got == pid1, "pdgetpid %d, want %d", got, pid1);
	SYS(pdgetpid(fd2, &got));
	check(got == pid2, "pdgetpid %d, want %d", got, pid2);
	/* Closed: the pids come back within a round of the 300. */
	SYS(close(fd1));
	SYS(close(fd2));
	seen1 = seen2 = 0;
	for (i = 0; i < 600 && !(seen1 && seen2); i++) {
		pid = fork_reap();
		seen1 |= pid == pid1;
		seen2 |= pid == pid2;
	}
	check(seen1 && seen2, "after the close, pids %d (%s) and %d (%s) "
	    "never came back in %d forks", pid1, seen1 ? "seen" : "not seen",
	    pid2, seen2 ? "seen" : "not seen", i);
}

static void
t_pid_not_recycled(void)
{
	struct leakmark m;

	leak_start(&m);
	with_sysctls(300, pid_body);
	check(tap_sysctl_int("kern.pid_max") == PID_MAX_DEFAULT &&
	    tap_sysctl_int("kern.forkfsleep") == FORKFSLEEP_DEFAULT,
	    "pid_max %d forkfsleep %d not restored",
	    tap_sysctl_int("kern.pid_max"), tap_sysctl_int("kern.forkfsleep"));
	leak_end(&m, "pid_not_recycled");
}

/* ---- the descriptor elsewhere ---- */

/* A forked child inherits a working copy; pdwait by a non-parent. */
static void
t_passed_to_child(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid, helper;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	/* A child that just exits does not kill it (not the last close). */
	helper = tap_fork();
	if (helper == 0)
		_exit(0);
	tap_wait_ok(helper);
	check(pdkill(fd, 0) == 0, "the child died when a copy closed: "
	    "errno %d", errno);
	helper = tap_fork();
	if (helper == 0) {
		pid_t got = -1;
		int hst = -1;

		check(pdgetpid(fd, &got) == 0 && got == pid, "helper: "
		    "pdgetpid %d errno %d, want %d", got, errno, pid);
		check(pdkill(fd, 0) == 0, "helper: pdkill 0: errno %d",
		    errno);
		check(pdkill(fd, SIGUSR2) == 0, "helper: pdkill: errno %d",
		    errno);
		check(pdwait(fd, &hst, WEXITED, NULL, NULL) == 0, "helper: "
		    "pdwait: errno %d", errno);
		check(WIFSIGNALED(hst) && WTERMSIG(hst) == SIGUSR2, "helper: "
		    "status %s", tap_status_str(hst));
		_exit(0);
	}
	tap_wait_ok(helper);
	check_errno(pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL), ESRCH);
	check_errno(waitpid(pid, &st, WNOHANG), ECHILD);
	SYS(close(fd));
	leak_end(&m, "passed_to_child");
}

/* PD_CLOEXEC: the exec'd program does not have it. */
static void
t_cloexec(void)
{
	char num[16], out[256], want[64];
	char *argv[] = { "/bin/thelper_exec", "fd", num, NULL };
	struct leakmark m;
	int fd, st;
	pid_t pid;

	leak_start(&m);
	pid = pd_child(&fd, PD_CLOEXEC, -1);
	check(fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_GETFD %d with PD_CLOEXEC",
	    fcntl(fd, F_GETFD));
	snprintf(num, sizeof(num), "%d", fd);
	st = tap_run(argv, NULL, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thelper_exec: %s: %s",
	    tap_status_str(st), out);
	snprintf(want, sizeof(want), "fd %d closed\n", fd);
	check(strcmp(out, want) == 0, "PD_CLOEXEC: the exec'd program says "
	    "\"%s\", want \"%s\"", out, want);
	check(pdkill(fd, 0) == 0, "the child died: errno %d", errno);
	SYS(close(fd));
	wait_gone(pid);

	pid = pd_child(&fd, 0, -1);
	check(fcntl(fd, F_GETFD) == 0, "F_GETFD %d without PD_CLOEXEC",
	    fcntl(fd, F_GETFD));
	snprintf(num, sizeof(num), "%d", fd);
	st = tap_run(argv, NULL, out, sizeof(out));
	snprintf(want, sizeof(want), "fd %d open \n", fd);
	check(strcmp(out, want) == 0, "without PD_CLOEXEC: the exec'd "
	    "program says \"%s\", want \"%s\"", out, want);
	SYS(close(fd));
	wait_gone(pid);
	leak_end(&m, "cloexec");
}

/* ---- pdkill, pdwait options, poll, fstat, read/write, kinfo ---- */

static void
t_pdkill(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	check(pdkill(fd, 0) == 0, "pdkill(fd, 0): errno %d", errno);
	check_errno(pdkill(fd, -1), EINVAL);
	check_errno(pdkill(fd, 129), EINVAL);
	check_errno(pdkill(fd, 100000), EINVAL);
	check(pdkill(fd, 0) == 0, "the child is gone after bad pdkills: "
	    "errno %d", errno);
	check(ft_proc_stat(pid) != SZOMB, "a bad pdkill killed it");
	SYS(pdkill(fd, SIGINT));
	wait_exited(fd);
	/* A zombie not yet reaped can still be signalled. */
	check(pdkill(fd, 0) == 0, "pdkill(zombie, 0): errno %d", errno);
	check(pdkill(fd, SIGTERM) == 0, "pdkill(zombie, SIGTERM): errno %d",
	    errno);
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status %s, want "
	    "signal %d", tap_status_str(st), SIGINT);
	check_errno(pdkill(fd, 0), ESRCH);
	SYS(close(fd));
	leak_end(&m, "pdkill");
}

static void
t_wnohang(void)
{
	struct leakmark m;
	int fd, st, p[2], r;
	pid_t pid;
	char c;

	leak_start(&m);
	SYS(pipe(p));
	fd = -2;
	pid = pdfork(&fd, 0);
	if (pid == 0) {
		close(p[1]);
		(void)read(p[0], &c, 1);
		_exit(17);
	}
	check(pid > 0, "pdfork: errno %d", errno);
	close(p[0]);
	st = 0x5a5a;
	errno = 0;
	r = pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL);
	check(r == -1 && errno == EWOULDBLOCK, "pdwait(WNOHANG) before the "
	    "exit: %d errno %d, want -1 EWOULDBLOCK (not waitpid's 0)", r,
	    errno);
	check(st == 0x5a5a, "a failed pdwait wrote status %#x", st);
	close(p[1]);
	wait_exited(fd);
	/* WNOWAIT leaves it to be collected again. */
	check(pdwait(fd, &st, WEXITED | WNOHANG | WNOWAIT, NULL, NULL) == 0,
	    "pdwait(WNOWAIT): errno %d", errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 17, "WNOWAIT status %s",
	    tap_status_str(st));
	st = 0;
	r = pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL);
	check(r == 0, "pdwait(WNOHANG) after the exit: %d errno %d, want 0",
	    r, errno);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 17, "status %s",
	    tap_status_str(st));
	check_errno(pdwait(fd, &st, WEXITED | WNOHANG, NULL, NULL), ESRCH);
	SYS(close(fd));
	leak_end(&m, "wnohang");
}

/* Wait until pid's ki_stat is (want_stopped ? SSTOP : not SSTOP). */
static void
wait_stat(pid_t pid, int want_stopped)
{
	int i;

	for (i = 0; i < 250 && (ft_proc_stat(pid) == SSTOP) != want_stopped;
	    i++)
		tap_sleep_ms(20);
	check((ft_proc_stat(pid) == SSTOP) == want_stopped, "pid %d: ki_stat "
	    "%d, want %s", pid, ft_proc_stat(pid), want_stopped ? "stopped" :
	    "not stopped");
}

/* Stops and continues reported by pdwait, like wait6 (§9.5 step 3). */
static void
t_stopped(void)
{
	struct leakmark m;
	int fd, st;
	pid_t pid;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	check_errno(pdwait(fd, &st, WUNTRACED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	SYS(pdkill(fd, SIGSTOP));
	wait_stat(pid, 1);
	st = 0;
	check(pdwait(fd, &st, WUNTRACED | WNOHANG, NULL, NULL) == 0,
	    "pdwait(WUNTRACED) of a stopped child: errno %d", errno);
	check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "status %#x, want "
	    "stopped by %d", st, SIGSTOP);
	/* Reported once. */
	check_errno(pdwait(fd, &st, WUNTRACED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	SYS(pdkill(fd, SIGCONT));
	wait_stat(pid, 0);
	st = 0;
	check(pdwait(fd, &st, WCONTINUED | WNOHANG, NULL, NULL) == 0,
	    "pdwait(WCONTINUED) of a continued child: errno %d", errno);
	check(WIFCONTINUED(st), "status %#x, want continued", st);
	check_errno(pdwait(fd, &st, WCONTINUED | WNOHANG, NULL, NULL),
	    EWOULDBLOCK);
	SYS(pdkill(fd, SIGKILL));
	check(pdwait(fd, &st, WEXITED, NULL, NULL) == 0, "pdwait: errno %d",
	    errno);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %s",
	    tap_status_str(st));
	SYS(close(fd));
	leak_end(&m, "stopped");
}

/*
 * A pdwait asleep for a stop (or a continue) wakes when it happens, as
 * wait6's does.  A watchdog holding a copy of the descriptor kills the
 * child after 3 s so that a pdwait never woken ends with ESRCH.
 */
static pid_t
watchdog(int fd, int ms)
{
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		tap_sleep_ms(ms);
		(void)pdkill(fd, SIGKILL);
		_exit(0);
	}
	return (pid);
}

/* pdkill(fd, sig) from another process after ms milliseconds. */
static void
pdkill_later(int fd, int sig, int ms)
{
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		tap_sleep_ms(ms);
		check(pdkill(fd, sig) == 0, "pdkill(%d) from a helper: errno "
		    "%d", sig, errno);
		_exit(0);
	}
	/* Reaped below, by waitpid(-1) once pdwait returned. */
}

static void
t_stop_wakes_pdwait(void)
{
	struct leakmark m;
	int fd, st, r, hst;
	pid_t pid, w;
	long t0;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	w = watchdog(fd, 3000);
	/* The stop comes 200 ms into the pdwait's sleep. */
	pdkill_later(fd, SIGSTOP, 200);
	t0 = tap_now_ms();
	st = 0;
	r = pdwait(fd, &st, WUNTRACED, NULL, NULL);
	check(r == 0, "pdwait(WUNTRACED) asleep when the child stopped: %d "
	    "errno %d after %ld ms (ki_stat %d); a stop does not wake pdwait",
	    r, errno, tap_now_ms() - t0, ft_proc_stat(pid));
	check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "status %#x", st);
	check(wait(&hst) > 0 && WIFEXITED(hst) && WEXITSTATUS(hst) == 0,
	    "the SIGSTOP helper: %s", tap_status_str(hst));
	pdkill_later(fd, SIGCONT, 200);
	st = 0;
	r = pdwait(fd, &st, WCONTINUED, NULL, NULL);
	check(r == 0, "pdwait(WCONTINUED) asleep when the child was "
	    "continued: %d errno %d after %ld ms; a continue does not wake "
	    "pdwait", r, errno, tap_now_ms() - t0);
	check(WIFCONTINUED(st), "status %#x", st);
	check(wait(&hst) > 0 && WIFEXITED(hst) && WEXITSTATUS(hst) == 0,
	    "the SIGCONT helper: %s", tap_status_str(hst));
	SYS(kill(w, SIGKILL));
	(void)tap_wait(w);
	SYS(pdkill(fd, SIGKILL));
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	SYS(close(fd));
	leak_end(&m, "stop_wakes_pdwait");
}

/* poll: nothing while it lives; POLLHUP wakes a sleeping poll at exit. */
static void
t_poll(void)
{
	struct leakmark m;
	struct pollfd pfd[2];
	int fd, st, p[2], r;
	long t0, dt;
	pid_t pid;
	char c;

	leak_start(&m);
	SYS(pipe(p));
	fd = -2;
	pid = pdfork(&fd, 0);
	if (pid == 0) {
		close(p[1]);
		(void)read(p[0], &c, 1);
		tap_sleep_ms(300);
		_exit(0);
	}
	check(pid > 0, "pdfork: errno %d", errno);
	close(p[0]);
	pfd[0].fd = fd;
	pfd[0].events = POLLIN | POLLOUT | POLLPRI;
	pfd[0].revents = 0;
	r = poll(pfd, 1, 0);
	check(r == 0 && pfd[0].revents == 0, "poll on a live child: %d "
	    "revents %#x", r, pfd[0].revents);
	r = poll(pfd, 1, 100);
	check(r == 0, "poll(100 ms) on a live child: %d revents %#x", r,
	    pfd[0].revents);
	close(p[1]);			/* it naps 300 ms, then exits */
	t0 = tap_now_ms();
	pfd[0].events = 0;
	r = poll(pfd, 1, INFTIM);
	dt = tap_now_ms() - t0;
	check(r == 1 && pfd[0].revents == POLLHUP, "poll at the exit: %d "
	    "revents %#x errno %d, want 1 and POLLHUP %#x", r,
	    pfd[0].revents, errno, POLLHUP);
	check(dt >= 250, "poll woke after %ld ms, the child napped 300", dt);
	/* Still ready (exited, not reaped), and with another fd too. */
	pfd[0].events = POLLIN;
	pfd[1].fd = 0;
	pfd[1].events = 0;
	pfd[1].revents = 0;
	r = poll(pfd, 2, 0);
	check(r == 1 && pfd[0].revents == POLLHUP, "poll again: %d revents "
	    "%#x", r, pfd[0].revents);
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	r = poll(pfd, 1, 0);
	check(r == 1 && pfd[0].revents == POLLHUP, "poll after the reap: %d "
	    "revents %#x", r, pfd[0].revents);
	SYS(close(fd));
	leak_end(&m, "poll");
}

static void
t_fstat(void)
{
	struct leakmark m;
	struct stat sb;
	int fd, tochild[2], fromchild[2], st;
	pid_t pid;
	char c;

	leak_start(&m);
	SYS(pipe(tochild));
	SYS(pipe(fromchild));
	fd = -2;
	pid = pdfork(&fd, 0);
	if (pid == 0) {
		close(tochild[1]);
		close(fromchild[0]);
		(void)read(tochild[0], &c, 1);
		if (setgid(OTHER_GID) != 0 || setuid(OTHER_UID) != 0)
			_exit(2);
		(void)write(fromchild[1], "y", 1);
		(void)read(tochild[0], &c, 1);
		_exit(0);
	}
	check(pid > 0, "pdfork: errno %d", errno);
	close(tochild[0]);
	close(fromchild[1]);
	SYS(fstat(fd, &sb));
	check(sb.st_mode == (S_IFREG | S_IRWXU), "alive: st_mode %#o, want "
	    "%#o", (unsigned)sb.st_mode, (unsigned)(S_IFREG | S_IRWXU));
	check(sb.st_uid == getuid() && sb.st_gid == getgid(), "alive: st_uid "
	    "%d st_gid %d, want %d %d", (int)sb.st_uid, (int)sb.st_gid,
	    (int)getuid(), (int)getgid());
	/* The child's real ids, not ours. */
	SYS(write(tochild[1], "x", 1));
	check(read(fromchild[0], &c, 1) == 1, "the child's setuid failed");
	SYS(fstat(fd, &sb));
	check(sb.st_mode == (S_IFREG | S_IRWXU), "alive: st_mode %#o",
	    (unsigned)sb.st_mode);
	check(sb.st_uid == OTHER_UID && sb.st_gid == OTHER_GID, "after the "
	    "child's setuid: st_uid %d st_gid %d, want %d %d",
	    (int)sb.st_uid, (int)sb.st_gid, OTHER_UID, OTHER_GID);
	close(tochild[1]);
	wait_exited(fd);
	SYS(fstat(fd, &sb));
	check(sb.st_mode == S_IFREG, "zombie: st_mode %#o, want %#o",
	    (unsigned)sb.st_mode, (unsigned)S_IFREG);
	check(sb.st_uid == OTHER_UID, "zombie: st_uid %d", (int)sb.st_uid);
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s",
	    tap_status_str(st));
	SYS(fstat(fd, &sb));
	check(sb.st_mode == S_IFREG && sb.st_uid == 0 && sb.st_gid == 0,
	    "reaped: st_mode %#o st_uid %d st_gid %d, want %#o 0 0",
	    (unsigned)sb.st_mode, (int)sb.st_uid, (int)sb.st_gid,
	    (unsigned)S_IFREG);
	SYS(close(fd));
	close(fromchild[0]);
	leak_end(&m, "fstat");
}

static void
t_readwrite(void)
{
	struct leakmark m;
	char buf[8];
	int fd;

	leak_start(&m);
	(void)pd_child(&fd, 0, -1);
	check_errno(read(fd, buf, sizeof(buf)), EOPNOTSUPP);
	check_errno(write(fd, "x", 1), EOPNOTSUPP);
	check(pdkill(fd, 0) == 0, "child gone after read/write: errno %d",
	    errno);
	SYS(close(fd));
	leak_end(&m, "readwrite");
}

static void
t_kinfo_flag(void)
{
	struct leakmark m;
	struct kinfo_proc kp;
	int fd, st;
	pid_t pid, plain;

	leak_start(&m);
	pid = pd_child(&fd, 0, -1);
	plain = tap_fork();
	if (plain == 0) {
		for (;;)
			pause();
	}
	check(kinfo(pid, &kp), "no kinfo for %d", pid);
	check(kp.ki_flag & KI_PROCDESC, "procdesc child: ki_flag %#x lacks "
	    "%#x", kp.ki_flag, KI_PROCDESC);
	check(kp.ki_ppid == getpid(), "ki_ppid %d", kp.ki_ppid);
	check(kinfo(plain, &kp), "no kinfo for %d", plain);
	check(!(kp.ki_flag & KI_PROCDESC), "plain child: ki_flag %#x has "
	    "%#x", kp.ki_flag, KI_PROCDESC);
	check(kinfo(getpid(), &kp), "no kinfo for us");
	check(!(kp.ki_flag & KI_PROCDESC), "the holder's ki_flag %#x has "
	    "%#x", kp.ki_flag, KI_PROCDESC);
	SYS(kill(plain, SIGKILL));
	(void)tap_wait(plain);
	SYS(pdkill(fd, SIGKILL));
	SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
	SYS(close(fd));
	leak_end(&m, "kinfo_flag");
}

/* ---- bad fdp (Part 1 item 6, §9.9, §15.12) ---- */

static void
efault_body(void)
{
	static void *const bads[] = { BAD_NULL, BAD_KERNEL, BAD_UNMAPPED,
	    BAD_ABOVE, (void *)efault_body /* read-only text */ };
	struct leakmark m;
	int i, k, r;

	/* Warm up. */
	{
		int fd, st;

		(void)pd_child(&fd, 0, 0);
		SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
		SYS(close(fd));
	}
	leak_start(&m);
	for (i = 0; i < TAP_NCASES(bads); i++) {
		for (k = 0; k < 3; k++) {
			errno = 0;
			r = k == 0 ? pdfork(bads[i], 0) :
			    k == 1 ? pdrfork(bads[i], 0, RFPROC | RFPROCDESC |
			    RFFDG) : pdrfork(bads[i], 0, RFSPAWN);
			if (r == 0)
				_exit(0);	/* a child it should not have */
			check(r == -1 && errno == EFAULT, "%s(%p): %d errno "
			    "%d, want EFAULT", k == 0 ? "pdfork" : k == 1 ?
			    "pdrfork" : "pdrfork(RFSPAWN)", bads[i], r, errno);
			check(tap_sysctl_int("kern.nprocs") == m.nprocs,
			    "%s(%p) left a child behind: kern.nprocs %d, was "
			    "%d", k == 0 ? "pdfork" : "pdrfork", bads[i],
			    tap_sysctl_int("kern.nprocs"), m.nprocs);
			check(lowest_fd() == m.fd, "%s(%p) left a descriptor: "
			    "lowest free fd %d, was %d", k == 0 ? "pdfork" :
			    "pdrfork", bads[i], lowest_fd(), m.fd);
		}
	}
	check_errno(wait(NULL), ECHILD);
	leak_end(&m, "efault_fdp");
}

static void
t_efault_fdp(void)
{
	with_sysctls(0, efault_body);
}

/* ---- no leaks ---- */

#define	LEAK_ROUNDS	60

static void
leaks_body(void)
{
	struct leakmark m;
	pid_t pids[LEAK_ROUNDS * 3], pid;
	char seen[300];
	int i, k, n = 0, fd, st;

	for (i = 0; i < 4; i++) {
		(void)pd_child(&fd, 0, 0);
		SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
		SYS(close(fd));
	}
	leak_start(&m);
	for (i = 0; i < LEAK_ROUNDS; i++) {
		/* exit, pdwait, close */
		pids[n++] = pd_child(&fd, 0, 0);
		SYS(pdwait(fd, &st, WEXITED, NULL, NULL));
		SYS(close(fd));
		/* live, close (killed; init reaps) */
		pids[n++] = pd_child(&fd, PD_CLOEXEC, -1);
		SYS(close(fd));
		/* exit, close the zombie */
		pids[n++] = pd_child(&fd, 0, 0);
		wait_exited(fd);
		SYS(close(fd));
		/* bad fdp */
		check_errno(pdfork(BAD_UNMAPPED, 0), EFAULT);
	}
	leak_end(&m, "leaks");
	/* Every pid they had is free again: a full round hands each out. */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 700; i++) {
		pid = fork_reap();
		check(pid > 1 && pid < 300, "pid %d with pid_max 300", pid);
		seen[pid] = 1;
	}
	for (k = 0; k < n; k++)
		check(seen[pids[k]], "pid %d of a procdesc child never came "
		    "back (leaked in the pid bitmap?)", pids[k]);
}

static void
t_leaks(void)
{
	with_sysctls(300, leaks_body);
}

static const struct tap_case cases[] = {
	{ "basic", t_basic },
	{ "twice", t_twice },
	{ "ebadf", t_ebadf },
	{ "einval", t_einval },
	{ "efault1", t_efault1 },
	{ "efault2", t_efault2 },
	{ "efault3", t_efault3 },
	{ "pdkill_after_pdwait", t_pdkill_after_pdwait },
	{ "pdwait_after_waitpid", t_pdwait_after_waitpid },
	{ "pdrfork_basic", t_pdrfork_basic },
	{ "pdrfork_einval", t_pdrfork_einval },
	{ "child_gets_no_pidfd", t_child_gets_no_pidfd },
	{ "rfspawn", t_rfspawn },
	{ "wait_any", t_wait_any },
	{ "no_sigchld", t_no_sigchld },
	{ "exitsig", t_exitsig },
	{ "close_kills", t_close_kills },
	{ "close_last", t_close_last },
	{ "daemon", t_daemon },
	{ "close_zombie", t_close_zombie },
	{ "holder_exits", t_holder_exits },
	{ "sigchld_ignored", t_sigchld_ignored },
	{ "pid_not_recycled", t_pid_not_recycled },
	{ "passed_to_child", t_passed_to_child },
	{ "cloexec", t_cloexec },
	{ "pdkill", t_pdkill },
	{ "wnohang", t_wnohang },
	{ "stopped", t_stopped },
	{ "stop_wakes_pdwait", t_stop_wakes_pdwait },
	{ "poll", t_poll },
	{ "fstat", t_fstat },
	{ "readwrite", t_readwrite },
	{ "kinfo_flag", t_kinfo_flag },
	{ "efault_fdp", t_efault_fdp },
	{ "leaks", t_leaks },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
