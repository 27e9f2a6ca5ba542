/*
 * test_sysctl.c: sysctlbyname: kern.nprocs, kern.maxproc and
 * vm.stats.vm.v_free_count read sensibly and follow the system; unknown
 * names give ENOENT; sizes are checked; only root may write.
 */
#include <errno.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	PGSIZE	4096

static void
t_nprocs(void)
{
	int n = tap_sysctl_int("kern.nprocs");

	/* At least init, the shell, the harness and this case. */
	check(n >= 4, "kern.nprocs is %d", n);
	check(n <= tap_sysctl_int("kern.maxproc"), "kern.nprocs %d > "
	    "kern.maxproc", n);
}

static void
t_nprocs_follows(void)
{
	int before, during, after, i, p[2];
	pid_t pid;
	char c;

	before = tap_sysctl_int("kern.nprocs");
	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		close(p[1]);
		(void)read(p[0], &c, 1);
		_exit(0);
	}
	during = tap_sysctl_int("kern.nprocs");
	close(p[1]);
	tap_wait_ok(pid);
	after = tap_sysctl_int("kern.nprocs");
	for (i = 0; i < 100 && after > before; i++) {
		tap_sleep_ms(20);
		after = tap_sysctl_int("kern.nprocs");
	}
	check(during == before + 1, "kern.nprocs %d with one more child, was "
	    "%d", during, before);
	check(after == before, "kern.nprocs %d after reaping it, was %d",
	    after, before);
}

static void
t_maxproc(void)
{
	int m = tap_sysctl_int("kern.maxproc");

	check(m >= 20 && m <= 1024, "kern.maxproc is %d, want 20..1024 (the "
	    "process table has 1024 slots)", m);
}

static void
t_free_count(void)
{
	unsigned long before, during, after;
	long len = 1024 * 1024, i;
	char *p;

	before = tap_free_pages();
	check(before > 256 && before < (8UL << 30) / PGSIZE,
	    "v_free_count is %lu", before);
	/* Touching 1 MiB of new heap takes 256 pages. */
	p = sbrk(len);
	check(p != (char *)-1, "sbrk: errno %d", errno);
	for (i = 0; i < len; i += PGSIZE)
		p[i] = 1;
	during = tap_free_pages();
	check(during + 200 <= before, "v_free_count %lu after taking 256 "
	    "pages, was %lu", during, before);
	SYS(sbrk(-len));
	after = tap_free_pages();
	check(after >= during + 200, "v_free_count %lu after giving them "
	    "back, was %lu", after, during);
}

static void
t_sizes(void)
{
	unsigned long ul;
	size_t len;
	int v;

	/* A NULL buffer asks for the size. */
	len = 0;
	check(sysctlbyname("kern.nprocs", NULL, &len, NULL, 0) == 0 &&
	    len == sizeof(int), "size of kern.nprocs: %lu, errno %d",
	    (unsigned long)len, errno);
	len = 0;
	check(sysctlbyname("vm.stats.vm.v_free_count", NULL, &len, NULL,
	    0) == 0 && len == sizeof(long), "size of v_free_count: %lu",
	    (unsigned long)len);
	/* A buffer too small gives ENOMEM. */
	len = 2;
	check_errno(sysctlbyname("kern.nprocs", &v, &len, NULL, 0), ENOMEM);
	len = sizeof(int);
	check_errno(sysctlbyname("vm.stats.vm.v_free_count", &ul, &len, NULL,
	    0), ENOMEM);
}

static void
t_unknown(void)
{
	size_t len = sizeof(int);
	int v;

	check_errno(sysctlbyname("kern.no_such_thing", &v, &len, NULL, 0),
	    ENOENT);
	check_errno(sysctlbyname("vm.stats.vm.v_free_countX", &v, &len, NULL,
	    0), ENOENT);
	check_errno(sysctlbyname("kern.nproc", &v, &len, NULL, 0), ENOENT);
	/* An empty name: FreeBSD says EINVAL. */
	errno = 0;
	check(sysctlbyname("", &v, &len, NULL, 0) == -1 &&
	    (errno == ENOENT || errno == EINVAL), "empty name: errno %d, want "
	    "EINVAL or ENOENT", errno);
}

static void
t_write_root(void)
{
	int old = tap_sysctl_int("kern.maxproc"), v, r;

	v = old - 1;
	check(sysctlbyname("kern.maxproc", NULL, NULL, &v, sizeof(v)) == 0,
	    "root writes kern.maxproc: errno %d", errno);
	r = tap_sysctl_int("kern.maxproc");
	v = old;
	SYS(sysctlbyname("kern.maxproc", NULL, NULL, &v, sizeof(v)));
	check(r == old - 1, "kern.maxproc reads %d after writing %d", r,
	    old - 1);
	check(tap_sysctl_int("kern.maxproc") == old, "not restored");
	/* Wrong size: EINVAL. */
	check_errno(sysctlbyname("kern.maxproc", NULL, NULL, &v, 1), EINVAL);
	/* Read-only: EPERM, as sysctl(3) says. */
	v = 5;
	check_errno(sysctlbyname("kern.nprocs", NULL, NULL, &v, sizeof(v)),
	    EPERM);
	check(tap_sysctl_int("kern.maxproc") == old, "kern.maxproc changed");
}

static void
t_write_nonroot(void)
{
	int old = tap_sysctl_int("kern.maxproc");
	pid_t pid;

	pid = tap_fork();
	if (pid == 0) {
		int v = 30;

		SYS(setuid(1000));
		check_errno(sysctlbyname("kern.maxproc", NULL, NULL, &v,
		    sizeof(v)), EPERM);
		/* Reading is fine. */
		check(tap_sysctl_int("kern.maxproc") == old, "read as a user");
		_exit(0);
	}
	tap_wait_ok(pid);
	check(tap_sysctl_int("kern.maxproc") == old, "kern.maxproc changed "
	    "from %d to %d by a user", old, tap_sysctl_int("kern.maxproc"));
}

static const struct tap_case cases[] = {
	{ "nprocs", t_nprocs },
	{ "nprocs_follows", t_nprocs_follows },
	{ "maxproc", t_maxproc },
	{ "free_count", t_free_count },
	{ "sizes", t_sizes },
	{ "unknown_enoent", t_unknown },
	{ "write_root", t_write_root },
	{ "write_nonroot_eperm", t_write_nonroot },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
