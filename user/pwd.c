/* pwd.c: print the current directory. */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	char buf[PATH_MAX];

	if (getcwd(buf, sizeof(buf)) == NULL)
		err(1, ".");
	puts(buf);
	return (0);
}
