/*
 * thelper_gdb.c: a known state for the gdb commands of tools/gdb/teachos.py
 * (not a test itself: tools/gdbtest.py types it at the shell).
 *
 *	thelper_gdb vfork [SECS]   vfork; the child says so, then waits (for
 *	                           a line on fd 0, or SECS seconds) and execs
 *	                           /bin/true.  Meanwhile the parent sleeps on
 *	                           "ppwait" and both share one vmspace.
 *	thelper_gdb fork [SECS]    dirty some data and heap pages, fork; the
 *	                           child says so, then waits the same way,
 *	                           writes a page (a copy-on-write fault) and
 *	                           exits.  Meanwhile the parent sleeps in wait
 *	                           and the two share their pages copy-on-write.
 *	thelper_gdb spin [SECS]    print "thelper_gdb: spinning" and spin in
 *	                           user mode for SECS seconds (default 10),
 *	                           so that a hart's current process is us.
 *
 * The child's line, on stdout, is what the test waits for:
 *	thelper_gdb: vfork child C of parent P waiting
 * Exit status: 0, or 1 on a usage error or a failed call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char data[3 * 4096] = { 1 };	/* .data pages, written before fork */

/* write(2) only: the vfork child must not touch stdio's shared buffers. */
static void
say(const char *mode, pid_t child, pid_t parent)
{
	char buf[96];
	int n;

	n = snprintf(buf, sizeof(buf), "thelper_gdb: %s child %d of parent %d "
	    "waiting\n", mode, (int)child, (int)parent);
	if (n > 0)
		write(1, buf, (size_t)n);
}

/* Wait for a line on fd 0, or secs seconds. */
static void
hold(int secs)
{
	char c;

	if (secs > 0) {
		sleep((unsigned int)secs);
		return;
	}
	while (read(0, &c, 1) == 1 && c != '\n')
		;
}

int
main(int argc, char *argv[])
{
	char *const tv[] = { "true", NULL };
	char *heap;
	int secs, status;
	pid_t pid;

	if (argc < 2 || argc > 3 || (strcmp(argv[1], "vfork") != 0 &&
	    strcmp(argv[1], "fork") != 0 && strcmp(argv[1], "spin") != 0)) {
		fprintf(stderr, "usage: thelper_gdb vfork|fork|spin [SECS]\n");
		return (1);
	}
	secs = argc == 3 ? atoi(argv[2]) : 0;
	if (strcmp(argv[1], "spin") == 0) {
		time_t end = time(NULL) + (secs > 0 ? secs : 10);
		volatile unsigned long n = 0;

		printf("thelper_gdb: spinning\n");
		fflush(stdout);
		do {	/* mostly in user mode: few system calls */
			while (++n % (1UL << 22) != 0)
				;
		} while (time(NULL) < end);
		return (0);
	}
	heap = malloc(2 * 4096);
	if (heap == NULL)
		return (1);
	memset(heap, 'h', 2 * 4096);
	memset(data, 'd', sizeof(data));

	if (strcmp(argv[1], "vfork") == 0) {
		pid = vfork();
		if (pid == 0) {
			say("vfork", getpid(), getppid());
			hold(secs);
			execve("/bin/true", tv, NULL);
			_exit(127);
		}
	} else {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			say("fork", getpid(), getppid());
			hold(secs);
			data[0] = 'c';		/* a copy-on-write fault */
			_exit(data[4096] == 'd' && heap[0] == 'h' ? 0 : 1);
		}
	}
	if (pid < 0) {
		perror("thelper_gdb: fork");
		return (1);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("thelper_gdb: waitpid");
		return (1);
	}
	printf("thelper_gdb: parent awake, child %d exited with %d\n",
	    (int)pid, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return (0);
}
