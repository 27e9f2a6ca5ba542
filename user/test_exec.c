/*
 * test_exec.c: execve: argv and envp arrive intact; ENOENT, ENOTDIR,
 * EACCES, ENOEXEC and E2BIG leave the caller running; the pid, the parent
 * and open descriptors (and their offsets) survive an exec; no pages lost.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	HELPER	"/bin/thelper_exec"

static char out[8192];

/* Run the helper; want exit 0; its output in out. */
static void
run_helper(char *const argv[], char *const envp[])
{
	int st = tap_run(argv, envp, out, sizeof(out));

	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s %s: %s; it said: %s",
	    argv[0], argv[1] ? argv[1] : "", tap_status_str(st), out);
}

/* Want this line in the helper's output. */
static void
want_line(const char *line)
{
	char *p = out;
	size_t n = strlen(line);

	for (;;) {
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return;
		if ((p = strchr(p, '\n')) == NULL)
			break;
		p++;
	}
	tap_fail("no line \"%s\" in the helper's output: %s", line, out);
}

static void
t_argv_envp(void)
{
	char *argv[] = { HELPER, "argv", "one", "", "three words",
		"a-much-longer-argument-to-cross-a-word-boundary-01234567",
		NULL };
	char *envp[] = { "HOME=/", "PATH=/bin", "EMPTY=", "X=y=z", NULL };
	char line[128];
	int i;

	run_helper(argv, envp);
	want_line("argc=6");
	for (i = 0; argv[i] != NULL; i++) {
		snprintf(line, sizeof(line), "argv[%d]=%s", i, argv[i]);
		want_line(line);
	}
	for (i = 0; envp[i] != NULL; i++) {
		snprintf(line, sizeof(line), "env=%s", envp[i]);
		want_line(line);
	}
}

static void
t_empty_env(void)
{
	char *argv[] = { HELPER, "argv", NULL };
	char *envp[] = { NULL };

	run_helper(argv, envp);
	want_line("argc=2");
	check(strstr(out, "env=") == NULL, "an empty envp gave: %s", out);
}

static void
t_many_args(void)
{
	char *argv[40], bufs[40][16], line[64];
	char *envp[] = { NULL };
	int i;

	argv[0] = HELPER;
	argv[1] = "argv";
	for (i = 2; i < 39; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "arg%d", i);
		argv[i] = bufs[i];
	}
	argv[39] = NULL;
	run_helper(argv, envp);
	want_line("argc=39");
	for (i = 2; i < 39; i++) {
		snprintf(line, sizeof(line), "argv[%d]=arg%d", i, i);
		want_line(line);
	}
}

static void
want_exec_error(const char *path, int err, const char *errname)
{
	char *argv[] = { (char *)path, "exit", "0", NULL };
	char *envp[] = { NULL };
	static volatile int canary;
	int e;

	canary = 12345;
	errno = 0;
	check(execve(path, argv, envp) == -1, "execve(%s) returned", path);
	e = errno;
	check(e == err, "execve(%s): errno %d (%s), want %s (%d)", path, e,
	    strerror(e), errname, err);
	/* The failed exec left us intact. */
	check(canary == 12345, "memory changed by a failed exec");
}

static void
t_enoent(void)
{
	want_exec_error("/no/such/program", ENOENT, "ENOENT");
	want_exec_error("/bin/no_such_program", ENOENT, "ENOENT");
	want_exec_error("", ENOENT, "ENOENT");
}

static void
t_enotdir(void)
{
	int fd = SYS(open("/exec.file", O_CREAT | O_WRONLY | O_TRUNC, 0755));

	close(fd);
	want_exec_error("/exec.file/x", ENOTDIR, "ENOTDIR");
	unlink("/exec.file");
}

/* Copy the helper to path with the given mode. */
static void
copy_helper(const char *path, int mode)
{
	static char buf[4096];
	int in, fd;
	ssize_t n;

	in = SYS(open(HELPER, O_RDONLY));
	unlink(path);
	fd = SYS(open(path, O_CREAT | O_WRONLY | O_TRUNC, mode));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		check(write(fd, buf, n) == n, "copy: write errno %d", errno);
	check(n == 0, "copy: read errno %d", errno);
	close(in);
	close(fd);
	SYS(chmod(path, mode));
}

static void
t_eacces(void)
{
	char *argv[] = { "/exec.copy", "exit", "3", NULL };
	char *envp[] = { NULL };
	int st;

	/* Not even root may run a file with no execute bit. */
	copy_helper("/exec.noexec", 0644);
	want_exec_error("/exec.noexec", EACCES, "EACCES");
	want_exec_error("/bin", EACCES, "EACCES");	/* a directory */
	unlink("/exec.noexec");
	/* The same bytes with an x bit run. */
	copy_helper("/exec.copy", 0755);
	st = tap_run(argv, envp, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 3, "the copy with mode "
	    "0755: %s (%s)", tap_status_str(st), out);
	unlink("/exec.copy");
}

static void
write_file(const char *path, const void *data, size_t len, int mode)
{
	int fd;

	unlink(path);
	fd = SYS(open(path, O_CREAT | O_WRONLY | O_TRUNC, mode));
	check(write(fd, data, len) == (ssize_t)len, "write %s", path);
	close(fd);
	SYS(chmod(path, mode));
}

static void
t_enoexec(void)
{
	static const char elf_head[] = "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0";
	static char junk[4096];
	int i;

	for (i = 0; i < (int)sizeof(junk); i++)
		junk[i] = (char)(i * 37 + 11);
	write_file("/exec.junk", junk, sizeof(junk), 0755);
	want_exec_error("/exec.junk", ENOEXEC, "ENOEXEC");
	/* A truncated ELF header. */
	write_file("/exec.short", elf_head, sizeof(elf_head) - 1, 0755);
	want_exec_error("/exec.short", ENOEXEC, "ENOEXEC");
	/* An empty file. */
	write_file("/exec.empty", "", 0, 0755);
	want_exec_error("/exec.empty", ENOEXEC, "ENOEXEC");
	unlink("/exec.junk");
	unlink("/exec.short");
	unlink("/exec.empty");
}

static void
t_e2big(void)
{
	char *argv[] = { HELPER, "argv", NULL, NULL };
	char *envp[] = { NULL };
	size_t len = 80 * 1024;		/* more than ARG_MAX (64 KiB) */
	char *big = malloc(len + 1);

	check(big != NULL, "malloc");
	memset(big, 'x', len);
	big[len] = '\0';
	argv[2] = big;
	check_errno(execve(HELPER, argv, envp), E2BIG);
	free(big);
}

static void
t_keeps_pid(void)
{
	char *argv[] = { HELPER, "argv", NULL };
	char *envp[] = { NULL };
	char line[64];
	int p[2], st;
	size_t len = 0;
	pid_t pid;
	ssize_t n;

	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		execve(HELPER, argv, envp);
		_exit(127);
	}
	close(p[1]);
	while (len < sizeof(out) - 1 &&
	    (n = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "helper: %s",
	    tap_status_str(st));
	snprintf(line, sizeof(line), "pid=%d ppid=%d", pid, getpid());
	want_line(line);
	close(p[0]);
}

static void
t_keeps_fds(void)
{
	char *argv[] = { HELPER, "fd", "5", "6", "7", NULL };
	char *envp[] = { NULL };
	int fd;

	fd = SYS(open("/exec.fds", O_CREAT | O_RDWR | O_TRUNC, 0644));
	check(write(fd, "0123456789", 10) == 10, "write");
	SYS(dup2(fd, 5));
	SYS(dup2(fd, 6));
	close(fd);
	SYS(lseek(5, 4, SEEK_SET));		/* shared by 5 and 6 */
	close(7);
	run_helper(argv, envp);
	/* fd 5 reads from offset 4 to the end; 6 shares the offset. */
	want_line("fd 5 open 456789");
	want_line("fd 6 open ");
	want_line("fd 7 closed");
	check(lseek(5, 0, SEEK_CUR) == 10, "the exec'd program's reads did "
	    "not move our shared offset: %ld", (long)lseek(5, 0, SEEK_CUR));
	close(5);
	close(6);
	unlink("/exec.fds");
}

static void
t_exit_status(void)
{
	char *argv[] = { HELPER, "exit", "42", NULL };
	char *envp[] = { NULL };
	int st = tap_run(argv, envp, out, sizeof(out));

	check(WIFEXITED(st) && WEXITSTATUS(st) == 42, "helper exit 42: %s",
	    tap_status_str(st));
}

static void
t_no_leak(void)
{
	char *argv[] = { HELPER, "exit", "0", NULL };
	char *envp[] = { NULL };
	unsigned long before = 0;
	int i, st;

	for (i = 0; i < 23; i++) {
		if (i == 3)
			before = tap_free_pages();
		st = tap_run(argv, envp, out, sizeof(out));
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "run %d: %s", i,
		    tap_status_str(st));
	}
	tap_check_free_pages(before, 8, "20 fork+exec+exit");
	/* Failed execs must give back what they took, too. */
	before = tap_free_pages();
	for (i = 0; i < 20; i++)
		check_errno(execve("/bin", argv, envp), EACCES);
	write_file("/exec.leak", "\177ELF", 4, 0755);
	for (i = 0; i < 20; i++)
		check_errno(execve("/exec.leak", argv, envp), ENOEXEC);
	unlink("/exec.leak");
	tap_check_free_pages(before, 8, "40 failed execs");
}

static const struct tap_case cases[] = {
	{ "argv_envp", t_argv_envp },
	{ "empty_env", t_empty_env },
	{ "many_args", t_many_args },
	{ "exit_status", t_exit_status },
	{ "enoent", t_enoent },
	{ "enotdir", t_enotdir },
	{ "eacces", t_eacces },
	{ "enoexec", t_enoexec },
	{ "e2big", t_e2big },
	{ "keeps_pid", t_keeps_pid },
	{ "keeps_fds", t_keeps_fds },
	{ "no_leak", t_no_leak },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
