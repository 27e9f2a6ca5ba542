/*
 * thelper_exec.c: a program the tests exec (not a test itself: the grader
 * runs only test_*).  It reports what it got, on stdout, in one write:
 *
 *	thelper_exec argv            argc, argv[], envp[], pid, ppid, ids
 *	thelper_exec fd N...         for each fd N: "fd N closed", or
 *	                             "fd N open <up to 32 bytes read from it>"
 *	thelper_exec exit N          exits with status N, printing nothing
 *	thelper_exec brk             the initial break, "brk 0x..."
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char out[8192];
static size_t outlen;

static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + outlen, sizeof(out) - outlen, fmt, ap);
	va_end(ap);
	if (n > 0)
		outlen += n;
	if (outlen > sizeof(out) - 1)
		outlen = sizeof(out) - 1;
}

static void
report_fd(int fd)
{
	char buf[33];
	ssize_t n;

	if (fcntl(fd, F_GETFD) == -1) {
		say("fd %d closed\n", fd);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	say("fd %d open %s\n", fd, buf);
}

int
main(int argc, char **argv, char **envp)
{
	int i;

	if (argc >= 2 && strcmp(argv[1], "exit") == 0)
		return (argc >= 3 ? atoi(argv[2]) : 0);
	if (argc >= 2 && strcmp(argv[1], "fd") == 0) {
		for (i = 2; i < argc; i++)
			report_fd(atoi(argv[i]));
	} else if (argc >= 2 && strcmp(argv[1], "brk") == 0) {
		say("brk %p\n", sbrk(0));
	} else {
		say("argc=%d\n", argc);
		for (i = 0; i < argc; i++)
			say("argv[%d]=%s\n", i, argv[i]);
		for (i = 0; envp != NULL && envp[i] != NULL; i++)
			say("env=%s\n", envp[i]);
		say("pid=%d ppid=%d\n", getpid(), getppid());
		say("uid=%u euid=%u gid=%u egid=%u\n", getuid(), geteuid(),
		    getgid(), getegid());
	}
	(void)write(STDOUT_FILENO, out, outlen);
	return (0);
}
