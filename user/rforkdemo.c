/*
 * rforkdemo.c: rfork(2) with the flags you name, and what the child then
 * shares with its parent.
 *
 *	$ rforkdemo RFPROC                  fd table and cwd shared, memory not
 *	$ rforkdemo RFPROC RFFDG            an ordinary fork
 *	$ rforkdemo RFPROC RFMEM RFSIGSHARE almost a thread
 *	$ rforkdemo RFPROC RFCFDG           the child starts with no descriptors
 *	$ rforkdemo RFPROC RFTSIGZMB 31     exit signal 31 (SIGUSR2), not SIGCHLD
 *	$ rforkdemo RFSPAWN                 vfork-like: we sleep until it exits
 *	$ rforkdemo RFFDG                   no RFPROC: changes this process only
 *
 * A number after RFTSIGZMB is its signal (RFTSIGFLAGS).  The child
 * changes four things: a variable, a descriptor (closes it), the current
 * directory and the action of SIGWINCH; then the parent looks at its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define	DIR	"/rforkdemo.d"

static const struct {
	const char	*name;
	int		flag;
} names[] = {
	{ "RFPROC", RFPROC }, { "RFFDG", RFFDG }, { "RFCFDG", RFCFDG },
	{ "RFMEM", RFMEM }, { "RFNOWAIT", RFNOWAIT },
	{ "RFSIGSHARE", RFSIGSHARE }, { "RFTHREAD", RFTHREAD },
	{ "RFLINUXTHPN", RFLINUXTHPN }, { "RFTSIGZMB", RFTSIGZMB },
	{ "RFSPAWN", (int)RFSPAWN },
};

static volatile int word = 1;	/* shared only with RFMEM (or RFSPAWN) */
static int testfd;		/* closed by the child */
static char stack[64 * 1024];	/* the child's stack, for rfork_thread */

static void
handler(int sig)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "parent: got signal %d\n", sig);
	write(STDOUT_FILENO, buf, strlen(buf));
}

/* The handler the child installs, to see whether signal actions are shared. */
static void
probe(int sig)
{
}

/* The child's life: change things, report (if it still has fd 1). */
static int
child(void *arg)
{
	struct sigaction sa;

	word = 2;
	close(testfd);
	chdir(DIR);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = probe;
	sigaction(SIGWINCH, &sa, NULL);
	dprintf(STDOUT_FILENO, "child:  pid %d, parent %d\n", getpid(),
	    getppid());
	return (0);
}

static int
parse(int argc, char **argv)
{
	int flags = 0, i, j;

	for (i = 1; i < argc; i++) {
		for (j = 0; j < (int)(sizeof(names) / sizeof(names[0])); j++)
			if (strcmp(argv[i], names[j].name) == 0)
				break;
		if (j < (int)(sizeof(names) / sizeof(names[0])))
			flags |= names[j].flag;
		else if (argv[i][0] >= '0' && argv[i][0] <= '9')
			flags |= RFTSIGFLAGS(atoi(argv[i]));	/* a signal */
		else {
			fprintf(stderr, "rforkdemo: unknown flag %s\n",
			    argv[i]);
			exit(2);
		}
	}
	return (flags);
}

static void
show(const char *what, int shared)
{
	printf("  %-16s %s\n", what, shared ? "SHARED with the child" :
	    "private (the child changed its own copy)");
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	char cwd[PATH_MAX];
	int flags, st, exitsig;
	pid_t pid, r;

	if (argc < 2) {
		fprintf(stderr, "usage: rforkdemo FLAG... (e.g. RFPROC RFMEM)"
		    "\n");
		return (2);
	}
	flags = parse(argc, argv);
	mkdir(DIR, 0755);
	testfd = dup(STDOUT_FILENO);
	/* The child's exit signal: catch it, or it could kill us. */
	exitsig = (flags & RFTSIGZMB) ? RFTSIGNUM(flags) :
	    (flags & RFLINUXTHPN) ? SIGUSR1 : SIGCHLD;
	if (exitsig != 0 && exitsig != SIGCHLD)
		signal(exitsig, handler);
	printf("parent: pid %d, rfork(0x%x)\n", getpid(), flags);
	fflush(stdout);

	if (!(flags & (RFPROC | (int)RFSPAWN))) {
		/* No new process: rfork changes this one and returns 0. */
		if (rfork(flags) == -1) {
			printf("rfork: %s\n", strerror(errno));
			return (1);
		}
		printf("rfork returned 0: no child; with RFCFDG our descriptors "
		    "would be gone, with RFFDG we now have our own table\n");
		return (0);
	}
	/* A stack of its own, so a child sharing memory cannot hurt ours. */
	pid = rfork_thread(flags, stack + sizeof(stack), child, NULL);
	if (pid == -1) {
		printf("rfork: %s\n", strerror(errno));
		return (1);
	}
	if (flags & RFCFDG)
		printf("parent: (the child has no descriptors: it cannot "
		    "print)\n");
	/* Wait: a plain waitpid sees only children that exit with SIGCHLD. */
	r = waitpid(pid, &st, 0);
	if (r == -1 && errno == ECHILD) {
		printf("parent: waitpid(%d, 0): ECHILD (%s)\n", pid,
		    (flags & RFNOWAIT) ? "RFNOWAIT gave it to init" :
		    "its exit signal is not SIGCHLD");
		r = waitpid(pid, &st, __WALL);
		if (r == pid)
			printf("parent: waitpid(%d, __WALL) reaped it\n", pid);
		else
			usleep(300000);	/* RFNOWAIT: let it finish */
	}
	printf("parent: after the child, seen from the parent:\n");
	show("memory", word == 2);
	show("fd table", fcntl(testfd, F_GETFD, 0) == -1);
	show("cwd", getcwd(cwd, sizeof(cwd)) != NULL &&
	    strcmp(cwd, DIR) == 0);
	sigaction(SIGWINCH, NULL, &sa);
	show("signal actions", sa.sa_handler == probe);
	return (0);
}
