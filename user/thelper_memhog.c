/*
 * thelper_memhog.c: a program test_memexhaust runs (not a test itself).
 *
 *	thelper_memhog LEFT FD
 *
 * Takes memory (heap pages, touched one at a time near the end) until at
 * most LEFT pages are free (vm.stats.vm.v_free_count), writes how many
 * pages it took (a long) to descriptor FD, then sleeps until killed.
 * Exits 1 on a usage error, 2 if it could not get near LEFT.  Being an
 * exec'd image it shares no page with the test, so nothing the test
 * writes later needs a copy.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/sysctl.h>
#include <unistd.h>

#define	PGSIZE	4096

static long
free_pages(void)
{
	unsigned long v = 0;
	size_t len = sizeof(v);

	if (sysctlbyname("vm.stats.vm.v_free_count", &v, &len, NULL, 0) != 0)
		return (-1);
	return ((long)v);
}

int
main(int argc, char **argv)
{
	long left, fr, got = 0, room = 0, step;
	char *p = NULL;
	int fd;

	if (argc != 3)
		return (1);
	left = atol(argv[1]);
	fd = atoi(argv[2]);
	/*
	 * Reserve address space first, twice what is free: sbrk refuses a
	 * request larger than free memory less a reserve, but takes no
	 * page, so two such requests in a row both succeed.
	 */
	for (int i = 0; i < 2; i++) {
		char *q;

		step = free_pages() - 300;
		while (step > 0 && (q = sbrk(step * PGSIZE)) == (char *)-1)
			step /= 2;
		if (step <= 0)
			return (2);
		if (p == NULL)
			p = q;
		room += step;
	}
	for (;;) {
		fr = free_pages();
		if (fr < 0 || room == 0)
			return (2);
		if (fr <= left)
			break;
		/* Touch in batches far from the goal, page by page near it
		 * (a page may also take a page-table page). */
		step = (fr - left) / 4;
		if (step < 1)
			step = 1;
		if (step > room)
			step = room;
		while (step-- > 0) {
			*p = 1;
			p += PGSIZE;
			room--;
			got++;
		}
	}
	(void)write(fd, &got, sizeof(got));
	for (;;)
		pause();
}
