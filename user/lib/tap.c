/*
 * tap.c: the TAP harness of tap.h: runs named cases, each in a child of
 * its own, and prints `1..N`, `ok K - name` and `not ok K - name # why`.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define	TAP_LINE	512	/* longest line we print */
#define	TAP_SKIPPED	98	/* exit status: the case printed its SKIP */

static int tap_count;		/* plain TAP: results printed so far */
static int case_number;		/* K of the case this process runs */
static const char *case_name;	/* and its name */
static pid_t case_pid;		/* the process running the case, or 0 */

/*
 * Format into buf (newlines in the message become spaces, so a reason
 * stays on its `not ok` line) and write it with one write(2).
 */
static void
tap_write(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char buf[TAP_LINE];
	size_t n, i;

	n = strlen(prefix);
	if (n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	memcpy(buf, prefix, n);
	if (fmt != NULL) {
		vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
		for (i = n; buf[i] != '\0'; i++)
			if (buf[i] == '\n' || buf[i] == '\r')
				buf[i] = ' ';
		n = i;
	}
	if (suffix != NULL && n + strlen(suffix) < sizeof(buf) - 1) {
		strcpy(buf + n, suffix);
		n += strlen(suffix);
	}
	buf[n++] = '\n';
	(void)write(STDOUT_FILENO, buf, n);
}

static void
tap_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_write("", fmt, ap, NULL);
	va_end(ap);
}

void
tap_plan(int n)
{
	tap_printf("1..%d", n);
}

void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_write("# ", fmt, ap, NULL);
	va_end(ap);
}

int
ok(int cond, const char *name, const char *fmt, ...)
{
	char prefix[128];
	va_list ap;

	tap_count++;
	if (cond) {
		tap_printf("ok %d - %s", tap_count, name);
		return (1);
	}
	snprintf(prefix, sizeof(prefix), "not ok %d - %s # ", tap_count,
	    name);
	va_start(ap, fmt);
	tap_write(prefix, fmt, ap, NULL);
	va_end(ap);
	return (0);
}

/*
 * A failure inside a case: the case's own process prints its `not ok`
 * line; a process it forked prints a diagnostic and exits so that the
 * case's tap_wait_ok() sees TAP_CHILD_FAILED.
 */
static void __attribute__((noreturn))
tap_vfail(int line, const char *fmt, va_list ap)
{
	char prefix[160];

	if (case_pid != 0 && getpid() == case_pid) {
		if (line > 0)
			snprintf(prefix, sizeof(prefix),
			    "not ok %d - %s # line %d: ", case_number,
			    case_name, line);
		else
			snprintf(prefix, sizeof(prefix), "not ok %d - %s # ",
			    case_number, case_name);
		tap_write(prefix, fmt, ap, NULL);
		_exit(TAP_REPORTED);
	}
	snprintf(prefix, sizeof(prefix), "# %s (child %d) line %d: ",
	    case_name != NULL ? case_name : "?", getpid(), line);
	tap_write(prefix, fmt, ap, NULL);
	_exit(TAP_CHILD_FAILED);
}

void
tap_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vfail(0, fmt, ap);
	va_end(ap);
}

void
tap_check(int cond, int line, const char *fmt, ...)
{
	va_list ap;

	if (cond)
		return;
	va_start(ap, fmt);
	tap_vfail(line, fmt, ap);
	va_end(ap);
}

static void __attribute__((noreturn))
tap_fail_line(int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vfail(line, fmt, ap);
	va_end(ap);
}

void
tap_check_errno(long ret, int err, int line, const char *call,
    const char *errname)
{
	int e = errno;

	if (ret == -1 && e == err)
		return;
	if (ret == -1)
		tap_fail_line(line, "%s: want errno %s (%d), got errno %d (%s)",
		    call, errname, err, e, strerror(e));
	tap_fail_line(line, "%s: want -1 with errno %s, got %ld", call,
	    errname, ret);
}

long
tap_sys(long ret, int line, const char *call)
{
	int e = errno;

	if (ret == -1)
		tap_fail_line(line, "%s failed: errno %d (%s)", call, e,
		    strerror(e));
	return (ret);
}

void
tap_skip(const char *why)
{
	if (case_pid != 0 && getpid() == case_pid) {
		tap_printf("ok %d - %s # SKIP %s", case_number, case_name, why);
		_exit(TAP_SKIPPED);
	}
	_exit(0);
}

pid_t
tap_fork(void)
{
	pid_t pid;

	if ((pid = fork()) == -1)
		tap_fail("fork: errno %d (%s)", errno, strerror(errno));
	return (pid);
}

int
tap_wait(pid_t pid)
{
	int status;
	pid_t r;

	do {
		r = wait4(pid, &status, 0, NULL);
	} while (r == -1 && errno == EINTR);
	if (r != pid)
		tap_fail("wait4(%d) returned %d, errno %d (%s)", pid, r, errno,
		    strerror(errno));
	return (status);
}

const char *
tap_status_str(int status)
{
	static char buf[48];

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d",
		    WTERMSIG(status));
	else
		snprintf(buf, sizeof(buf), "status 0x%x", status);
	return (buf);
}

void
tap_wait_ok(pid_t pid)
{
	int status = tap_wait(pid);

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == TAP_CHILD_FAILED)
		tap_fail("child %d failed a check (the # line above says why)",
		    pid);
	tap_fail("child %d: %s, want exit 0", pid, tap_status_str(status));
}

int
tap_run(char *const argv[], char *const envp[], char *out, size_t outlen)
{
	size_t len = 0;
	ssize_t n;
	char junk[64];
	int fds[2];
	pid_t pid;

	if (pipe(fds) == -1)
		tap_fail("pipe: errno %d (%s)", errno, strerror(errno));
	pid = tap_fork();
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) == -1 ||
		    dup2(fds[1], STDERR_FILENO) == -1)
			_exit(126);
		if (fds[1] > STDERR_FILENO)
			close(fds[1]);
		execve(argv[0], argv, envp);
		dprintf(STDOUT_FILENO, "execve: errno %d\n", errno);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		if (len + 1 < outlen)
			n = read(fds[0], out + len, outlen - 1 - len);
		else
			n = read(fds[0], junk, sizeof(junk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (len + 1 < outlen)
			len += n;
	}
	close(fds[0]);
	if (outlen > 0)
		out[len] = '\0';
	return (tap_wait(pid));
}

void
tap_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

long
tap_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return (0);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

unsigned long
tap_free_pages(void)
{
	unsigned long v = 0;
	size_t len = sizeof(v);

	if (sysctlbyname("vm.stats.vm.v_free_count", &v, &len, NULL, 0) == -1)
		tap_fail("sysctl vm.stats.vm.v_free_count: errno %d (%s)",
		    errno, strerror(errno));
	if (len != sizeof(v))
		tap_fail("sysctl vm.stats.vm.v_free_count: length %lu, want %lu",
		    (unsigned long)len, (unsigned long)sizeof(v));
	return (v);
}

int
tap_sysctl_int(const char *name)
{
	size_t len = sizeof(int);
	int v = 0;

	if (sysctlbyname(name, &v, &len, NULL, 0) == -1)
		tap_fail("sysctl %s: errno %d (%s)", name, errno,
		    strerror(errno));
	if (len != sizeof(int))
		tap_fail("sysctl %s: length %lu, want %lu", name,
		    (unsigned long)len, (unsigned long)sizeof(int));
	return (v);
}

void
tap_check_free_pages(unsigned long before, unsigned long slack,
    const char *what)
{
	unsigned long now = 0;
	int i;

	/* A reaped child's pages may reach the free list a moment late. */
	for (i = 0; i < 50; i++) {
		now = tap_free_pages();
		if (now + slack >= before)
			return;
		tap_sleep_ms(100);
	}
	tap_fail("%s: %lu free pages before, %lu after: %ld lost (slack %lu)",
	    what, before, now, (long)(before - now), slack);
}

/*
 * Wait for the case's process, at most TAP_CASE_TIMEOUT seconds, polling
 * with WNOHANG.  Returns its status, or -1 if it timed out (and was
 * killed).
 */
static int
tap_wait_case(pid_t pid)
{
	long deadline = tap_now_ms() + TAP_CASE_TIMEOUT * 1000L;
	long nap = 1;
	int status;
	pid_t r;

	for (;;) {
		r = wait4(pid, &status, WNOHANG, NULL);
		if (r == pid)
			return (status);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			/* No WNOHANG?  Then wait without a deadline. */
			return (tap_wait(pid));
		}
		if (tap_now_ms() > deadline) {
			kill(pid, SIGKILL);
			(void)wait4(pid, &status, 0, NULL);
			return (-1);
		}
		tap_sleep_ms(nap);
		if (nap < 50)
			nap *= 2;
	}
}

/* Run one case in a child; returns 1 if it passed. */
static int
tap_run_case(const struct tap_case *c, int k)
{
	long start;
	pid_t pid;
	int status;

	start = tap_now_ms();
	pid = fork();
	if (pid == -1) {
		tap_printf("not ok %d - %s # fork for the case: errno %d (%s)",
		    k, c->name, errno, strerror(errno));
		return (0);
	}
	if (pid == 0) {
		case_pid = getpid();
		case_number = k;
		case_name = c->name;
		c->fn();
		_exit(0);
	}
	status = tap_wait_case(pid);
	if (tap_now_ms() - start > 5000)
		tap_diag("%s took %ld ms", c->name, tap_now_ms() - start);
	if (status == -1) {
		tap_printf("not ok %d - %s # timed out after %d s", k, c->name,
		    TAP_CASE_TIMEOUT);
		return (0);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		tap_printf("ok %d - %s", k, c->name);
		return (1);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == TAP_SKIPPED)
		return (1);
	if (WIFEXITED(status) && WEXITSTATUS(status) == TAP_REPORTED)
		return (0);
	tap_printf("not ok %d - %s # the case's process ended: %s", k,
	    c->name, tap_status_str(status));
	return (0);
}

/*
 * Before each case: give init a moment to reap what earlier cases left
 * it (orphans, children of SIGCHLD-ignoring parents), so that a case's
 * "before" counts are not taken in the middle of that.  Waits until
 * kern.nprocs stops falling, at most two seconds.
 */
static void
tap_settle(void)
{
	int last = -1, now, i;

	for (i = 0; i < 40; i++) {
		size_t len = sizeof(now);

		if (sysctlbyname("kern.nprocs", &now, &len, NULL, 0) != 0)
			return;
		if (now == last)
			return;
		last = now;
		tap_sleep_ms(50);
	}
}

int
tap_main(const struct tap_case *cases, int ncases, int argc, char **argv)
{
	int i, j, k, nsel, passed;
	int *sel;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		for (i = 0; i < ncases; i++)
			tap_printf("%s", cases[i].name);
		return (0);
	}
	if ((sel = malloc(sizeof(int) * (ncases + argc))) == NULL) {
		tap_printf("Bail out! out of memory");
		return (2);
	}
	nsel = 0;
	if (argc <= 1) {
		for (i = 0; i < ncases; i++)
			sel[nsel++] = i;
	}
	for (j = 1; j < argc; j++) {
		for (i = 0; i < ncases; i++)
			if (strcmp(argv[j], cases[i].name) == 0)
				break;
		if (i == ncases) {
			tap_printf("Bail out! no case named %s (%s -l lists "
			    "them)", argv[j], argv[0]);
			return (2);
		}
		sel[nsel++] = i;
	}
	tap_plan(nsel);
	passed = 0;
	for (k = 0; k < nsel; k++) {
		tap_settle();
		passed += tap_run_case(&cases[sel[k]], k + 1);
	}
	free(sel);
	return (passed == nsel ? 0 : 1);
}
