/*
 * init.c: process 1.  Opens the console as fds 0-2, sets up the
 * environment, then keeps a shell running and reaps every orphan that
 * the kernel hands to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t
startshell(void)
{
	char *argv[] = { "sh", NULL };
	pid_t pid;

	for (;;) {
		if ((pid = fork()) == 0) {
			execv("/bin/sh", argv);
			fprintf(stderr, "init: exec /bin/sh: %s\n",
			    strerror(errno));
			_exit(127);
		}
		if (pid > 0)
			return (pid);
		/* Out of processes: wait for some to go away, then retry. */
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		sleep(1);
	}
}

int
main(void)
{
	struct timespec started, now;
	pid_t shell, pid;
	int st;

	/* The kernel starts us with no descriptors at all. */
	if (open("/dev/console", O_RDWR) != 0)
		_exit(1);	/* nowhere to complain; the kernel will */
	dup(0);
	dup(0);
	setenv("PATH", "/bin:/", 1);
	setenv("HOME", "/", 1);

	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &started);
		shell = startshell();
		/* Anything but the shell is an orphan: just reap it. */
		while ((pid = wait(&st)) != shell)
			if (pid < 0 && errno != EINTR)
				break;
		/* A shell that dies at once would make us spin: slow down. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - started.tv_sec < 1)
			sleep(1);
	}
}
