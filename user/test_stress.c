/*
 * test_stress: the fork family racing itself.  Workers fork, vfork,
 * rfork with RFMEM, pdfork and __clone as fast as they can, with exits,
 * waits, kills and descriptor closes in between, for a bounded time;
 * then every process is reaped and the kernel's books must balance:
 * debug.invariants (pid bitmap, kern.nprocs, per-uid counts), the free
 * page count and kern.nprocs back where they started.  make test also
 * runs it at CPUS=4.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/procdesc.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define	STACK_SIZE	(16 * 4096)
#define	WORKERS		4
#define	STORM_MS	6000

static volatile long shared_hits;	/* written by RFMEM/CLONE_VM children */

static unsigned long
rnd(unsigned long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (*s);
}

static int
in_child(void *arg)
{
	__atomic_add_fetch(&shared_hits, 1, __ATOMIC_RELAXED);
	return ((int)(long)arg & 0x7f);
}

/* One random operation of the fork family, cleaned up before return. */
static long do_op(int kind, char *stack);
static long op_ms[7], op_n[7];

static long
one_op(unsigned long *seed, char *stack)
{
	int kind = rnd(seed) % 7;
	long t0 = tap_now_ms(), r = do_op(kind, stack);

	op_ms[kind] += tap_now_ms() - t0;
	op_n[kind]++;
	return (r);
}

static long
do_op(int kind, char *stack)
{
	pid_t pid;
	int fd, st;

	switch (kind) {
	case 0:		/* fork, exit at once */
		if ((pid = fork()) == 0)
			_exit(0);
		break;
	case 1:		/* vfork, exit at once */
		if ((pid = vfork()) == 0)
			_exit(0);
		break;
	case 2:		/* a thread-like child sharing memory */
		pid = rfork_thread(RFPROC | RFMEM, stack + STACK_SIZE,
		    in_child, (void *)3L);
		break;
	case 3:		/* __clone with its own stack */
		pid = __clone(in_child, stack + STACK_SIZE, CLONE_VM | SIGCHLD,
		    (void *)5L);
		break;
	case 4:		/* pdfork, then close: the child is killed */
		if ((pid = pdfork(&fd, 0)) == 0) {
			for (;;)
				sched_yield();
		}
		if (pid > 0)
			close(fd);
		return (pid > 0);	/* the reaper collects it */
	case 5:		/* pdfork, pdkill, pdwait */
		if ((pid = pdfork(&fd, 0)) == 0) {
			for (;;)
				sched_yield();
		}
		if (pid > 0) {
			pdkill(fd, SIGKILL);
			pdwait(fd, &st, WEXITED, NULL, NULL);
			close(fd);
		}
		return (pid > 0);
	default:	/* fork a sleeper and kill it */
		if ((pid = fork()) == 0) {
			pause();
			_exit(0);
		}
		if (pid > 0)
			kill(pid, SIGKILL);
		break;
	}
	if (pid > 0)
		(void)waitpid(pid, &st, 0);
	return (pid > 0);
}

/* A worker: operations until the deadline; exits with 0. */
static void
worker(int n, long deadline_ms)
{
	unsigned long seed = 0x9e3779b97f4a7c15UL * (n + 1);
	char *stack;
	long ops = 0, fails = 0;

	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (stack == MAP_FAILED)
		_exit(3);
	while (tap_now_ms() < deadline_ms) {
		if (one_op(&seed, stack))
			ops++;
		else
			fails++;
	}
	/* Whatever the pdfork closes handed to init is init's to reap. */
	printf("# worker %d: %ld operations, %ld refused; ms per kind:", n,
	    ops, fails);
	for (int k = 0; k < 7; k++)
		printf(" %ld/%ld", op_ms[k], op_n[k]);
	printf("\n");
	fflush(stdout);
	_exit(ops > 0 ? 0 : 4);
}

static int
zero_forkfsleep(void)
{
	int zero = 0, old = 500;
	size_t len = sizeof(old);

	SYS(sysctlbyname("kern.forkfsleep", &old, &len, &zero, sizeof(zero)));
	return (old);
}

static void
storm(uid_t uid)
{
	unsigned long before = tap_free_pages();
	int nprocs = tap_sysctl_int("kern.nprocs"), old, i, st;
	pid_t w[WORKERS];
	long deadline;

	old = zero_forkfsleep();
	deadline = tap_now_ms() + STORM_MS;
	for (i = 0; i < WORKERS; i++) {
		w[i] = tap_fork();
		if (w[i] == 0) {
			if (uid != 0) {
				struct rlimit rl = { 64, 64 };

				SYS(setrlimit(RLIMIT_NPROC, &rl));
				SYS(setuid(uid));
			}
			worker(i, deadline);
		}
	}
	for (i = 0; i < WORKERS; i++) {
		st = tap_wait(w[i]);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "worker %d: %s",
		    i, tap_status_str(st));
	}
	SYS(sysctlbyname("kern.forkfsleep", NULL, NULL, &old, sizeof(old)));
	/* Let init reap what the closes left it. */
	for (i = 0; i < 50 && tap_sysctl_int("kern.nprocs") != nprocs; i++)
		tap_sleep_ms(100);
	check(tap_sysctl_int("kern.nprocs") == nprocs, "kern.nprocs %d after "
	    "the storm, was %d", tap_sysctl_int("kern.nprocs"), nprocs);
	check(tap_sysctl_int("debug.invariants") == 0, "debug.invariants: "
	    "the process table disagrees with its books (see the console)");
	tap_check_free_pages(before, 64, "after the storm");
}

static void
t_storm_root(void)
{
	storm(0);
}

static void
t_storm_user(void)
{
	storm(1000);
}

static const struct tap_case cases[] = {
	{ "storm_root", t_storm_root },
	{ "storm_user", t_storm_user },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
