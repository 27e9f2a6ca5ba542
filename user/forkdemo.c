/*
 * forkdemo.c: what fork(2) does, step by step.  The child gets a copy of
 * the parent's memory and descriptors: its changes stay its own.  The
 * parent collects the child's exit status with waitpid(2).
 *
 *	$ forkdemo
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int counter = 100;	/* one variable, soon in two processes */

int
main(void)
{
	pid_t pid;
	int status;

	printf("parent: pid %d, counter = %d\n", getpid(), counter);
	/* Flush now, or the child would inherit (and print) our buffer too. */
	fflush(stdout);

	pid = fork();
	if (pid == -1) {
		perror("fork");
		return (1);
	}
	if (pid == 0) {
		/* The child: fork returned 0 here. */
		counter++;
		printf("child:  pid %d, parent %d, counter = %d (my copy)\n",
		    getpid(), getppid(), counter);
		exit(7);
	}

	/* The parent: fork returned the child's pid. */
	waitpid(pid, &status, 0);
	printf("parent: child %d exited with %d; my counter is still %d\n",
	    pid, WEXITSTATUS(status), counter);
	return (0);
}
