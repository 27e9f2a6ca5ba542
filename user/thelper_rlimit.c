/*
 * thelper_rlimit.c: a helper for test_rlimit (not a test itself).  Prints
 * the limits it inherited across execve: "nofile=CUR,MAX nproc=CUR,MAX".
 */
#include <stdio.h>
#include <sys/resource.h>

int
main(void)
{
	struct rlimit nofile, nproc;

	if (getrlimit(RLIMIT_NOFILE, &nofile) != 0 ||
	    getrlimit(RLIMIT_NPROC, &nproc) != 0)
		return (1);
	printf("nofile=%ld,%ld nproc=%ld,%ld\n", (long)nofile.rlim_cur,
	    (long)nofile.rlim_max, (long)nproc.rlim_cur, (long)nproc.rlim_max);
	return (0);
}
