/*
 * test_spawn.c: posix_spawn(3) and posix_spawnp(3) over rfork(RFSPAWN)
 * (FORK.md §8): arguments and environment, errors returned (not -1) with
 * the failed child reaped, the PATH search, file actions in order, the
 * signal mask and default attributes, process groups, attribute and
 * file action argument checks, the vfork counter, and no leaks.  The
 * spawned program is thelper_spawn, which prints what it inherited.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	HELPER	"/bin/thelper_spawn"
#define	OUTFILE	"/spawn.out"

#define	SIGBIT(s)	(1U << ((s) - 1))

static char *const helper_argv[] = { "thelper_spawn", "a", "b", NULL };
static char *const foo_env[] = { "FOO=bar", NULL };

/* What thelper_spawn printed. */
struct report {
	int		pid, pgid;
	unsigned int	mask, ign, fds;
	char		foo[32], args[64];
};

/* Parse "key=value": the value after " key=" (or at the start). */
static const char *
field(const char *line, const char *key)
{
	const char *p = line;
	size_t n = strlen(key);

	for (;;) {
		if (strncmp(p, key, n) == 0 && p[n] == '=')
			return (p + n + 1);
		if ((p = strchr(p, ' ')) == NULL)
			tap_fail("no %s= in the helper's line: %s", key, line);
		p++;
	}
}

static void
parse(const char *line, struct report *r)
{
	const char *v;
	size_t n;

	r->pid = strtol(field(line, "pid"), NULL, 10);
	r->pgid = strtol(field(line, "pgid"), NULL, 10);
	r->mask = strtoul(field(line, "mask"), NULL, 16);
	r->ign = strtoul(field(line, "ign"), NULL, 16);
	r->fds = strtoul(field(line, "fds"), NULL, 16);
	v = field(line, "foo");
	n = strcspn(v, " \n");
	snprintf(r->foo, sizeof(r->foo), "%.*s", (int)n, v);
	v = field(line, "args");
	n = strcspn(v, " \n");
	snprintf(r->args, sizeof(r->args), "%.*s", (int)n, v);
}

/*
 * Spawn path (PATH search if usep) with the caller's file actions (or
 * none) followed by ours, which send its stdout into a pipe; read what
 * it prints, reap it, want exit 0.  Returns posix_spawn's result; on
 * success fills *r.
 */
static int
spawn_report(const char *path, int usep, posix_spawn_file_actions_t *fa,
    posix_spawnattr_t *attr, char *const argv[], char *const envp[],
    struct report *r)
{
	posix_spawn_file_actions_t mine;
	char out[512];
	size_t len = 0;
	ssize_t n;
	int p[2], err, st;
	pid_t pid = -1;

	SYS(pipe(p));
	if (fa == NULL) {
		check(posix_spawn_file_actions_init(&mine) == 0, "fa init");
		fa = &mine;
	}
	check(posix_spawn_file_actions_adddup2(fa, p[1], STDOUT_FILENO) == 0 &&
	    posix_spawn_file_actions_addclose(fa, p[0]) == 0 &&
	    posix_spawn_file_actions_addclose(fa, p[1]) == 0,
	    "adding file actions failed");
	if (usep)
		err = posix_spawnp(&pid, path, fa, attr, argv, envp);
	else
		err = posix_spawn(&pid, path, fa, attr, argv, envp);
	close(p[1]);
	if (err == 0) {
		check(pid > 0, "posix_spawn returned 0 and pid %d", pid);
		while (len < sizeof(out) - 1 &&
		    (n = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
			len += n;
		out[len] = '\0';
		st = tap_wait(pid);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: %s; said "
		    "\"%s\"", path, tap_status_str(st), out);
		parse(out, r);
		check(r->pid == pid, "helper is pid %d, posix_spawn said %d",
		    r->pid, pid);
	}
	close(p[0]);
	if (fa == &mine)
		posix_spawn_file_actions_destroy(&mine);
	return (err);
}

static void
t_basic(void)
{
	struct report r;
	int err;

	err = spawn_report(HELPER, 0, NULL, NULL, helper_argv, foo_env, &r);
	check(err == 0, "posix_spawn: %d (%s)", err, strerror(err));
	check(strcmp(r.args, "a,b") == 0, "args %s, want a,b", r.args);
	check(strcmp(r.foo, "bar") == 0, "FOO=%s, want bar", r.foo);
	check(r.fds == 0x7, "open fds 0x%x, want 0x7 (0, 1, 2)", r.fds);
	check(r.pgid == getpgrp(), "pgid %d, want ours %d", r.pgid,
	    getpgrp());
	check_errno(wait(NULL), ECHILD);
}

static void
t_exec_error(void)
{
	pid_t pid = 12345;
	int err, lastpid;

	lastpid = tap_sysctl_int("kern.lastpid");
	err = posix_spawn(&pid, "/no/such/program", NULL, NULL, helper_argv,
	    NULL);
	check(err == ENOENT, "posix_spawn of a missing file: %d, want ENOENT",
	    err);
	check(tap_sysctl_int("kern.lastpid") != lastpid, "no child was made "
	    "(the error must come from the child's execve)");
	check_errno(waitpid(-1, NULL, WNOHANG | __WALL), ECHILD);
	err = posix_spawn(&pid, "/", NULL, NULL, helper_argv, NULL);
	check(err != 0, "posix_spawn of a directory succeeded");
	check_errno(waitpid(-1, NULL, WNOHANG | __WALL), ECHILD);
}

static void
t_spawnp(void)
{
	struct report r;
	pid_t pid;
	int err;

	err = spawn_report("thelper_spawn", 1, NULL, NULL, helper_argv,
	    foo_env, &r);
	check(err == 0, "posix_spawnp(\"thelper_spawn\"): %d (%s)", err,
	    strerror(err));
	err = spawn_report(HELPER, 1, NULL, NULL, helper_argv, foo_env, &r);
	check(err == 0, "posix_spawnp(%s): %d", HELPER, err);
	err = posix_spawnp(&pid, "no_such_command_here", NULL, NULL,
	    helper_argv, NULL);
	check(err == ENOENT, "posix_spawnp of a missing command: %d", err);
	check_errno(waitpid(-1, NULL, WNOHANG | __WALL), ECHILD);
}

static void
t_file_actions(void)
{
	posix_spawn_file_actions_t fa;
	struct report r;
	char out[256];
	int fd, six, seven, err, st;
	ssize_t n;
	pid_t pid;

	/* Open onto 5, dup 5 to 1, close 5: output lands in OUTFILE. */
	(void)unlink(OUTFILE);
	six = SYS(dup2(STDOUT_FILENO, 6));
	seven = SYS(dup2(STDOUT_FILENO, 7));
	SYS(fcntl(seven, F_SETFD, FD_CLOEXEC));
	check(posix_spawn_file_actions_init(&fa) == 0, "init");
	check(posix_spawn_file_actions_addopen(&fa, 5, OUTFILE,
	    O_WRONLY | O_CREAT | O_TRUNC, 0644) == 0, "addopen");
	check(posix_spawn_file_actions_adddup2(&fa, 5, STDOUT_FILENO) == 0,
	    "adddup2");
	check(posix_spawn_file_actions_addclose(&fa, 5) == 0, "addclose");
	check(posix_spawn_file_actions_addclose(&fa, six) == 0, "addclose");
	/* dup2 onto itself clears close-on-exec. */
	check(posix_spawn_file_actions_adddup2(&fa, seven, seven) == 0,
	    "adddup2");
	err = posix_spawn(&pid, HELPER, &fa, NULL, helper_argv, NULL);
	check(err == 0, "posix_spawn: %d (%s)", err, strerror(err));
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "helper: %s",
	    tap_status_str(st));
	fd = SYS(open(OUTFILE, O_RDONLY));
	n = read(fd, out, sizeof(out) - 1);
	check(n > 0, "nothing in %s", OUTFILE);
	out[n] = '\0';
	close(fd);
	parse(out, &r);
	check(r.fds == (0x7 | 1U << seven), "open fds 0x%x, want 0x%x "
	    "(0-2 and %d; not 5 or %d)", r.fds, 0x7 | 1U << seven, seven,
	    six);
	check(fcntl(six, F_GETFD, 0) != -1 &&
	    fcntl(seven, F_GETFD, 0) == FD_CLOEXEC, "the file actions changed "
	    "the parent's descriptors");
	posix_spawn_file_actions_destroy(&fa);
	close(six);
	close(seven);
	(void)unlink(OUTFILE);
}

static void
t_action_errors(void)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int err;

	check(posix_spawn_file_actions_init(&fa) == 0, "init");
	check(posix_spawn_file_actions_addopen(&fa, 3, "/no/such/dir/file",
	    O_RDONLY, 0) == 0, "addopen");
	err = posix_spawn(&pid, HELPER, &fa, NULL, helper_argv, NULL);
	check(err == ENOENT, "a failing addopen: %d, want ENOENT", err);
	check_errno(waitpid(-1, NULL, WNOHANG | __WALL), ECHILD);
	posix_spawn_file_actions_destroy(&fa);

	(void)close(50);
	check(posix_spawn_file_actions_init(&fa) == 0, "init");
	check(posix_spawn_file_actions_adddup2(&fa, 50, 3) == 0, "adddup2");
	err = posix_spawn(&pid, HELPER, &fa, NULL, helper_argv, NULL);
	check(err == EBADF, "dup2 of a closed fd: %d, want EBADF", err);
	check_errno(waitpid(-1, NULL, WNOHANG | __WALL), ECHILD);
	/* Negative descriptors are refused when the action is added. */
	check(posix_spawn_file_actions_addopen(&fa, -1, "/", O_RDONLY, 0) ==
	    EBADF, "addopen(-1) not EBADF");
	check(posix_spawn_file_actions_adddup2(&fa, -1, 1) == EBADF &&
	    posix_spawn_file_actions_adddup2(&fa, 1, -1) == EBADF,
	    "adddup2(-1) not EBADF");
	check(posix_spawn_file_actions_addclose(&fa, -1) == EBADF,
	    "addclose(-1) not EBADF");
	posix_spawn_file_actions_destroy(&fa);
}

static void
t_sigmask(void)
{
	posix_spawnattr_t attr;
	struct report r;
	sigset_t set;
	int err;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	SYS(sigprocmask(SIG_BLOCK, &set, NULL));
	/* Inherited without the attribute. */
	err = spawn_report(HELPER, 0, NULL, NULL, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn: %d", err);
	check(r.mask & SIGBIT(SIGUSR2), "mask 0x%x lost SIGUSR2", r.mask);
	/* Replaced with it. */
	check(posix_spawnattr_init(&attr) == 0, "attr init");
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	check(posix_spawnattr_setsigmask(&attr, &set) == 0, "setsigmask");
	check(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK) == 0,
	    "setflags");
	err = spawn_report(HELPER, 0, NULL, &attr, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn: %d", err);
	check(r.mask == SIGBIT(SIGINT), "mask 0x%x, want 0x%x (SIGINT)",
	    r.mask, SIGBIT(SIGINT));
	SYS(sigprocmask(SIG_BLOCK, NULL, &set));
	check(sigismember(&set, SIGUSR2) == 1 && sigismember(&set, SIGINT) ==
	    0, "the child's mask changed the parent's");
	posix_spawnattr_destroy(&attr);
}

static void
t_sigdefault(void)
{
	posix_spawnattr_t attr;
	struct report r;
	sigset_t set;
	int err;

	signal(SIGUSR1, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	err = spawn_report(HELPER, 0, NULL, NULL, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn: %d", err);
	check((r.ign & (SIGBIT(SIGUSR1) | SIGBIT(SIGINT))) ==
	    (SIGBIT(SIGUSR1) | SIGBIT(SIGINT)), "ignored 0x%x: SIGINT and "
	    "SIGUSR1 should stay ignored across exec", r.ign);
	check(posix_spawnattr_init(&attr) == 0, "attr init");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check(posix_spawnattr_setsigdefault(&attr, &set) == 0,
	    "setsigdefault");
	check(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF) == 0,
	    "setflags");
	err = spawn_report(HELPER, 0, NULL, &attr, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn: %d", err);
	check(!(r.ign & SIGBIT(SIGUSR1)) && (r.ign & SIGBIT(SIGINT)),
	    "ignored 0x%x: want SIGINT only, SIGUSR1 back to default", r.ign);
	/* All of them: SIGKILL and SIGSTOP in the set are no error. */
	sigfillset(&set);
	check(posix_spawnattr_setsigdefault(&attr, &set) == 0,
	    "setsigdefault");
	err = spawn_report(HELPER, 0, NULL, &attr, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn with every signal default: %d", err);
	check(r.ign == 0, "ignored 0x%x, want none", r.ign);
	check(signal(SIGUSR1, SIG_IGN) == SIG_IGN, "the child's sigaction "
	    "changed the parent's");
	posix_spawnattr_destroy(&attr);
}

static void
t_pgroup(void)
{
	posix_spawnattr_t attr;
	struct report r;
	int err;

	check(posix_spawnattr_init(&attr) == 0, "attr init");
	check(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP) == 0,
	    "setflags");
	check(posix_spawnattr_setpgroup(&attr, 0) == 0, "setpgroup");
	err = spawn_report(HELPER, 0, NULL, &attr, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn: %d", err);
	check(r.pgid == r.pid, "SETPGROUP 0: pgid %d, want its pid %d",
	    r.pgid, r.pid);
	check(posix_spawnattr_setpgroup(&attr, getpgrp()) == 0, "setpgroup");
	err = spawn_report(HELPER, 0, NULL, &attr, helper_argv, NULL, &r);
	check(err == 0, "posix_spawn: %d", err);
	check(r.pgid == getpgrp(), "SETPGROUP ours: pgid %d, want %d",
	    r.pgid, getpgrp());
	/* A group that does not exist: setpgid fails in the child. */
	check(posix_spawnattr_setpgroup(&attr, 99998) == 0, "setpgroup");
	err = spawn_report(HELPER, 0, NULL, &attr, helper_argv, NULL, &r);
	check(err == EPERM, "SETPGROUP to no group: %d, want EPERM", err);
	check_errno(waitpid(-1, NULL, WNOHANG | __WALL), ECHILD);
	posix_spawnattr_destroy(&attr);
}

static void
t_attr_api(void)
{
	posix_spawnattr_t attr;
	sigset_t set, got;
	short flags;
	pid_t pg;

	check(posix_spawnattr_init(&attr) == 0, "attr init");
	check(posix_spawnattr_getflags(&attr, &flags) == 0 && flags == 0,
	    "fresh flags %d", flags);
	check(posix_spawnattr_setflags(&attr, 0x4000) == EINVAL,
	    "unknown flag accepted");
	check(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK) == 0, "setflags");
	check(posix_spawnattr_getflags(&attr, &flags) == 0 &&
	    flags == (POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK),
	    "flags %d", flags);
	check(posix_spawnattr_setpgroup(&attr, 7) == 0 &&
	    posix_spawnattr_getpgroup(&attr, &pg) == 0 && pg == 7,
	    "pgroup %d", pg);
	sigemptyset(&set);
	sigaddset(&set, 100);
	check(posix_spawnattr_setsigmask(&attr, &set) == 0 &&
	    posix_spawnattr_getsigmask(&attr, &got) == 0 &&
	    sigismember(&got, 100) == 1, "sigmask round trip");
	check(posix_spawnattr_setsigdefault(&attr, &set) == 0 &&
	    posix_spawnattr_getsigdefault(&attr, &got) == 0 &&
	    sigismember(&got, 100) == 1, "sigdefault round trip");
	check(posix_spawnattr_destroy(&attr) == 0, "destroy");
	check(POSIX_SPAWN_RESETIDS == 0x01 && POSIX_SPAWN_SETPGROUP == 0x02 &&
	    POSIX_SPAWN_SETSIGDEF == 0x10 && POSIX_SPAWN_SETSIGMASK == 0x20,
	    "flag values differ from FreeBSD's");
}

static void
t_returns_at_exec(void)
{
	char *const argv[] = { "sleep", "1.5", NULL };
	long t0, dt;
	pid_t pid;
	int err, st;

	/* The parent is released by the exec, not by the child's exit. */
	t0 = tap_now_ms();
	err = posix_spawn(&pid, "/bin/sleep", NULL, NULL, argv, NULL);
	dt = tap_now_ms() - t0;
	check(err == 0, "posix_spawn: %d", err);
	check(dt < 1000, "posix_spawn of sleep 1.5 took %ld ms: released "
	    "at the exit, not the exec?", dt);
	check(ft_proc_stat(pid) == SSLEEP || ft_proc_stat(pid) == SRUN,
	    "the child is not running sleep");
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sleep: %s",
	    tap_status_str(st));
}

static void
t_counter(void)
{
	unsigned long f, v, r;
	struct report rep;
	int err;

	f = ft_sysctl_ulong("vm.stats.vm.v_forks");
	v = ft_sysctl_ulong("vm.stats.vm.v_vforks");
	r = ft_sysctl_ulong("vm.stats.vm.v_rforks");
	err = spawn_report(HELPER, 0, NULL, NULL, helper_argv, NULL, &rep);
	check(err == 0, "posix_spawn: %d", err);
	check(ft_sysctl_ulong("vm.stats.vm.v_forks") == f &&
	    ft_sysctl_ulong("vm.stats.vm.v_vforks") == v + 1 &&
	    ft_sysctl_ulong("vm.stats.vm.v_rforks") == r, "posix_spawn moved "
	    "v_forks/v_vforks/v_rforks by %lu/%lu/%lu, want 0/1/0 (RFSPAWN)",
	    ft_sysctl_ulong("vm.stats.vm.v_forks") - f,
	    ft_sysctl_ulong("vm.stats.vm.v_vforks") - v,
	    ft_sysctl_ulong("vm.stats.vm.v_rforks") - r);
}

static void
t_leaks(void)
{
	char *const argv[] = { "true", NULL };
	unsigned long before;
	int i, nprocs, err, st;
	pid_t pid;

	err = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, NULL);
	check(err == 0, "posix_spawn: %d", err);
	tap_wait_ok(pid);
	before = tap_free_pages();
	nprocs = tap_sysctl_int("kern.nprocs");
	for (i = 0; i < 60; i++) {
		err = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, NULL);
		check(err == 0, "posix_spawn %d: %d", i, err);
		st = tap_wait(pid);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "true: %s",
		    tap_status_str(st));
		err = posix_spawn(&pid, "/no/such", NULL, NULL, argv, NULL);
		check(err == ENOENT, "posix_spawn %d: %d", i, err);
	}
	check(tap_sysctl_int("kern.nprocs") == nprocs, "kern.nprocs %d, "
	    "was %d", tap_sysctl_int("kern.nprocs"), nprocs);
	tap_check_free_pages(before, 4, "120 spawns");
}

static const struct tap_case cases[] = {
	{ "basic", t_basic },
	{ "exec_error", t_exec_error },
	{ "spawnp", t_spawnp },
	{ "file_actions", t_file_actions },
	{ "action_errors", t_action_errors },
	{ "sigmask", t_sigmask },
	{ "sigdefault", t_sigdefault },
	{ "pgroup", t_pgroup },
	{ "attr_api", t_attr_api },
	{ "returns_at_exec", t_returns_at_exec },
	{ "counter", t_counter },
	{ "leaks", t_leaks },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
