/*
 * clonedemo.c: NetBSD's __clone(2), a tour.  Each child runs fn(arg) on
 * a stack we give it and exits with fn's return value.  The flags choose
 * what it shares; the low byte is the signal its parent gets at its exit.
 *
 *	$ clonedemo
 */
#include <sys/types.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024];	/* children run one at a time */
static volatile int counter;

static int
add_one(void *arg)
{
	counter++;
	return (counter);
}

/* Start add_one with flags, reap it, say what happened. */
static void
demo(const char *what, int flags)
{
	pid_t pid, r;
	int st;

	counter = 10;
	pid = __clone(add_one, stack + sizeof(stack), flags, NULL);
	if (pid == -1) {
		printf("%-38s __clone: %s\n", what, strerror(errno));
		return;
	}
	/* Only children with exit signal SIGCHLD are seen by plain waits. */
	r = waitpid(pid, &st, 0);
	if (r == -1)
		r = waitpid(pid, &st, __WALL);
	printf("%-38s child %d returned %d; our counter %d (%s)\n", what,
	    pid, WEXITSTATUS(st), counter, counter == 11 ? "shared memory" :
	    "memory copied");
}

int
main(void)
{
	signal(SIGUSR1, SIG_IGN);
	demo("SIGCHLD: like fork", SIGCHLD);
	demo("CLONE_VM | SIGCHLD: a thread", CLONE_VM | SIGCHLD);
	demo("CLONE_VFORK | SIGCHLD: 4.4BSD vfork", CLONE_VFORK | SIGCHLD);
	demo("CLONE_VFORK | CLONE_VM: vfork", CLONE_VFORK | CLONE_VM | SIGCHLD);
	demo("exit signal 0: needs __WALL", CLONE_VM);
	demo("exit signal SIGUSR1", CLONE_VM | SIGUSR1);
	demo("CLONE_SIGHAND without CLONE_VM", CLONE_SIGHAND | SIGCHLD);
	return (0);
}
