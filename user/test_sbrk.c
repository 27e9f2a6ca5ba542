/*
 * test_sbrk.c: the break: growing and shrinking, touching the new pages,
 * a shrunk page no longer mapped, fork copying the heap, requests too big
 * for memory or the address space failing with ENOMEM, and no pages lost.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	PGSIZE	4096
#define	MB	(1024L * 1024)

static char *
brk_now(void)
{
	return (sbrk(0));
}

static void
t_grow(void)
{
	char *old, *p;
	long i, len = 10 * PGSIZE + 123;

	old = brk_now();
	p = sbrk(len);
	check(p == old, "sbrk(%ld) returned %p, want the old break %p", len,
	    p, old);
	check(brk_now() == old + len, "break %p after sbrk(%ld), want %p",
	    brk_now(), len, old + len);
	for (i = 0; i < len; i++)
		p[i] = (char)(i * 3);
	for (i = 0; i < len; i++)
		check(p[i] == (char)(i * 3), "byte %ld of the new memory changed",
		    i);
}

static void
t_new_memory_zeroed(void)
{
	char *p = sbrk(4 * PGSIZE);
	long i;

	check(p != (char *)-1, "sbrk: errno %d", errno);
	for (i = 0; i < 4 * PGSIZE; i++)
		check(p[i] == 0, "new heap byte %ld is %d, want 0", i, p[i]);
	/* Shrink and grow again: the old contents must not come back. */
	memset(p, 0x5a, 4 * PGSIZE);
	check(sbrk(-4 * PGSIZE) != (char *)-1, "shrink: errno %d", errno);
	p = sbrk(4 * PGSIZE);
	check(p != (char *)-1, "regrow: errno %d", errno);
	for (i = 0; i < 4 * PGSIZE; i++)
		check(p[i] == 0, "regrown heap byte %ld is %d, want 0", i, p[i]);
}

static void
t_shrink(void)
{
	char *old, *p;
	pid_t pid;
	int st;

	old = brk_now();
	p = sbrk(8 * PGSIZE);
	check(p != (char *)-1, "sbrk: errno %d", errno);
	memset(p, 1, 8 * PGSIZE);
	check(sbrk(-8 * PGSIZE) == old + 8 * PGSIZE, "sbrk(-n) returns the "
	    "old break");
	check(brk_now() == old, "break %p after shrinking, want %p",
	    brk_now(), old);
	/* A page wholly above the break must fault now. */
	pid = tap_fork();
	if (pid == 0) {
		volatile char *q = (char *)(((unsigned long)old + PGSIZE) &
		    ~(unsigned long)(PGSIZE - 1)) + PGSIZE;

		*q = 1;
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFSIGNALED(st), "touching a page freed by sbrk(-n): %s, want "
	    "a signal (SIGSEGV)", tap_status_str(st));
}

static void
t_unaligned(void)
{
	char *a, *b, *c;

	a = sbrk(1);
	b = sbrk(4095);
	c = sbrk(3);
	check(b == a + 1 && c == b + 4095 && brk_now() == c + 3,
	    "breaks %p %p %p %p", a, b, c, brk_now());
	memset(a, 7, 1 + 4095 + 3);
	check(c[2] == 7, "last byte");
	check(sbrk(-3) == c + 3 && brk_now() == c, "sbrk(-3)");
	check(sbrk(-4096) == c && brk_now() == a, "sbrk(-4096)");
}

static void
t_big(void)
{
	long len = 16 * MB, i;
	char *p;

	p = sbrk(len);
	check(p != (char *)-1, "sbrk(16 MiB): errno %d", errno);
	for (i = 0; i < len; i += PGSIZE)
		p[i] = (char)(i / PGSIZE);
	for (i = 0; i < len; i += PGSIZE)
		check(p[i] == (char)(i / PGSIZE), "page %ld lost its byte",
		    i / PGSIZE);
	check(sbrk(-len) != (char *)-1, "shrink 16 MiB: errno %d", errno);
}

static void
t_enomem(void)
{
	char *old = brk_now();

	/* More than the user address space (256 GiB). */
	check_errno(sbrk(1L << 40), ENOMEM);
	check(brk_now() == old, "a failed sbrk moved the break");
	/* More than physical memory. */
	check_errno(sbrk(4096 * MB), ENOMEM);
	check(brk_now() == old, "a failed sbrk moved the break");
	/* The process still works. */
	check(sbrk(PGSIZE) == old, "sbrk after ENOMEM");
	old[0] = 1;
}

static void
t_below_start(void)
{
	char *old = brk_now();
	char *r;

	/* Shrinking below the program's data must fail, not unmap text. */
	errno = 0;
	r = sbrk(-(long)old - PGSIZE);
	check(r == (char *)-1 && (errno == EINVAL || errno == ENOMEM),
	    "sbrk below 0: returned %p errno %d, want -1 EINVAL or ENOMEM",
	    r, errno);
	check(brk_now() == old, "the break moved");
	errno = 0;
	r = sbrk(-(long)(old - (char *)0x10000) - PGSIZE);
	check(r == (char *)-1, "sbrk below the text: returned %p", r);
	check(brk_now() == old, "the break moved");
}

static void
t_fork_copies_heap(void)
{
	char *p = sbrk(3 * PGSIZE);
	pid_t pid;
	long i;

	check(p != (char *)-1, "sbrk: errno %d", errno);
	memset(p, 'p', 3 * PGSIZE);
	pid = tap_fork();
	if (pid == 0) {
		for (i = 0; i < 3 * PGSIZE; i++)
			check(p[i] == 'p', "child: heap byte %ld is %c", i, p[i]);
		memset(p, 'c', 3 * PGSIZE);
		/* The child can grow its own break. */
		check(sbrk(PGSIZE) == p + 3 * PGSIZE, "child sbrk");
		_exit(0);
	}
	tap_wait_ok(pid);
	for (i = 0; i < 3 * PGSIZE; i++)
		check(p[i] == 'p', "parent: heap byte %ld is %c after the child "
		    "wrote its copy", i, p[i]);
	check(brk_now() == p + 3 * PGSIZE, "the child's sbrk moved ours");
}

static void
t_malloc(void)
{
	char *blocks[16];
	int i;

	for (i = 0; i < 16; i++) {
		blocks[i] = malloc(256 * 1024);
		check(blocks[i] != NULL, "malloc %d of 256 KiB", i);
		memset(blocks[i], i, 256 * 1024);
	}
	for (i = 0; i < 16; i++)
		check(blocks[i][256 * 1024 - 1] == i, "block %d", i);
	for (i = 0; i < 16; i++)
		free(blocks[i]);
}

static void
t_no_leak(void)
{
	unsigned long before = 0;
	char *p;
	pid_t pid;
	int i;

	/* In this process: grow, touch, shrink. */
	for (i = 0; i < 23; i++) {
		if (i == 3)
			before = tap_free_pages();
		p = sbrk(MB);
		check(p != (char *)-1, "sbrk: errno %d", errno);
		memset(p, i, MB);
		check(sbrk(-MB) != (char *)-1, "shrink: errno %d", errno);
	}
	tap_check_free_pages(before, 8, "20 x (sbrk 1 MiB, touch, shrink)");
	/* In children that exit with their heap still grown. */
	before = tap_free_pages();
	for (i = 0; i < 10; i++) {
		pid = tap_fork();
		if (pid == 0) {
			p = sbrk(2 * MB);
			if (p == (char *)-1)
				_exit(1);
			memset(p, 1, 2 * MB);
			_exit(0);
		}
		tap_wait_ok(pid);
	}
	tap_check_free_pages(before, 8, "10 children exiting with 2 MiB");
}

static const struct tap_case cases[] = {
	{ "grow", t_grow },
	{ "new_memory_zeroed", t_new_memory_zeroed },
	{ "shrink", t_shrink },
	{ "unaligned", t_unaligned },
	{ "big", t_big },
	{ "enomem", t_enomem },
	{ "below_start", t_below_start },
	{ "fork_copies_heap", t_fork_copies_heap },
	{ "malloc", t_malloc },
	{ "no_leak", t_no_leak },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
