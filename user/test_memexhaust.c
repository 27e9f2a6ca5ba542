/*
 * test_memexhaust.c: memory running out under processes that fork and
 * write (FORK.md Part 1 §15).  Memory is demand-zero and copy-on-write,
 * and sbrk only refuses a request larger than what is free, so several
 * processes can be promised more than there is; the one whose fault
 * finds no page is killed (SIGKILL, with a console line "pid N (name):
 * out of memory at ...: killed"), never the kernel.  Afterwards every
 * child is reaped, every page is back and debug.invariants is 0.
 *
 *	cow_fill		a parent fills a third of memory and forks four
 *				children that write all of it (copy-on-write
 *				breaks): some are killed, the parent's data
 *				stays intact
 *	demand_zero_fill	three children each sbrk 60% of free memory,
 *				then touch it all: some are killed
 *	fork_enomem		fork of a process whose page tables cannot be
 *				shared fails with ENOMEM at every page
 *				allocation (debug.fail_point.fork_page_alloc),
 *				and with memory really gone (thelper_memhog),
 *				with nothing leaked (kern.forkfsleep 0 meanwhile)
 *
 * The process whose memory the children share must not write after the
 * fork while memory runs out (its own copy-on-write fault would kill it
 * too): it writes its stack and errno before it lets them start.
 */
#include <sys/types.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	PGSIZE		4096
#define	PAGE_SLACK	32	/* pages the kernel may keep in caches */
#define	BLOCK		(2L * 1024 * 1024)	/* one level-0 table's span */


/*
 * Write the stack below us and errno's page now, while memory is
 * plentiful, so that nothing this process does later needs a page.
 */
static void __attribute__((noinline))
pretouch(void)
{
	volatile char buf[16 * 1024];
	size_t i;

	for (i = 0; i < sizeof(buf); i += 256)
		buf[i] = 0;
	errno = 0;
}

/* The books balanced and the pages back. */
static void
check_back(unsigned long free0, int nprocs0, const char *what)
{
	int n, i;

	for (i = 0; i < 100 && tap_sysctl_int("kern.nprocs") != nprocs0; i++)
		tap_sleep_ms(50);
	check(tap_sysctl_int("kern.nprocs") == nprocs0, "%s: kern.nprocs %d, "
	    "was %d", what, tap_sysctl_int("kern.nprocs"), nprocs0);
	n = tap_sysctl_int("debug.invariants");
	check(n == 0, "%s: debug.invariants: %d inconsistencies in the "
	    "process table's books (see the console)", what, n);
	tap_check_free_pages(free0, PAGE_SLACK, what);
}

/*
 * Reap n children: each must exit 0 or be killed by SIGKILL (out of
 * memory).  Returns how many were killed.
 */
static int
reap_killed_or_ok(pid_t *kids, int n, const char *what)
{
	int i, st, killed = 0;

	for (i = 0; i < n; i++) {
		st = tap_wait(kids[i]);
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			killed++;
		else
			check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s %d of "
			    "%d: %s, want exit 0 or signal 9 (out of memory)",
			    what, i + 1, n, tap_status_str(st));
	}
	check_errno(wait(NULL), ECHILD);
	return (killed);
}

static unsigned char
pattern(long page)
{
	return ((unsigned char)(page * 7 + 1));
}

#define	COW_KIDS	4

static void
t_cow_fill(void)
{
	unsigned long free0 = tap_free_pages();
	int nprocs0 = tap_sysctl_int("kern.nprocs"), go[2], k, killed;
	long npg = (long)(free0 / 3), i, bad;
	pid_t kids[COW_KIDS];
	unsigned char *m;
	char c;

	m = sbrk(npg * PGSIZE);
	check(m != (unsigned char *)-1, "sbrk of %ld pages: errno %d", npg,
	    errno);
	for (i = 0; i < npg; i++)
		m[i * PGSIZE] = m[i * PGSIZE + PGSIZE - 1] = pattern(i);
	SYS(pipe(go));
	for (k = 0; k < COW_KIDS; k++) {
		kids[k] = tap_fork();
		if (kids[k] == 0) {
			close(go[1]);
			while (read(go[0], &c, 1) > 0)
				;
			for (i = 0; i < npg; i++) {
				if (m[i * PGSIZE] != pattern(i))
					_exit(3);
				m[i * PGSIZE] = (unsigned char)(k + 100);
			}
			for (i = 0; i < npg; i++)
				if (m[i * PGSIZE] != (unsigned char)(k + 100) ||
				    m[i * PGSIZE + PGSIZE - 1] != pattern(i))
					_exit(4);
			_exit(0);
		}
	}
	close(go[0]);
	pretouch();
	close(go[1]);		/* go */
	killed = reap_killed_or_ok(kids, COW_KIDS, "writer");
	tap_diag("%d of %d children writing %ld shared pages (%lu free) were "
	    "killed", killed, COW_KIDS, npg, free0);
	check(killed >= 1, "%d children wrote %ld pages each with %lu pages "
	    "free, and none was killed", COW_KIDS, npg, free0);
	for (i = 0, bad = 0; i < npg; i++)
		if (m[i * PGSIZE] != pattern(i) ||
		    m[i * PGSIZE + PGSIZE - 1] != pattern(i))
			bad++;
	check(bad == 0, "the parent's copy changed: %ld of %ld pages wrong",
	    bad, npg);
	check(sbrk(-npg * PGSIZE) != (void *)-1, "sbrk(-%ld pages): errno %d",
	    npg, errno);
	check_back(free0, nprocs0, "after the writers");
}

#define	DZ_KIDS		3

static void
t_demand_zero_fill(void)
{
	unsigned long free0, freenow;
	int nprocs0, ready[2], go[2], k, killed, round;
	long npg, i;
	pid_t kids[DZ_KIDS];
	char c;

	/* Twice: the first round may leave the kernel's caches filled. */
	for (round = 0; round < 2; round++) {
		free0 = tap_free_pages();
		nprocs0 = tap_sysctl_int("kern.nprocs");
		SYS(pipe(ready));
		SYS(pipe(go));
		freenow = tap_free_pages();
		npg = (long)(freenow * 6 / 10);
		for (k = 0; k < DZ_KIDS; k++) {
			kids[k] = tap_fork();
			if (kids[k] == 0) {
				unsigned char *m;

				close(go[1]);
				close(ready[0]);
				m = sbrk(npg * PGSIZE);
				if (m == (unsigned char *)-1)
					tap_fail("sbrk of %ld pages (%lu "
					    "free): errno %d", npg,
					    tap_free_pages(), errno);
				SYS(write(ready[1], "r", 1));
				while (read(go[0], &c, 1) > 0)
					;
				for (i = 0; i < npg; i++)
					m[i * PGSIZE] = pattern(i + k);
				for (i = 0; i < npg; i++)
					if (m[i * PGSIZE] != pattern(i + k))
						_exit(4);
				_exit(0);
			}
		}
		close(ready[1]);
		close(go[0]);
		/* All the promises made before any page is taken. */
		for (k = 0; k < DZ_KIDS; k++)
			check(read(ready[0], &c, 1) == 1, "child %d of %d did "
			    "not get its %ld pages", k + 1, DZ_KIDS, npg);
		pretouch();
		close(go[1]);
		killed = reap_killed_or_ok(kids, DZ_KIDS, "toucher");
		tap_diag("round %d: %d of %d children touching %ld pages each "
		    "(%lu free) were killed", round, killed, DZ_KIDS, npg,
		    freenow);
		check(killed >= 1, "%d children touched %ld pages each with "
		    "%lu free, and none was killed", DZ_KIDS, npg, freenow);
		close(ready[0]);
		check_back(free0, nprocs0, "after the touchers");
	}
}

/*
 * A region of nblocks 2 MiB blocks with one written page in each, and
 * a page of each left out of a fork (INHERIT_NONE): so fork cannot share
 * the blocks' page tables but must copy each, a page-table page apiece.
 */
static char *
sparse_region(int nblocks)
{
	char *r, *base;
	int b;

	/* Aligned to a block: map one more and use the aligned part. */
	r = mmap(NULL, (nblocks + 1) * BLOCK, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	check(r != MAP_FAILED, "mmap of %d MiB: errno %d", (nblocks + 1) * 2,
	    errno);
	base = r;
	r = (char *)(((unsigned long)r + BLOCK - 1) & ~(BLOCK - 1));
	for (b = 0; b < nblocks; b++) {
		r[b * BLOCK] = (char)b;
		SYS(minherit(r + b * BLOCK + PGSIZE, PGSIZE, INHERIT_NONE));
	}
	return (base);
}

#define	SPARSE_BLOCKS	32

static void
fork_enomem(void)
{
	unsigned long free0, before;
	int nprocs0, n, failures = 0, p[2], i, st, enomem = 0, eagain = 0;
	char *argv[4], left[16], fdstr[16];
	pid_t pid, hog;
	long got, t0 = tap_now_ms();
	char *region;

	free0 = tap_free_pages();
	nprocs0 = tap_sysctl_int("kern.nprocs");
	region = sparse_region(SPARSE_BLOCKS);
	pretouch();

	/* 1. Every page allocation of the fork, failing in turn. */
	failures = ft_fork_unwind_walk(1000, &pid);
	tap_diag("a fork of %d unshareable 2 MiB blocks allocated %d pages "
	    "(%ld ms)", SPARSE_BLOCKS, failures, tap_now_ms() - t0);
	t0 = tap_now_ms();
	check(pid > 0, "the fork never succeeded");
	check(failures >= SPARSE_BLOCKS, "only %d page allocations in a fork "
	    "that must copy %d page tables", failures, SPARSE_BLOCKS);
	check(tap_sysctl_int("debug.invariants") == 0, "debug.invariants "
	    "after the failed forks");

	/* 2. Memory really gone: a hog leaves 16 pages free. */
	SYS(pipe(p));
	snprintf(left, sizeof(left), "%d", 16);
	snprintf(fdstr, sizeof(fdstr), "%d", p[1]);
	argv[0] = "/bin/thelper_memhog";
	argv[1] = left;
	argv[2] = fdstr;
	argv[3] = NULL;
	pretouch();
	check(posix_spawn(&hog, argv[0], NULL, NULL, argv, environ) == 0,
	    "posix_spawn %s failed", argv[0]);
	close(p[1]);
	if (read(p[0], &got, sizeof(got)) != sizeof(got))
		tap_fail("the hog did not report: %s",
		    tap_status_str(tap_wait(hog)));
	close(p[0]);
	before = tap_free_pages();
	for (i = 0; i < 10; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid > 0) {
			(void)kill(hog, SIGKILL);
			tap_fail("fork with %lu pages free succeeded", before);
		}
		if (errno == ENOMEM)
			enomem++;
		else if (errno == EAGAIN)
			eagain++;
		else {
			(void)kill(hog, SIGKILL);
			tap_fail("fork with %lu pages free: errno %d, want "
			    "ENOMEM", before, errno);
		}
	}
	n = tap_sysctl_int("kern.nprocs");
	i = (int)tap_free_pages();
	SYS(kill(hog, SIGKILL));
	st = tap_wait(hog);
	tap_diag("the hog took %ld pages and left %lu; 10 forks: %d ENOMEM, "
	    "%d EAGAIN; %d pages free after them (%ld ms)", got, before,
	    enomem, eagain, i, tap_now_ms() - t0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the hog: %s, want "
	    "signal 9", tap_status_str(st));
	check(n == nprocs0 + 1, "kern.nprocs %d after the failed forks, want "
	    "%d + the hog", n, nprocs0);
	check((unsigned long)i + 4 >= before, "%lu pages free before the "
	    "failed forks, %d after", before, i);
	check(enomem > 0, "no fork failed with ENOMEM (%d EAGAIN)", eagain);
	/* Everything works again. */
	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	SYS(munmap(region, (SPARSE_BLOCKS + 1) * BLOCK));
	tap_diag("%lu pages free at the start, %lu at the end (the emptied "
	    "page tables are freed at exit)", free0, tap_free_pages());
}

/*
 * In a process of its own, so that its page tables go at its exit and
 * the count of free pages can come back exactly.
 */
static void
t_fork_enomem(void)
{
	unsigned long free0 = tap_free_pages();
	int nprocs0 = tap_sysctl_int("kern.nprocs"), old, st;
	pid_t pid;

	old = ft_nosleep();	/* failed forks pause kern.forkfsleep ms */
	pid = tap_fork();
	if (pid == 0) {
		fork_enomem();
		_exit(0);
	}
	st = tap_wait(pid);
	ft_sysctl_set_ok("kern.forkfsleep", old);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the forking process: "
	    "%s", tap_status_str(st));
	check_back(free0, nprocs0, "after the hog and the failed forks");
}

static const struct tap_case cases[] = {
	{ "cow_fill", t_cow_fill },
	{ "demand_zero_fill", t_demand_zero_fill },
	{ "fork_enomem", t_fork_enomem },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
