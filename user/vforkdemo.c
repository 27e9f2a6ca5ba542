/*
 * vforkdemo.c: what vfork(2) does.  The child borrows the parent's memory
 * (even its stack) and the parent sleeps until the child calls execve or
 * _exit.  So the child may only set variables, exec and _exit: it must
 * not return, call exit(3), or touch stdio.
 *
 *	$ vforkdemo
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

int
main(void)
{
	char *const argv[] = { "echo", "child: hello from echo, after exec",
	    NULL };
	volatile int shared = 1;	/* on the stack the child borrows */
	long t0;
	pid_t pid;
	int status;

	printf("parent: shared = %d, calling vfork\n", shared);
	fflush(stdout);
	t0 = now_ms();
	pid = vfork();
	if (pid == 0) {
		/* The child runs first; the parent is asleep meanwhile. */
		shared = 2;		/* the parent's own variable */
		usleep(500000);		/* the parent keeps sleeping */
		execve("/bin/echo", argv, NULL);
		_exit(127);		/* exec failed: _exit, never exit */
	}
	printf("parent: awake after %ld ms (the child napped 500 first)\n",
	    now_ms() - t0);
	printf("parent: shared = %d: the child wrote our memory\n", shared);
	waitpid(pid, &status, 0);
	printf("parent: child %d exited with %d\n", pid, WEXITSTATUS(status));
	return (0);
}
