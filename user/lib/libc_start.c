/* libc_start.c: C-side program start-up, called from crt0's _start. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	main(int argc, char **argv, char **envp);
void	__libc_start(int argc, char **argv, char **envp)
	    __attribute__((noreturn));

char	**environ;

/*
 * Set up what libc needs before main: the environment for getenv(3)
 * and the program name for err(3).  main's return value is the exit
 * status, exactly as if main had called exit(3) itself.
 */
void
__libc_start(int argc, char **argv, char **envp)
{
	environ = envp;
	if (argc > 0 && argv[0] != NULL)
		setprogname(argv[0]);
	exit(main(argc, argv, envp));
}
