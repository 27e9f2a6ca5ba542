/*
 * forkbench: the fork benchmark (make bench runs it).
 *
 *	forkbench fork MIB N	fork + _exit + wait, N times, with MIB MiB
 *				of touched heap in the parent
 *	forkbench exec MIB N	fork + exec /bin/true + wait
 *	forkbench vfork MIB N	vfork + exec /bin/true + wait
 *	forkbench spawn MIB N	posix_spawn /bin/true + wait
 *
 * Prints one line: mode, MiB, N, microseconds per iteration, and the
 * pages copied per fork (vm.cow.copies, before and after).  Times come
 * from CLOCK_MONOTONIC, which reads the time CSR: it follows the host's
 * clock and cannot lose ticks.
 */
#include <sys/types.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <spawn.h>
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

enum mode { M_FORK, M_EXEC, M_VFORK, M_SPAWN };

static void
one(enum mode mode)
{
	char *argv[] = { "true", NULL };
	char *envp[] = { NULL };
	pid_t pid;
	int st, error;

	if (mode == M_SPAWN) {
		error = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, envp);
		if (error != 0) {
			fprintf(stderr, "posix_spawn: error %d\n", error);
			exit(1);
		}
	} else {
		pid = mode == M_VFORK ? vfork() : fork();
		if (pid == -1) {
			perror("fork");
			exit(1);
		}
		if (pid == 0) {
			if (mode != M_FORK)
				execve("/bin/true", argv, envp);
			_exit(0);
		}
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
	static const char *const names[] = { "fork", "exec", "vfork",
	    "spawn" };
	long mib, n, i, t0, t1;
	unsigned long c0, c1;
	enum mode mode;
	char *heap;

	for (mode = M_FORK; mode <= M_SPAWN; mode++)
		if (argc == 4 && strcmp(argv[1], names[mode]) == 0)
			break;
	if (mode > M_SPAWN) {
		fprintf(stderr, "usage: forkbench fork|exec|vfork|spawn MIB N\n");
		return (2);
	}
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
	one(mode);		/* warm up */
	c0 = counter("vm.cow.copies");
	t0 = now_us();
	for (i = 0; i < n; i++)
		one(mode);
	t1 = now_us();
	c1 = counter("vm.cow.copies");
	printf("forkbench %s %ld MiB: %ld iterations, %ld us each, "
	    "%lu pages copied per fork\n", argv[1], mib, n, (t1 - t0) / n,
	    (c1 - c0) / n);
	return (0);
}
