/*
 * forktest.h: helpers shared by the fork-family tests and demos
 * (test_rfork, test_vfork, test_clone, test_spawn, test_pid, test_limits,
 * rforkdemo, clonedemo): sysctl reads and writes, a guard-paged stack for
 * a child that shares our memory, and a look at another process's state.
 * Header-only (static inline), so each program stays one file to read.
 * Failures go through tap.h's check(), so include <tap.h> first.
 */
#ifndef _FORKTEST_H_
#define _FORKTEST_H_

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <sys/sysctl.h>
#include <sys/types.h>
#include <unistd.h>

#define	FT_PAGE		4096
#define	FT_STACK	(64 * 1024)	/* a child's private stack */

/* Write an int sysctl (root only); returns sysctlbyname's result. */
static inline int
ft_sysctl_set(const char *name, int v)
{
	return (sysctlbyname(name, NULL, NULL, &v, sizeof(v)));
}

/* Write an int sysctl that must accept the value. */
static inline void
ft_sysctl_set_ok(const char *name, int v)
{
	check(ft_sysctl_set(name, v) == 0, "sysctl %s=%d: errno %d (%s)",
	    name, v, errno, strerror(errno));
}

/* An unsigned long sysctl, e.g. vm.stats.vm.v_forks. */
static inline unsigned long
ft_sysctl_ulong(const char *name)
{
	unsigned long v = 0;
	size_t len = sizeof(v);

	check(sysctlbyname(name, &v, &len, NULL, 0) == 0,
	    "sysctl %s: errno %d (%s)", name, errno, strerror(errno));
	check(len == sizeof(v), "sysctl %s: length %lu, want %lu", name,
	    (unsigned long)len, (unsigned long)sizeof(v));
	return (v);
}

/*
 * The top of a fresh FT_STACK-byte stack with an unmapped page below it,
 * so that a child overflowing it faults instead of writing over our heap.
 * Never freed: each use is in a short-lived case process.
 */
static inline void *
ft_stack(void)
{
	char *p;

	p = mmap(NULL, FT_STACK + FT_PAGE, PROT_READ | PROT_WRITE,
	    MAP_ANON | MAP_PRIVATE, -1, 0);
	check(p != MAP_FAILED, "mmap of a stack: errno %d", errno);
	check(munmap(p, FT_PAGE) == 0, "munmap of the guard page: errno %d",
	    errno);
	return (p + FT_PAGE + FT_STACK);
}

/* One guard-paged stack per process, reused by children run one at a time. */
static inline void *
ft_stack_top(void)
{
	static void *top;

	if (top == NULL)
		top = ft_stack();
	return (top);
}

/* Is fd open? */
static inline int
ft_isopen(int fd)
{
	return (fcntl(fd, F_GETFD, 0) != -1);
}

/*
 * Walk fork1's unwinding with debug.fail_point.fork_page_alloc: for
 * N = 0, 1, ... make page allocation N of the next fork fail; each such
 * fork must fail with ENOMEM and give back every page and its process
 * slot.  Stops at the first fork that gets all it needs (its child is
 * reaped), or after max tries.  Returns how many forks failed; *pidp is
 * the last fork's result (> 0 once one succeeded).
 */
static inline int
ft_fork_unwind_walk(int max, pid_t *pidp)
{
	unsigned long before;
	int n, nprocs, failures = 0;
	pid_t pid = -1;

	for (n = 0; n < max; n++) {
		before = tap_free_pages();
		nprocs = tap_sysctl_int("kern.nprocs");
		SYS(sysctlbyname("debug.fail_point.fork_page_alloc", NULL, NULL,
		    &n, sizeof(n)));
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid > 0) {
			tap_wait_ok(pid);
			break;
		}
		failures++;
		check(errno == ENOMEM, "allocation %d failed: fork gave errno "
		    "%d, want ENOMEM", n, errno);
		check(tap_sysctl_int("kern.nprocs") == nprocs, "allocation %d "
		    "failed: kern.nprocs %d, was %d", n,
		    tap_sysctl_int("kern.nprocs"), nprocs);
		tap_check_free_pages(before, 0, "a fork that failed");
	}
	*pidp = pid;
	return (failures);
}

/*
 * The process table (kern.proc.all) in a malloc'd array; *np entries.
 * The caller frees it.
 */
static inline struct kinfo_proc *
ft_procs(size_t *np)
{
	struct kinfo_proc *kp = NULL;
	size_t len;
	int tries;

	for (tries = 0; tries < 5; tries++) {
		check(sysctlbyname("kern.proc.all", NULL, &len, NULL, 0) == 0,
		    "sysctl kern.proc.all: errno %d", errno);
		len += 16 * sizeof(*kp);
		free(kp);
		kp = malloc(len);
		check(kp != NULL, "malloc(%lu) failed", (unsigned long)len);
		if (sysctlbyname("kern.proc.all", kp, &len, NULL, 0) == 0) {
			*np = len / sizeof(*kp);
			return (kp);
		}
		check(errno == ENOMEM, "sysctl kern.proc.all: errno %d",
		    errno);
	}
	tap_fail("kern.proc.all kept growing");
}

/* pid's ki_stat (SSLEEP, SRUN, ...), or 0 if there is no such process. */
static inline int
ft_proc_stat(pid_t pid)
{
	struct kinfo_proc *kp;
	size_t i, n;
	int stat = 0;

	kp = ft_procs(&n);
	for (i = 0; i < n; i++)
		if (kp[i].ki_pid == pid)
			stat = kp[i].ki_stat;
	free(kp);
	return (stat);
}

/*
 * Set kern.forkfsleep to 0 (root), so that failing forks do not pause
 * half a second each; returns the old value, to restore with
 * ft_sysctl_set_ok("kern.forkfsleep", old).
 */
static inline int
ft_nosleep(void)
{
	int old = tap_sysctl_int("kern.forkfsleep");

	ft_sysctl_set_ok("kern.forkfsleep", 0);
	return (old);
}

#endif /* !_FORKTEST_H_ */
