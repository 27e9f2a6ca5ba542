/*
 * spawndemo.c: posix_spawn(3) runs a program in a new process in one
 * call: the library forks with rfork(RFSPAWN), applies the file actions
 * and attributes in the child, and execs.  Here: "echo" with its output
 * sent into a file, then "cat" of that file, then a program that does
 * not exist (the error comes back as the return value).
 *
 *	$ spawndemo
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define	FILE_OUT	"/spawndemo.out"

extern char **environ;

static void
run(const char *file, char *const argv[], posix_spawn_file_actions_t *fa)
{
	pid_t pid;
	int err, st;

	err = posix_spawnp(&pid, file, fa, NULL, argv, environ);
	if (err != 0) {
		printf("posix_spawnp(%s): %s\n", file, strerror(err));
		return;
	}
	waitpid(pid, &st, 0);
	printf("posix_spawnp(%s): pid %d, exit %d\n", file, pid,
	    WEXITSTATUS(st));
}

int
main(void)
{
	char *const echo[] = { "echo", "written", "by", "echo", NULL };
	char *const cat[] = { "cat", FILE_OUT, NULL };
	char *const none[] = { "no_such_program", NULL };
	posix_spawn_file_actions_t fa;

	/* In the child: open the file as fd 1 (its stdout). */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, FILE_OUT,
	    O_WRONLY | O_CREAT | O_TRUNC, 0644);
	run("echo", echo, &fa);
	posix_spawn_file_actions_destroy(&fa);
	fflush(stdout);
	run("cat", cat, NULL);
	run("no_such_program", none, NULL);
	unlink(FILE_OUT);
	return (0);
}
