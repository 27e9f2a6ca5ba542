/*
 * forkbench: the fork benchmark (make bench runs it).
 *
 *	forkbench fork MIB N	fork + _exit + wait, N times, with MIB MiB
 *				of touched heap in the parent
 *	forkbench exec MIB N	fork + exec /bin/true + wait
 *
 * Prints one line: mode, MiB, N, microseconds per iteration, and the
 * pages copied per fork (vm.cow.copies, before and after).  Times come
 * from CLOCK_MONOTONIC, which reads the time CSR: it follows the host's
 * clock and cannot lose ticks.
 */
#include <sys/types.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static unsigned long
counter(const char *name)
{
	unsigned long v = 0;
	size_t len = sizeof(v);

	if (sysctlbyname(name, &v, &len, NULL, 0) != 0)
		return (0);
	return (v);
}

static long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000000L + ts.tv_nsec / 1000);
}

static void
one(int do_exec)
{
	char *argv[] = { "true", NULL };
	pid_t pid;
	int st;

	pid = fork();
	if (pid == -1) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		if (do_exec)
			execv("/bin/true", argv);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		fprintf(stderr, "forkbench: child failed\n");
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	long mib, n, i, t0, t1;
	unsigned long c0, c1;
	int do_exec;
	char *heap;

	if (argc != 4 || (strcmp(argv[1], "fork") != 0 &&
	    strcmp(argv[1], "exec") != 0)) {
		fprintf(stderr, "usage: forkbench fork|exec MIB N\n");
		return (2);
	}
	do_exec = strcmp(argv[1], "exec") == 0;
	mib = atol(argv[2]);
	n = atol(argv[3]);
	if (mib > 0) {
		if ((heap = sbrk(mib << 20)) == (char *)-1) {
			perror("sbrk");
			return (1);
		}
		for (i = 0; i < mib << 20; i += 4096)
			heap[i] = 1;
	}
	one(do_exec);		/* warm up */
	c0 = counter("vm.cow.copies");
	t0 = now_us();
	for (i = 0; i < n; i++)
		one(do_exec);
	t1 = now_us();
	c1 = counter("vm.cow.copies");
	printf("forkbench %s %ld MiB: %ld iterations, %ld us each, "
	    "%lu pages copied per fork\n", argv[1], mib, n, (t1 - t0) / n,
	    (c1 - c0) / n);
	return (0);
}
