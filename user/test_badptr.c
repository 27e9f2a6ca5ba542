/*
 * test_badptr.c: every system call that takes a pointer, given a bad one,
 * fails with EFAULT: never a panic, never a killed caller, never a write
 * into the kernel.  The bad pointers:
 *
 *	NULL           page 0, never mapped
 *	kernel         0xffffffc080200000, the kernel's text in the direct map
 *	unmapped       a user address far above the heap, below the stack
 *	above user     VM_MAXUSER_ADDRESS itself, where Sv39 user space ends
 *	straddling     the last 2 bytes of the heap's last page, running
 *	               on into the unmapped page after it (for strings: 16
 *	               bytes with no NUL before the hole)
 *
 * NULL is skipped where BSD gives it a meaning (wait4's status and
 * rusage, sysctl's old buffer, length and new value, execve's envp).
 * Each case covers one call, in a child process, so that a caller killed
 * instead of given EFAULT fails that case alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define	PGSIZE	4096

/* Raw system call stubs (libc's wrappers would touch the pointers). */
int	__getcwd(char *buf, size_t buflen);
int	__sysctlbyname(const char *name, size_t namelen, void *oldp,
	    size_t *oldlenp, const void *newp, size_t newlen);

enum { NBAD = 5 };
static const char *const bad_name[NBAD] = {
	"NULL", "kernel", "unmapped", "above user", "straddling",
};
static char *bad[NBAD];
static char *straddle_str;	/* a string with no NUL before the hole */

/*
 * The straddling pointers: the heap's last page is mapped, the page
 * after it is not (the break is page aligned after our sbrk).
 */
static void
setup(void)
{
	char *cur = sbrk(0), *page;
	unsigned long pad;

	pad = (PGSIZE - ((unsigned long)cur % PGSIZE)) % PGSIZE;
	if (pad != 0)
		SYS(sbrk(pad));
	page = sbrk(PGSIZE);
	check(page != (char *)-1, "sbrk: errno %d", errno);
	memset(page, 'a', PGSIZE);
	bad[0] = NULL;
	bad[1] = (char *)0xffffffc080200000UL;
	bad[2] = (char *)0x2000000000UL;
	bad[3] = (char *)0x4000000000UL;
	bad[4] = page + PGSIZE - 2;	/* 2 bytes, then unmapped */
	straddle_str = page + PGSIZE - 16;
}

/*
 * Run fn(k) for each bad pointer k in a child of its own; the child
 * exits 0 if the call said EFAULT.  Fails the case on the first that
 * did not.
 */
static void
each_bad(void (*fn)(int k, const char *what))
{
	int k, st;
	pid_t pid;

	setup();
	for (k = 0; k < NBAD; k++) {
		pid = tap_fork();
		if (pid == 0) {
			fn(k, bad_name[k]);
			_exit(0);
		}
		st = tap_wait(pid);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		    "with the %s pointer: %s%s", bad_name[k],
		    tap_status_str(st),
		    WIFSIGNALED(st) ? " (killed instead of EFAULT)" :
		    " (see the # line above)");
	}
}

/* In a child of each_bad: want -1 and EFAULT from the call. */
#define	WANT_EFAULT(call, what) do {					\
	long r_;							\
	errno = 0;							\
	r_ = (long)(call);						\
	check(r_ == -1 && errno == EFAULT,				\
	    "%s with the %s pointer: returned %ld, errno %d, want "	\
	    "EFAULT", #call, (what), r_, errno);			\
} while (0)

/* The same, except for NULL, which means "none" for this argument. */
#define	WANT_EFAULT_NONNULL(k, call, what) do {				\
	if ((k) != 0)							\
		WANT_EFAULT(call, what);				\
} while (0)

/*
 * The unterminated string before the hole, filled afresh: a call that
 * failed with EFAULT may still have written the mapped bytes (as BSD's
 * copyout may), and a NUL there would end the string.
 */
static char *
straddle(void)
{
	memset(straddle_str, 'a', 16);
	return (straddle_str);
}

/* A path argument: the straddling case uses an unterminated string. */
static const char *
badpath(int k)
{
	return (k == 4 ? straddle() : bad[k]);
}

static void
do_open(int k, const char *w)
{
	WANT_EFAULT(open(badpath(k), O_RDONLY), w);
	WANT_EFAULT(open(badpath(k), O_CREAT | O_WRONLY, 0644), w);
}

static void
do_read(int k, const char *w)
{
	int fd = SYS(open("/badptr.data", O_RDONLY));

	WANT_EFAULT(read(fd, bad[k], 64), w);
}

static void
do_read_pipe(int k, const char *w)
{
	int p[2];

	SYS(pipe(p));
	SYS(write(p[1], "0123456789abcdef0123456789abcdef", 32));
	WANT_EFAULT(read(p[0], bad[k], 32), w);
}

static void
do_write(int k, const char *w)
{
	int fd = SYS(open("/badptr.out", O_CREAT | O_WRONLY | O_TRUNC, 0644));

	WANT_EFAULT(write(fd, bad[k], 64), w);
}

static void
do_write_pipe(int k, const char *w)
{
	int p[2];

	SYS(pipe(p));
	WANT_EFAULT(write(p[1], bad[k], 64), w);
}

static void
do_pipe2(int k, const char *w)
{
	int fd;

	WANT_EFAULT(pipe2((int *)bad[k], 0), w);
	/* The failed pipe2 must not leave descriptors behind. */
	fd = SYS(open("/", O_RDONLY));
	check(fd == 3, "after pipe2 failed, open gave fd %d, want 3: "
	    "descriptors leaked", fd);
}

static void
do_paths(int k, const char *w)
{
	const char *p = badpath(k);

	WANT_EFAULT(link(p, "/badptr.link"), w);
	WANT_EFAULT(link("/badptr.data", p), w);
	WANT_EFAULT(unlink(p), w);
	WANT_EFAULT(chdir(p), w);
	WANT_EFAULT(mkdir(p, 0755), w);
	WANT_EFAULT(rmdir(p), w);
	WANT_EFAULT(mknod(p, S_IFCHR | 0644, 0), w);
	WANT_EFAULT(chmod(p, 0644), w);
	WANT_EFAULT(chown(p, 0, 0), w);
}

static void
do_fstat(int k, const char *w)
{
	int fd = SYS(open("/badptr.data", O_RDONLY));
	struct stat sb;

	WANT_EFAULT(fstat(fd, (struct stat *)bad[k]), w);
	WANT_EFAULT(fstatat(AT_FDCWD, "/badptr.data", (struct stat *)bad[k],
	    0), w);
	WANT_EFAULT(fstatat(AT_FDCWD, badpath(k), &sb, 0), w);
}

static void
do_execve(int k, const char *w)
{
	char *good_argv[] = { "/bin/thelper_exec", "exit", "0", NULL };
	char *bad_argv[] = { "/bin/thelper_exec", bad[k], NULL };
	char *bad_envp[] = { "A=b", bad[k], NULL };
	char *envp[] = { NULL };

	if (k == 4) {
		bad_argv[1] = straddle();
		bad_envp[1] = straddle();
	}
	WANT_EFAULT(execve(badpath(k), good_argv, envp), w);
	WANT_EFAULT(execve("/bin/thelper_exec", (char **)bad[k], envp), w);
	WANT_EFAULT_NONNULL(k, execve("/bin/thelper_exec", good_argv,
	    (char **)bad[k]), w);
	/* A NULL element just ends the array. */
	WANT_EFAULT_NONNULL(k, execve("/bin/thelper_exec", bad_argv, envp), w);
	WANT_EFAULT_NONNULL(k, execve("/bin/thelper_exec", good_argv,
	    bad_envp), w);
}

static void
do_wait4(int k, const char *w)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	check(pid > 0, "fork: errno %d", errno);
	WANT_EFAULT_NONNULL(k, wait4(pid, (int *)bad[k], 0, NULL), w);
	(void)wait4(pid, NULL, 0, NULL);
}

static void
do_wait4_rusage(int k, const char *w)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	check(pid > 0, "fork: errno %d", errno);
	WANT_EFAULT_NONNULL(k, wait4(pid, NULL, 0, (struct rusage *)bad[k]),
	    w);
	(void)wait4(pid, NULL, 0, NULL);
}

static void
do_poll(int k, const char *w)
{
	WANT_EFAULT(poll((struct pollfd *)bad[k], 1, 0), w);
	WANT_EFAULT(poll((struct pollfd *)bad[k], 4, 0), w);
}

static void
do_clock(int k, const char *w)
{
	WANT_EFAULT(clock_gettime(CLOCK_MONOTONIC, (struct timespec *)bad[k]),
	    w);
	WANT_EFAULT(clock_gettime(CLOCK_REALTIME, (struct timespec *)bad[k]),
	    w);
}

static void
do_nanosleep(int k, const char *w)
{
	WANT_EFAULT(nanosleep((struct timespec *)bad[k], NULL), w);
}

static void
do_getcwd(int k, const char *w)
{
	/* A cwd longer than the 2 bytes before the hole. */
	SYS(chdir("/bin"));
	WANT_EFAULT(__getcwd(bad[k], 64), w);
}

static void
do_sysctl(int k, const char *w)
{
	const char *name = "kern.maxproc";
	size_t len = sizeof(int);
	int v;

	/* The name itself (longer than the 16 bytes before the hole). */
	WANT_EFAULT(__sysctlbyname(k == 4 ? straddle() : bad[k], 40, &v,
	    &len, NULL, 0), w);
	/* The buffer for the old value. */
	len = sizeof(int);
	WANT_EFAULT_NONNULL(k, __sysctlbyname(name, strlen(name), bad[k], &len,
	    NULL, 0), w);
	/* Its length. */
	WANT_EFAULT_NONNULL(k, __sysctlbyname(name, strlen(name), &v,
	    (size_t *)bad[k], NULL, 0), w);
	WANT_EFAULT_NONNULL(k, __sysctlbyname(name, strlen(name), NULL,
	    (size_t *)bad[k], NULL, 0), w);
	/* The new value (we are root: the write is allowed). */
	WANT_EFAULT_NONNULL(k, __sysctlbyname(name, strlen(name), NULL, NULL,
	    bad[k], sizeof(int)), w);
}

static void
t_open(void)
{
	each_bad(do_open);
}

static void
t_read(void)
{
	int fd = SYS(open("/badptr.data", O_CREAT | O_WRONLY | O_TRUNC,
	    0644));
	char buf[256];

	memset(buf, 'd', sizeof(buf));
	check(write(fd, buf, sizeof(buf)) == sizeof(buf), "write");
	close(fd);
	each_bad(do_read);
}

static void
t_read_pipe(void)
{
	each_bad(do_read_pipe);
}

static void
t_write(void)
{
	each_bad(do_write);
	unlink("/badptr.out");
}

static void
t_write_pipe(void)
{
	each_bad(do_write_pipe);
}

static void
t_pipe2(void)
{
	each_bad(do_pipe2);
}

static void
t_paths(void)
{
	int fd = SYS(open("/badptr.data", O_CREAT | O_WRONLY, 0644));

	close(fd);
	each_bad(do_paths);
}

static void
t_fstat(void)
{
	int fd = SYS(open("/badptr.data", O_CREAT | O_WRONLY, 0644));

	close(fd);
	each_bad(do_fstat);
}

static void
t_execve(void)
{
	each_bad(do_execve);
}

static void
t_wait4(void)
{
	each_bad(do_wait4);
}

static void
t_wait4_rusage(void)
{
	each_bad(do_wait4_rusage);
}

static void
t_poll(void)
{
	each_bad(do_poll);
}

static void
t_clock_gettime(void)
{
	each_bad(do_clock);
}

static void
t_nanosleep(void)
{
	each_bad(do_nanosleep);
}

static void
t_getcwd(void)
{
	each_bad(do_getcwd);
}

static void
t_sysctl(void)
{
	int before = tap_sysctl_int("kern.maxproc");

	each_bad(do_sysctl);
	check(tap_sysctl_int("kern.maxproc") == before, "kern.maxproc changed "
	    "from %d to %d by a write from a bad pointer", before,
	    tap_sysctl_int("kern.maxproc"));
}

/* After all that, the kernel still works. */
static void
t_still_works(void)
{
	char *argv[] = { "/bin/thelper_exec", "exit", "0", NULL };
	char *envp[] = { NULL };
	char buf[64];
	int st;

	st = tap_run(argv, envp, buf, sizeof(buf));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork+exec: %s",
	    tap_status_str(st));
	check(__getcwd(buf, sizeof(buf)) == 0 && strcmp(buf, "/") == 0,
	    "getcwd");
}

static const struct tap_case cases[] = {
	{ "open", t_open },
	{ "read", t_read },
	{ "read_pipe", t_read_pipe },
	{ "write", t_write },
	{ "write_pipe", t_write_pipe },
	{ "pipe2", t_pipe2 },
	{ "path_calls", t_paths },
	{ "fstat_fstatat", t_fstat },
	{ "execve", t_execve },
	{ "wait4_status", t_wait4 },
	{ "wait4_rusage", t_wait4_rusage },
	{ "poll", t_poll },
	{ "clock_gettime", t_clock_gettime },
	{ "nanosleep", t_nanosleep },
	{ "getcwd", t_getcwd },
	{ "sysctlbyname", t_sysctl },
	{ "still_works", t_still_works },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
