/*
 * thelper_spawn.c: a helper for test_spawn (not a test itself).  Prints
 * one line describing what it inherited, for the test to compare:
 *
 *	pid=P pgid=G mask=M ign=I fds=F foo=V args=A
 *
 * M and I are hex sets of signals 1..31 (bit n-1 for signal n): the
 * blocked ones and the ignored ones; F the open descriptors 0..31 (bit n
 * for fd n); V getenv("FOO") or "-"; A the arguments after argv[0],
 * joined with ",".  Then, if the argument "cat" was given, it copies its
 * stdin to stdout.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sigaction sa;
	unsigned int mask = 0, ign = 0, fds = 0;
	sigset_t set;
	char buf[256], args[128] = "";
	const char *foo;
	ssize_t n;
	int i;

	sigprocmask(SIG_BLOCK, NULL, &set);
	for (i = 1; i < NSIG; i++) {
		if (sigismember(&set, i) == 1)
			mask |= 1U << (i - 1);
		if (sigaction(i, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			ign |= 1U << (i - 1);
	}
	for (i = 0; i < 32; i++)
		if (fcntl(i, F_GETFD, 0) != -1)
			fds |= 1U << i;
	foo = getenv("FOO");
	for (i = 1; i < argc; i++) {
		if (i > 1)
			strncat(args, ",", sizeof(args) - strlen(args) - 1);
		strncat(args, argv[i], sizeof(args) - strlen(args) - 1);
	}
	/* One write, so that a pipe reader gets the line whole. */
	snprintf(buf, sizeof(buf), "pid=%d pgid=%d mask=%x ign=%x fds=%x "
	    "foo=%s args=%s\n", getpid(), getpgrp(), mask, ign, fds,
	    foo != NULL ? foo : "-", args);
	(void)write(STDOUT_FILENO, buf, strlen(buf));
	if (argc > 1 && strcmp(argv[1], "cat") == 0)
		while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0)
			(void)write(STDOUT_FILENO, buf, n);
	return (0);
}
