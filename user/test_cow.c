/*
 * test_cow: copy-on-write fork, demand-zero memory, mmap, munmap and
 * minherit.  Every case checks that the free page count comes back.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#define	PGSIZE	4096
#define	SLACK	16		/* pages the kernel may keep a moment */

static unsigned long
ulong_sysctl(const char *name)
{
	unsigned long v = 0;
	size_t len = sizeof(v);

	SYS(sysctlbyname(name, &v, &len, NULL, 0));
	return (v);
}

/* npages fresh pages from the heap, each page's words set to pattern. */
static unsigned long *
heap_pages(long npages, unsigned long pattern)
{
	unsigned long *p = sbrk(npages * PGSIZE);
	long i;

	check(p != (void *)-1, "sbrk(%ld pages): errno %d", npages, errno);
	for (i = 0; i < npages * PGSIZE / 8; i++)
		p[i] = pattern;
	return (p);
}

/* Does every word of npages pages hold pattern?  -1 if so, else index. */
static long
first_mismatch(const unsigned long *p, long npages, unsigned long pattern)
{
	long i;

	for (i = 0; i < npages * PGSIZE / 8; i++)
		if (p[i] != pattern)
			return (i);
	return (-1);
}

static void
fill(unsigned long *p, long npages, unsigned long pattern)
{
	long i;

	for (i = 0; i < npages * PGSIZE / 8; i++)
		p[i] = pattern;
}

/* The child's write is its own; the parent still sees its data. */
static void
t_child_writes(void)
{
	unsigned long before = tap_free_pages(), c0;
	unsigned long *p = heap_pages(64, 0xaaaa);
	pid_t pid;

	c0 = ulong_sysctl("vm.cow.copies");
	pid = tap_fork();
	if (pid == 0) {
		check(first_mismatch(p, 64, 0xaaaa) < 0, "child: not a copy");
		fill(p, 64, 0xbbbb);
		check(first_mismatch(p, 64, 0xbbbb) < 0, "child: own write");
		_exit(0);
	}
	tap_wait_ok(pid);
	check(first_mismatch(p, 64, 0xaaaa) < 0, "parent saw the child's "
	    "write at word %ld", first_mismatch(p, 64, 0xaaaa));
	if (tap_sysctl_int("vm.cow.enabled"))
		check(ulong_sysctl("vm.cow.copies") - c0 >= 64,
		    "vm.cow.copies moved by %lu, want >= 64",
		    ulong_sysctl("vm.cow.copies") - c0);
	sbrk(-64 * PGSIZE);
	tap_check_free_pages(before, SLACK, "after the child exited");
}

/* The parent writes first: the child still sees the old values. */
static void
t_parent_writes_first(void)
{
	unsigned long before = tap_free_pages();
	unsigned long *p = heap_pages(32, 0x1111);
	int go[2], done[2];
	char c;
	pid_t pid;

	SYS(pipe(go));
	SYS(pipe(done));
	pid = tap_fork();
	if (pid == 0) {
		SYS(read(go[0], &c, 1));
		check(first_mismatch(p, 32, 0x1111) < 0, "child saw the "
		    "parent's later write at word %ld",
		    first_mismatch(p, 32, 0x1111));
		_exit(0);
	}
	fill(p, 32, 0x2222);
	SYS(write(go[1], "g", 1));
	tap_wait_ok(pid);
	check(first_mismatch(p, 32, 0x2222) < 0, "parent lost its write");
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
	sbrk(-32 * PGSIZE);
	tap_check_free_pages(before, SLACK, "after the child exited");
}

/*
 * Three generations, each writing all of a region a quarter of RAM big:
 * more than half of memory in copies at the peak, three times over.
 */
static void
t_three_generations(void)
{
	unsigned long before = tap_free_pages();
	unsigned long physmem = ulong_sysctl("hw.physmem");
	long npages = physmem / 4 / PGSIZE, round;
	unsigned long *p;
	pid_t g2, g3;

	p = heap_pages(npages, 1);
	for (round = 0; round < 3; round++) {
		fill(p, npages, 1);
		g2 = tap_fork();
		if (g2 == 0) {
			fill(p, npages, 2);
			g3 = tap_fork();
			if (g3 == 0) {
				check(first_mismatch(p, npages, 2) < 0,
				    "generation 3 did not inherit 2's data");
				fill(p, npages, 3);
				check(first_mismatch(p, npages, 3) < 0,
				    "generation 3's own write");
				_exit(0);
			}
			tap_wait_ok(g3);
			check(first_mismatch(p, npages, 2) < 0,
			    "generation 2 saw generation 3's write");
			_exit(0);
		}
		tap_wait_ok(g2);
		check(first_mismatch(p, npages, 1) < 0,
		    "generation 1 saw a child's write (round %ld)", round);
	}
	sbrk(-npages * PGSIZE);
	tap_check_free_pages(before, SLACK, "after three rounds");
}

/*
 * The kernel writes into a copy-on-write page (read from a pipe): the
 * writer's copy changes, the other side's does not.
 */
static void
t_kernel_write_cow(void)
{
	unsigned long before = tap_free_pages();
	unsigned long *p = heap_pages(4, 0x5555);
	int fds[2];
	pid_t pid;

	SYS(pipe(fds));
	pid = tap_fork();
	if (pid == 0) {
		unsigned long msg[PGSIZE / 8];
		long i;

		for (i = 0; i < PGSIZE / 8; i++)
			msg[i] = 0x7777;
		/* Straddle a page boundary: two COW pages to break. */
		SYS(write(fds[1], msg, sizeof(msg)));
		_exit(0);
	}
	tap_wait_ok(pid);
	check(read(fds[0], (char *)p + PGSIZE / 2, PGSIZE) == PGSIZE,
	    "read: errno %d", errno);
	check(p[PGSIZE / 16] == 0x7777 && p[PGSIZE / 8 + PGSIZE / 16 - 1] ==
	    0x7777, "the read did not land");
	pid = tap_fork();
	if (pid == 0) {
		/* The child reads into its copy; the parent keeps 0x7777. */
		SYS(write(fds[1], "xxxxxxxx", 8));
		SYS(read(fds[0], (char *)p + PGSIZE / 2, 8));
		check(memcmp((char *)p + PGSIZE / 2, "xxxxxxxx", 8) == 0,
		    "child: the read did not land");
		_exit(0);
	}
	tap_wait_ok(pid);
	check(p[PGSIZE / 16] == 0x7777, "the child's read() changed the "
	    "parent's page");
	check(p[0] == 0x5555 && p[3 * PGSIZE / 8] == 0x5555,
	    "untouched words changed");
	close(fds[0]);
	close(fds[1]);
	sbrk(-4 * PGSIZE);
	tap_check_free_pages(before, SLACK, "after the children exited");
}

int	victim(int x) __attribute__((noinline));

int
victim(int x)
{
	return (x * 3 + 1);
}

/* A store into text kills the child with SIGSEGV; the parent is fine. */
static void
t_text_write_segv(void)
{
	unsigned long before = tap_free_pages();
	pid_t pid;
	int st;

	pid = tap_fork();
	if (pid == 0) {
		*(volatile int *)(void *)victim = 0;
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	    "writing text: %s, want signal %d", tap_status_str(st), SIGSEGV);
	check(victim(2) == 7, "the parent's text changed");
	tap_check_free_pages(before, SLACK, "after the child died");
}

/* Touching outside every region, or below the stack: SIGSEGV. */
static void
t_segv_outside(void)
{
	static const unsigned long addrs[] = {
		0x0, 0x1000, 0x1000000000UL, 0x3fffffffff0UL,
	};
	unsigned long before = tap_free_pages();
	size_t i;
	pid_t pid;
	int st;

	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		pid = tap_fork();
		if (pid == 0) {
			*(volatile char *)addrs[i] = 1;
			_exit(0);
		}
		st = tap_wait(pid);
		check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		    "store at %#lx: %s", addrs[i], tap_status_str(st));
	}
	tap_check_free_pages(before, SLACK, "after the children died");
}

static long
recurse(long depth, long max)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth >= max)
		return (frame[0]);
	return (recurse(depth + 1, max) + frame[0]);
}

/* The stack grows on demand to its limit; past it is the guard page. */
static void
t_stack_growth(void)
{
	unsigned long before = tap_free_pages();
	pid_t pid;
	int st;

	pid = tap_fork();
	if (pid == 0) {
		recurse(0, 4096);	/* about 4 MiB */
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "4 MiB of stack: %s",
	    tap_status_str(st));
	pid = tap_fork();
	if (pid == 0) {
		recurse(0, 100000);	/* about 100 MiB: past the limit */
		_exit(0);
	}
	st = tap_wait(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	    "runaway recursion: %s, want signal %d", tap_status_str(st),
	    SIGSEGV);
	tap_check_free_pages(before, SLACK, "after the children exited");
}

/*
 * fork/fork/exit storm over 256 shared pages: every process checks and
 * writes its own marks; the original pages must stay intact.
 */
static void
t_fork_storm(void)
{
	unsigned long before = tap_free_pages();
	unsigned long *p = heap_pages(256, 0xc0c0);
	int i, j, n = 12;
	pid_t kids[12];

	for (i = 0; i < n; i++) {
		kids[i] = tap_fork();
		if (kids[i] == 0) {
			for (j = 0; j < 8; j++) {
				pid_t g = tap_fork();
				long k;

				if (g == 0) {
					check(first_mismatch(p, 256, 0xc0c0) <
					    0, "grandchild: pages changed");
					for (k = 0; k < 256; k += 3)
						p[k * PGSIZE / 8] = i * 100 + j;
					_exit(0);
				}
				for (k = 1; k < 256; k += 5)
					p[k * PGSIZE / 8 + 1] = 0xdead;
				tap_wait_ok(g);
				for (k = 1; k < 256; k += 5)
					p[k * PGSIZE / 8 + 1] = 0xc0c0;
				check(first_mismatch(p, 256, 0xc0c0) < 0,
				    "child %d: pages changed", i);
			}
			_exit(0);
		}
	}
	for (i = 0; i < n; i++)
		tap_wait_ok(kids[i]);
	check(first_mismatch(p, 256, 0xc0c0) < 0, "the parent's pages "
	    "changed at word %ld", first_mismatch(p, 256, 0xc0c0));
	sbrk(-256 * PGSIZE);
	tap_check_free_pages(before, SLACK, "after the storm");
}

/* MAP_SHARED memory is one memory for parent and child. */
static void
t_map_shared(void)
{
	unsigned long before = tap_free_pages();
	volatile unsigned long *m;
	int go[2];
	char c;
	pid_t pid;

	m = mmap(NULL, 16 * PGSIZE, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANON, -1, 0);
	check(m != MAP_FAILED, "mmap: errno %d", errno);
	m[0] = 1;
	SYS(pipe(go));
	pid = tap_fork();
	if (pid == 0) {
		SYS(read(go[0], &c, 1));
		check(m[PGSIZE / 8] == 42, "child: the parent's write after "
		    "fork is not visible (%lu)", m[PGSIZE / 8]);
		m[15 * PGSIZE / 8] = 99;
		_exit(0);
	}
	m[PGSIZE / 8] = 42;
	SYS(write(go[1], "g", 1));
	tap_wait_ok(pid);
	check(m[15 * PGSIZE / 8] == 99, "parent: the child's write is not "
	    "visible");
	SYS(munmap((void *)m, 16 * PGSIZE));
	close(go[0]);
	close(go[1]);
	tap_check_free_pages(before, SLACK, "after munmap");
}

/* Run fn in a child; return its wait status. */
static int
in_child(void (*fn)(volatile unsigned long *), volatile unsigned long *m)
{
	pid_t pid = tap_fork();

	if (pid == 0) {
		fn(m);
		_exit(0);
	}
	return (tap_wait(pid));
}

static void
write_99(volatile unsigned long *m)
{
	m[0] = 99;
}

static void
want_zero(volatile unsigned long *m)
{
	check(m[0] == 0 && m[PGSIZE / 8] == 0, "INHERIT_ZERO: child sees "
	    "%lu", m[0]);
	m[0] = 5;
}

static void
want_7(volatile unsigned long *m)
{
	check(m[0] == 7, "INHERIT_COPY: child sees %lu, want 7", m[0]);
	m[0] = 8;
}

/* Each minherit mode: what the child gets of a private region. */
static void
t_minherit(void)
{
	unsigned long before = tap_free_pages();
	volatile unsigned long *m;
	size_t len = 8 * PGSIZE;
	int st;

	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	check(m != MAP_FAILED, "mmap: errno %d", errno);

	m[0] = 7;
	SYS(minherit((void *)m, len, INHERIT_SHARE));
	st = in_child(write_99, m);
	check(WIFEXITED(st) && m[0] == 99, "INHERIT_SHARE: the child's "
	    "write is not visible (%lu, %s)", m[0], tap_status_str(st));

	m[0] = 7;
	SYS(minherit((void *)m, len, INHERIT_COPY));
	st = in_child(want_7, m);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "INHERIT_COPY child: %s",
	    tap_status_str(st));
	check(m[0] == 7, "INHERIT_COPY: the child's write is visible");

	m[PGSIZE / 8] = 3;
	SYS(minherit((void *)m, len, INHERIT_ZERO));
	st = in_child(want_zero, m);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "INHERIT_ZERO child: %s",
	    tap_status_str(st));
	check(m[0] == 7 && m[PGSIZE / 8] == 3, "INHERIT_ZERO: the parent's "
	    "data changed");

	SYS(minherit((void *)m, len, INHERIT_NONE));
	st = in_child(write_99, m);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "INHERIT_NONE: "
	    "the child's access gave %s, want signal %d", tap_status_str(st),
	    SIGSEGV);
	check(m[0] == 7, "INHERIT_NONE: the parent's data changed");

	check_errno(minherit((void *)m, len, 17), EINVAL);
	SYS(munmap((void *)m, len));
	tap_check_free_pages(before, SLACK, "after munmap");
}

static void
touch_first(volatile unsigned long *m)
{
	(void)m[0];
}

/* mmap and munmap: placement, errors, holes, MAP_FIXED. */
static void
t_mmap_munmap(void)
{
	unsigned long before = tap_free_pages();
	volatile unsigned long *m, *f;
	size_t len = 4 * PGSIZE;
	int st;

	check_errno(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0),
	    EINVAL);
	check_errno(mmap(NULL, len, PROT_READ, MAP_ANON, -1, 0), EINVAL);
	check_errno(mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANON, 3, 0),
	    EINVAL);
	check_errno(mmap(NULL, 1UL << 40, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0), ENOMEM);
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	check(m != MAP_FAILED && ((unsigned long)m & (PGSIZE - 1)) == 0,
	    "mmap: %p, errno %d", (void *)m, errno);
	check(m[0] == 0 && m[len / 8 - 1] == 0, "fresh memory is not zero");
	m[0] = 1;
	m[len / 8 - 1] = 2;
	/* Unmap the middle: the ends stay, the hole faults. */
	SYS(munmap((char *)m + PGSIZE, 2 * PGSIZE));
	check(m[0] == 1 && m[len / 8 - 1] == 2, "munmap hit the ends");
	st = in_child(touch_first, (volatile unsigned long *)((char *)m +
	    PGSIZE));
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "the hole: %s",
	    tap_status_str(st));
	/* MAP_FIXED fills the hole with fresh zero memory. */
	f = mmap((char *)m + PGSIZE, PGSIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON | MAP_FIXED, -1, 0);
	check(f == (volatile unsigned long *)((char *)m + PGSIZE),
	    "MAP_FIXED: %p", (void *)f);
	check(f[0] == 0, "MAP_FIXED memory is not zero");
	check_errno(munmap((char *)m + 1, PGSIZE), EINVAL);
	check_errno(mmap((char *)m + 1, PGSIZE, PROT_READ,
	    MAP_PRIVATE | MAP_ANON | MAP_FIXED, -1, 0), EINVAL);
	SYS(munmap((void *)m, len));
	st = in_child(touch_first, m);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "after munmap: %s",
	    tap_status_str(st));
	tap_check_free_pages(before, SLACK, "after munmap");
}

/* A page nobody else maps is reused in place, not copied. */
static void
t_cow_reuse(void)
{
	unsigned long before = tap_free_pages(), r0, c0;
	unsigned long *p = heap_pages(8, 0x42);
	pid_t pid;

	if (!tap_sysctl_int("vm.cow.enabled"))
		tap_skip("built with COW=0");
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	r0 = ulong_sysctl("vm.cow.reuses");
	c0 = ulong_sysctl("vm.cow.copies");
	fill(p, 8, 0x43);
	check(ulong_sysctl("vm.cow.reuses") - r0 >= 8, "reuses moved by %lu,"
	    " want >= 8", ulong_sysctl("vm.cow.reuses") - r0);
	check(ulong_sysctl("vm.cow.copies") - c0 < 4, "copies moved by %lu "
	    "for pages nobody shares", ulong_sysctl("vm.cow.copies") - c0);
	sbrk(-8 * PGSIZE);
	tap_check_free_pages(before, SLACK, "after the writes");
}

static const struct tap_case cases[] = {
	{ "child_writes", t_child_writes },
	{ "parent_writes_first", t_parent_writes_first },
	{ "three_generations", t_three_generations },
	{ "kernel_write_cow", t_kernel_write_cow },
	{ "text_write_segv", t_text_write_segv },
	{ "segv_outside", t_segv_outside },
	{ "stack_growth", t_stack_growth },
	{ "fork_storm", t_fork_storm },
	{ "map_shared", t_map_shared },
	{ "minherit", t_minherit },
	{ "mmap_munmap", t_mmap_munmap },
	{ "cow_reuse", t_cow_reuse },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
