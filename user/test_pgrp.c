/*
 * test_pgrp.c: process groups and sessions (getpgrp, setpgid, setsid,
 * getsid and their errors), orphans reparented to init or to a reaper
 * (procctl PROC_REAP_*), and the console's foreground process group.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/procctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <termios.h>
#include <unistd.h>

#define	WAIT_MS		5000	/* how long reparenting may take */
#define	NOPID		99998	/* a pid nobody has */
#define	KERNADDR	((void *)0xffffffc080200000UL)

/* A child that sleeps in a pipe read until *fdp is closed, then exits 0. */
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
		int fd;

		/* Hold no other sleeper's pipe open: close all but ours. */
		for (fd = 3; fd < 64; fd++)
			if (fd != ready[1] && fd != block[0])
				close(fd);
		(void)write(ready[1], "r", 1);
		while (read(block[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(ready[1]);
	close(block[0]);
	check(read(ready[0], &c, 1) == 1, "the sleeper did not start");
	close(ready[0]);
	*fdp = block[1];
	return (pid);
}

/* Wake a sleeper and reap it. */
static void
done(pid_t pid, int fd)
{
	close(fd);
	tap_wait_ok(pid);
}

/*
 * In a child: wait (at most WAIT_MS) until getppid() is want; returns
 * the last getppid().
 */
static pid_t
wait_ppid(pid_t want)
{
	long deadline = tap_now_ms() + WAIT_MS;
	pid_t pp;

	while ((pp = getppid()) != want && tap_now_ms() < deadline)
		tap_sleep_ms(5);
	return (pp);
}

static void
t_ids(void)
{
	pid_t pgrp = getpgrp(), sid = getsid(0), pid;
	int fd;

	check(pgrp > 0 && sid > 0, "getpgrp %d getsid %d", pgrp, sid);
	check(getpgid(0) == pgrp && getpgid(getpid()) == pgrp, "getpgid(0) "
	    "%d getpgid(self) %d, getpgrp %d", getpgid(0), getpgid(getpid()),
	    pgrp);
	check(getsid(getpid()) == sid, "getsid(self) %d, getsid(0) %d",
	    getsid(getpid()), sid);
	/* The case's process shares the test program's group and session. */
	check(getpgid(getppid()) == pgrp && getsid(getppid()) == sid,
	    "parent: pgid %d sid %d, ours %d %d", getpgid(getppid()),
	    getsid(getppid()), pgrp, sid);
	check(pgrp != getpid(), "the case's process leads its group");
	/* init leads its own session and group. */
	check(getpgid(1) == 1 && getsid(1) == 1, "init: pgid %d sid %d",
	    getpgid(1), getsid(1));
	pid = sleeper(&fd);
	check(getpgid(pid) == pgrp && getsid(pid) == sid, "a child: pgid %d "
	    "sid %d, want %d %d", getpgid(pid), getsid(pid), pgrp, sid);
	done(pid, fd);
	check_errno(getpgid(NOPID), ESRCH);
	check_errno(getsid(NOPID), ESRCH);
	check_errno(getpgid(pid), ESRCH);	/* reaped */
}

static void
t_setpgid(void)
{
	pid_t pgrp = getpgrp(), a, b, pid;
	int fda, fdb;

	/* A child makes itself a group leader. */
	pid = tap_fork();
	if (pid == 0) {
		SYS(setpgid(0, 0));
		check(getpgrp() == getpid(), "setpgid(0, 0): pgrp %d, pid %d",
		    getpgrp(), getpid());
		check(getsid(0) != getpid(), "setpgid made a session");
		_exit(0);
	}
	tap_wait_ok(pid);

	/* The parent moves its children: into a new group, then back. */
	a = sleeper(&fda);
	b = sleeper(&fdb);
	SYS(setpgid(a, 0));
	check(getpgid(a) == a, "setpgid(a, 0): pgid %d", getpgid(a));
	SYS(setpgid(b, a));
	check(getpgid(b) == a, "setpgid(b, a): pgid %d", getpgid(b));
	SYS(setpgid(b, pgrp));
	check(getpgid(b) == pgrp, "back: pgid %d", getpgid(b));
	SYS(setpgid(a, a));			/* already: no change */
	SYS(setpgid(0, pgrp));			/* ourselves, where we are */

	/* Errors. */
	check_errno(setpgid(a, -1), EINVAL);
	check_errno(setpgid(0, -5), EINVAL);
	check_errno(setpgid(NOPID, 0), ESRCH);
	check_errno(setpgid(1, 0), ESRCH);		/* not our child */
	check_errno(setpgid(getppid(), 0), ESRCH);
	check_errno(setpgid(b, NOPID), EPERM);		/* no such group */
	done(a, fda);
	done(b, fdb);
	check_errno(setpgid(a, 0), ESRCH);		/* gone */
}

static void
t_setpgid_exec(void)
{
	int in[2], out[2];
	pid_t pid;
	char c;

	SYS(pipe(in));
	SYS(pipe(out));
	pid = tap_fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execl("/bin/cat", "cat", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	/* cat echoing a byte proves the exec happened. */
	check(write(in[1], "x\n", 2) == 2, "write to cat");
	check(read(out[0], &c, 1) == 1 && c == 'x', "cat did not echo");
	check_errno(setpgid(pid, pid), EACCES);
	check_errno(setpgid(pid, 0), EACCES);
	close(in[1]);
	close(out[0]);
	tap_wait_ok(pid);
}

static void
t_setsid(void)
{
	pid_t pid, me = getpid(), mysid = getsid(0);
	int fds[2], hold[2], fd, st;
	pid_t other;
	char c;

	/* A group leader may not make a session. */
	pid = tap_fork();
	if (pid == 0) {
		SYS(setpgid(0, 0));
		check_errno(setsid(), EPERM);
		_exit(0);
	}
	tap_wait_ok(pid);

	/* Anyone else gets a new session and a new group, both its pid. */
	pid = tap_fork();
	if (pid == 0) {
		pid_t sid = setsid();

		check(sid == getpid(), "setsid returned %d, want %d", sid,
		    getpid());
		check(getsid(0) == getpid() && getpgrp() == getpid(), "after "
		    "setsid: sid %d pgrp %d, want %d", getsid(0), getpgrp(),
		    getpid());
		check(getsid(me) == mysid, "setsid changed the parent's "
		    "session");
		check_errno(setsid(), EPERM);		/* now a leader */
		check_errno(setpgid(0, 0), EPERM);	/* session leader */
		check_errno(setpgid(0, me), EPERM);
		_exit(0);
	}
	tap_wait_ok(pid);

	/*
	 * A child in another session: EPERM (POSIX, FreeBSD), and so is
	 * naming its group from ours.
	 */
	SYS(pipe(fds));
	SYS(pipe(hold));
	pid = tap_fork();
	if (pid == 0) {
		close(fds[0]);
		close(hold[1]);
		SYS(setsid());
		(void)write(fds[1], "s", 1);
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(fds[1]);
	close(hold[0]);
	check(read(fds[0], &c, 1) == 1, "child did not start");
	check(getsid(pid) == pid, "child's sid %d", getsid(pid));
	check_errno(setpgid(pid, 0), EPERM);
	check_errno(setpgid(pid, getpgrp()), EPERM);
	other = sleeper(&fd);
	check_errno(setpgid(other, pid), EPERM);	/* group elsewhere */
	check_errno(setpgid(0, pid), EPERM);
	done(other, fd);
	close(hold[1]);
	close(fds[0]);
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s",
	    tap_status_str(st));
}

static void
t_orphan_init(void)
{
	int fds[2];
	pid_t pid, r;

	SYS(pipe(fds));
	pid = tap_fork();
	if (pid == 0) {
		if (tap_fork() == 0) {
			tap_sleep_ms(50);
			r = wait_ppid(1);
			(void)write(fds[1], &r, sizeof(r));
			_exit(0);
		}
		_exit(0);
	}
	close(fds[1]);
	tap_wait_ok(pid);
	check(read(fds[0], &r, sizeof(r)) == sizeof(r), "the orphan did not "
	    "report");
	check(r == 1, "the orphan's parent is %d, want init (1)", r);
}

static void
reap_status(struct procctl_reaper_status *rs)
{
	memset(rs, 0xa5, sizeof(*rs));
	check(procctl(P_PID, getpid(), PROC_REAP_STATUS, rs) == 0,
	    "PROC_REAP_STATUS: errno %d", errno);
}

static void
t_reaper(void)
{
	struct procctl_reaper_status rs;
	int fds[2], go[2];
	pid_t me = getpid(), a, b, r;
	char c;

	/* Not a reaper yet: our reaper is init. */
	reap_status(&rs);
	check(!(rs.rs_flags & REAPER_STATUS_OWNED), "OWNED before acquire");
	check((rs.rs_flags & REAPER_STATUS_REALINIT) && rs.rs_reaper == 1,
	    "before acquire: flags 0x%x reaper %d, want REALINIT and 1",
	    rs.rs_flags, rs.rs_reaper);
	check_errno(procctl(P_PID, me, PROC_REAP_RELEASE, NULL), EINVAL);

	SYS(procctl(P_PID, me, PROC_REAP_ACQUIRE, NULL));
	check_errno(procctl(P_PID, 0, PROC_REAP_ACQUIRE, NULL), EBUSY);
	reap_status(&rs);
	check(rs.rs_flags & REAPER_STATUS_OWNED, "not OWNED: 0x%x",
	    rs.rs_flags);
	check(!(rs.rs_flags & REAPER_STATUS_REALINIT), "REALINIT though we "
	    "are the reaper");
	check(rs.rs_reaper == me, "rs_reaper %d, want ourselves %d",
	    rs.rs_reaper, me);
	check(rs.rs_children == 0 && rs.rs_descendants == 0 && rs.rs_pid == -1,
	    "no children: rs_children %u rs_descendants %u rs_pid %d",
	    rs.rs_children, rs.rs_descendants, rs.rs_pid);

	/* a forks b; a exits; b is ours. */
	SYS(pipe(fds));
	SYS(pipe(go));
	a = tap_fork();
	if (a == 0) {
		b = tap_fork();
		if (b == 0) {
			close(go[1]);
			(void)read(go[0], &c, 1);	/* until a is gone */
			r = wait_ppid(me);
			(void)write(fds[1], &r, sizeof(r));
			/* Stay until the reaper closes go. */
			while (read(go[0], &c, 1) > 0)
				;
			_exit(0);
		}
		(void)write(fds[1], &b, sizeof(b));
		(void)read(go[0], &c, 1);
		_exit(0);
	}
	check(read(fds[0], &b, sizeof(b)) == sizeof(b), "no pid from a");
	reap_status(&rs);
	check(rs.rs_children == 1 && rs.rs_descendants == 2 && rs.rs_pid == a,
	    "a and b alive: rs_children %u rs_descendants %u rs_pid %d, want "
	    "1, 2, %d", rs.rs_children, rs.rs_descendants, rs.rs_pid, a);
	check(write(go[1], "gg", 2) == 2, "write");	/* a exits, b goes on */
	tap_wait_ok(a);
	check(read(fds[0], &r, sizeof(r)) == sizeof(r), "no report from b");
	check(r == me, "the orphan's parent is %d, want the reaper %d", r, me);
	reap_status(&rs);
	check(rs.rs_children == 1 && rs.rs_descendants == 1 && rs.rs_pid == b,
	    "after a exited: rs_children %u rs_descendants %u rs_pid %d, want "
	    "1, 1, %d", rs.rs_children, rs.rs_descendants, rs.rs_pid, b);
	close(go[1]);
	tap_wait_ok(b);		/* b is our child now: we can wait for it */

	/* A descendant sees us as its reaper. */
	a = tap_fork();
	if (a == 0) {
		reap_status(&rs);
		check(!(rs.rs_flags & REAPER_STATUS_OWNED) && rs.rs_reaper ==
		    me, "in a child: flags 0x%x rs_reaper %d, want %d",
		    rs.rs_flags, rs.rs_reaper, me);
		_exit(0);
	}
	tap_wait_ok(a);

	SYS(procctl(P_PID, 0, PROC_REAP_RELEASE, NULL));
	reap_status(&rs);
	check(!(rs.rs_flags & REAPER_STATUS_OWNED) && rs.rs_reaper == 1,
	    "after release: flags 0x%x reaper %d", rs.rs_flags, rs.rs_reaper);
	check_errno(procctl(P_PID, 0, PROC_REAP_RELEASE, NULL), EINVAL);
	check_errno(procctl(P_PID, 0, PROC_REAP_STATUS, KERNADDR), EFAULT);
	check_errno(procctl(P_PID, 0, 9999, NULL), EINVAL);
	close(fds[0]);
	close(fds[1]);
}

/* A reaper's orphans go to its own reaper when it exits. */
static void
t_reaper_nested(void)
{
	int fds[2];
	pid_t me = getpid(), r2, r;

	SYS(procctl(P_PID, 0, PROC_REAP_ACQUIRE, NULL));
	SYS(pipe(fds));
	r2 = tap_fork();
	if (r2 == 0) {
		SYS(procctl(P_PID, 0, PROC_REAP_ACQUIRE, NULL));
		if (tap_fork() == 0) {
			r = wait_ppid(me);	/* after r2 exits */
			(void)write(fds[1], &r, sizeof(r));
			_exit(0);
		}
		_exit(0);
	}
	tap_wait_ok(r2);
	check(read(fds[0], &r, sizeof(r)) == sizeof(r), "no report");
	check(r == me, "the orphan of an exited reaper has parent %d, want "
	    "that reaper's reaper %d", r, me);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	check_errno(wait(NULL), ECHILD);
}

static void
t_tty(void)
{
	struct stat sb;
	pid_t fg, pid, pgrp = getpgrp();
	int fd, fds[2], hold[2];
	char c;

	SYS(pipe(fds));
	check_errno(tcgetpgrp(fds[0]), ENOTTY);
	check_errno(tcsetpgrp(fds[1], pgrp), ENOTTY);
	check_errno(ioctl(fds[0], TIOCGSID, &fd), ENOTTY);
	close(fds[0]);
	close(fds[1]);
	if (fstat(0, &sb) != 0 || !S_ISCHR(sb.st_mode))
		tap_skip("stdin is not the console");

	fg = tcgetpgrp(0);
	check(fg > 0, "tcgetpgrp(0): %d errno %d", fg, errno);
	check(fg == pgrp, "the foreground group is %d, want ours %d (the "
	    "shell should give its job the terminal)", fg, pgrp);
	check(tcgetsid(0) == getsid(0), "TIOCGSID: %d, our session %d",
	    tcgetsid(0), getsid(0));

	/* Hand the terminal to another group of our session, and back. */
	signal(SIGTTOU, SIG_IGN);	/* as a shell does (we don't send it) */
	pid = sleeper(&fd);
	SYS(setpgid(pid, pid));
	SYS(tcsetpgrp(0, pid));
	check(tcgetpgrp(0) == pid, "tcgetpgrp after tcsetpgrp: %d, want %d",
	    tcgetpgrp(0), pid);
	SYS(tcsetpgrp(0, fg));
	check(tcgetpgrp(0) == fg, "foreground not restored: %d", tcgetpgrp(0));
	check_errno(tcsetpgrp(0, NOPID), EPERM);
	check_errno(ioctl(0, TIOCSPGRP, KERNADDR), EFAULT);
	done(pid, fd);
	check_errno(tcsetpgrp(0, pid), EPERM);	/* the group is gone */

	/* Another session's group, or from another session: refused. */
	SYS(pipe(fds));
	SYS(pipe(hold));
	pid = tap_fork();
	if (pid == 0) {
		close(fds[0]);
		close(hold[1]);
		SYS(setsid());
		errno = 0;
		if (tcsetpgrp(0, getpgrp()) != -1 ||
		    (errno != EPERM && errno != ENOTTY))
			tap_fail("tcsetpgrp from another session: errno %d, "
			    "want EPERM (or ENOTTY)", errno);
		(void)write(fds[1], "s", 1);
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(fds[1]);
	close(hold[0]);
	check(read(fds[0], &c, 1) == 1, "the child failed (see above)");
	check_errno(tcsetpgrp(0, pid), EPERM);
	check(tcgetpgrp(0) == fg, "foreground changed to %d", tcgetpgrp(0));
	close(fds[0]);
	close(hold[1]);
	tap_wait_ok(pid);
}

static void
t_no_leak(void)
{
	unsigned long before = tap_free_pages();
	pid_t pids[10];
	int fds[10], i;

	for (i = 0; i < 10; i++) {
		pids[i] = sleeper(&fds[i]);
		SYS(setpgid(pids[i], i % 2 ? pids[i - 1] : pids[i]));
	}
	for (i = 0; i < 10; i++)
		done(pids[i], fds[i]);
	for (i = 0; i < 10; i++) {
		pid_t p = tap_fork();

		if (p == 0) {
			if (setsid() != getpid())
				_exit(1);
			_exit(0);
		}
		tap_wait_ok(p);
	}
	tap_check_free_pages(before, 8, "groups and sessions");
}

static const struct tap_case cases[] = {
	{ "ids", t_ids },
	{ "setpgid", t_setpgid },
	{ "setpgid_exec", t_setpgid_exec },
	{ "setsid", t_setsid },
	{ "orphan_init", t_orphan_init },
	{ "reaper", t_reaper },
	{ "reaper_nested", t_reaper_nested },
	{ "tty", t_tty },
	{ "no_leak", t_no_leak },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
