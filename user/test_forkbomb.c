/*
 * test_forkbomb.c: a fork bomb run by an unprivileged user (uid 1000)
 * must hit the process limits, not the end of memory, and leave root in
 * control (FORK.md Part 1 §6 and §8).  Every process of the bomb forks in
 * a loop, its children too, ignoring failures; each failure's errno is
 * counted in a MAP_SHARED page.  Three limits, one case each:
 *
 *	default_limits	the defaults (RLIMIT_NPROC = kern.maxprocperuid =
 *			kern.maxproc * 9 / 10): EAGAIN, never ENOMEM
 *	rlimit_nproc	RLIMIT_NPROC lowered to 20: 20 processes exactly
 *	maxproc		kern.maxproc lowered to kern.nprocs + 40: the user
 *			stops 10 below it, root takes exactly those 10
 *
 * Meanwhile root forks and execs /bin/ps and /bin/sysctl; then it stops
 * the bomb (by its process group, or as uid 1000 with kill(-1)), and once
 * everything is reaped, kern.nprocs, debug.invariants (the pid bitmap,
 * kern.nprocs and the per-uid counts agreeing) and the free page count
 * must be back where they were.  The default_limits bomb runs with
 * kern.forkfsleep at its default (500 ms): with 0, some 900 processes
 * retrying failed forks without a pause leave root one 10 ms slice in
 * nine seconds (the scheduler is round-robin).  The other two set it to
 * 0, so that their few dozen processes retry as fast as they can.  Each
 * root command must finish within ROOT_MS.
 */
#include <sys/types.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <tap.h>
#include <forktest.h>
#include <unistd.h>

#define	USER_UID	1000
#define	FORKFSLEEP_DEF	500
#define	PAGE_SLACK	64	/* pages the kernel may keep in caches */
#define	PLATEAU_MS	25000	/* the bomb must reach its limit by then */
#define	KILL_MS		20000	/* and be gone this long after the kill */
#define	ROOT_MS		15000	/* the longest a command of root's may take */

/* What the bomb's processes saw, in a page they all share. */
struct bombstat {
	long	forks;		/* forks that made a process */
	long	eagain;		/* forks that failed with EAGAIN */
	long	enomem;		/* ... with ENOMEM */
	long	other;		/* ... with anything else */
	int	other_errno;	/* the last such errno */
};

static struct bombstat *bs;
static int boot_maxproc;	/* kern.maxproc when the program started */

static void
count(long *c)
{
	__atomic_add_fetch(c, 1, __ATOMIC_RELAXED);
}

static long
peek(long *c)
{
	return (__atomic_load_n(c, __ATOMIC_RELAXED));
}

/* Every process forks for ever; the children do the same. */
static void __attribute__((noreturn))
bomb_loop(void)
{
	pid_t pid;

	for (;;) {
		pid = fork();
		if (pid == 0)
			continue;
		if (pid > 0) {
			count(&bs->forks);
			continue;
		}
		if (errno == EAGAIN)
			count(&bs->eagain);
		else if (errno == ENOMEM)
			count(&bs->enomem);
		else {
			count(&bs->other);
			bs->other_errno = errno;
		}
	}
}

/*
 * Start a bomb as uid USER_UID in a process group of its own, with
 * RLIMIT_NPROC nproc (0: the default); returns its first process, the
 * group's leader.
 */
static pid_t
start_bomb(rlim_t nproc)
{
	struct rlimit rl;
	pid_t leader;

	bs = mmap(NULL, FT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON,
	    -1, 0);
	check(bs != MAP_FAILED, "mmap of the shared counters: errno %d",
	    errno);
	memset(bs, 0, sizeof(*bs));
	leader = tap_fork();
	if (leader == 0) {
		SYS(setpgid(0, 0));
		if (nproc != 0) {
			rl.rlim_cur = rl.rlim_max = nproc;
			SYS(setrlimit(RLIMIT_NPROC, &rl));
		}
		SYS(setuid(USER_UID));
		bomb_loop();
	}
	(void)setpgid(leader, leader);	/* no race with the child's */
	return (leader);
}

/*
 * Processes with real uid uid, or in group pgid if pgid is not 0: the
 * live ones, or with zombies too.  Not the half-made ones (SIDL) of
 * forks in progress, most of which are about to fail.
 */
static int
count_any(uid_t uid, pid_t pgid, int zombies)
{
	struct kinfo_proc *kp;
	size_t i, n;
	int c = 0;

	kp = ft_procs(&n);
	for (i = 0; i < n; i++)
		if (kp[i].ki_stat != SIDL &&
		    (zombies || kp[i].ki_stat != SZOMB) && (pgid != 0 ?
		    kp[i].ki_pgid == pgid : kp[i].ki_ruid == uid))
			c++;
	free(kp);
	return (c);
}

static int
count_procs(uid_t uid, pid_t pgid)
{
	return (count_any(uid, pgid, 0));
}

/*
 * Wait until the bomb stops growing: failures keep coming and the count
 * of its processes holds still.  Returns that count.
 */
static int
wait_plateau(pid_t leader)
{
	long deadline = tap_now_ms() + PLATEAU_MS, t0 = tap_now_ms();
	long fails;
	int n = -1, last;

	for (;;) {
		last = n;
		fails = peek(&bs->eagain) + peek(&bs->enomem) +
		    peek(&bs->other);
		tap_sleep_ms(200);
		n = count_procs(0, leader);
		if (n == last && peek(&bs->eagain) + peek(&bs->enomem) +
		    peek(&bs->other) > fails + 20)
			break;
		check(tap_now_ms() < deadline, "the bomb did not reach a "
		    "limit in %d ms: %d processes, %ld forks, %ld EAGAIN, "
		    "%ld ENOMEM", PLATEAU_MS, n, peek(&bs->forks),
		    peek(&bs->eagain), peek(&bs->enomem));
	}
	tap_diag("the bomb: %d processes after %ld ms; %ld forks, %ld EAGAIN,"
	    " %ld ENOMEM, %ld other", n, tap_now_ms() - t0, peek(&bs->forks),
	    peek(&bs->eagain), peek(&bs->enomem), peek(&bs->other));
	return (n);
}

/* Every fork that failed failed with EAGAIN. */
static void
check_only_eagain(void)
{
	check(peek(&bs->enomem) == 0, "%ld of the bomb's forks failed with "
	    "ENOMEM (%ld with EAGAIN): memory ran out before the process "
	    "limits were reached", peek(&bs->enomem), peek(&bs->eagain));
	check(peek(&bs->other) == 0, "%ld of the bomb's forks failed with "
	    "errno %d", peek(&bs->other), bs->other_errno);
	check(peek(&bs->eagain) > 0, "no fork of the bomb failed");
}

/*
 * Root runs a program while the bomb goes on; it must work, and within
 * ROOT_MS: a console where a command takes longer is not usable.
 */
static void
root_runs(char *path, char *arg, const char *want)
{
	static char out[4096];
	char *argv[] = { path, arg, NULL };
	char *envp[] = { NULL };
	long t0 = tap_now_ms();
	int st;

	st = tap_run(argv, envp, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "root's %s %s during "
	    "the bomb: %s: %.200s", path, arg != NULL ? arg : "",
	    tap_status_str(st), out);
	check(strstr(out, want) != NULL, "root's %s printed \"%.200s\", "
	    "without \"%s\"", path, out, want);
	t0 = tap_now_ms() - t0;
	tap_diag("root ran %s in %ld ms during the bomb", path, t0);
	check(t0 <= ROOT_MS, "root's %s took %ld ms during the bomb (more "
	    "than %d)", path, t0, ROOT_MS);
}

/* Root forks a child that exits at once: it must work. */
static void
root_forks(void)
{
	long t0 = tap_now_ms();
	pid_t pid;

	pid = tap_fork();
	if (pid == 0)
		_exit(0);
	tap_wait_ok(pid);
	tap_diag("root forked and reaped a child in %ld ms during the bomb",
	    tap_now_ms() - t0);
}

/* Kill group pgid until none of it is left alive; reap the leader. */
static void
kill_group(pid_t pgid)
{
	long deadline = tap_now_ms() + KILL_MS;
	int st;

	for (;;) {
		if (kill(-pgid, SIGKILL) == -1)
			check(errno == ESRCH, "kill(-%d, SIGKILL): errno %d",
			    pgid, errno);
		tap_sleep_ms(100);
		if (count_procs(0, pgid) == 0)
			break;
		check(tap_now_ms() < deadline, "%d processes of the bomb's "
		    "group %d survive %d ms of SIGKILLs",
		    count_procs(0, pgid), pgid, KILL_MS);
	}
	st = tap_wait(pgid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the bomb's leader: "
	    "%s, want signal 9", tap_status_str(st));
}

/*
 * As uid USER_UID, kill(-1, SIGKILL) until it finds none of ours left
 * (EPERM: only processes of others; ESRCH: none at all).  Returns how
 * many rounds that took.
 */
static int
kill_user(void)
{
	int rep[2], rounds = 0;
	pid_t k;

	SYS(pipe(rep));
	k = tap_fork();
	if (k == 0) {
		long deadline = tap_now_ms() + KILL_MS;

		close(rep[0]);
		SYS(setuid(USER_UID));
		while (kill(-1, SIGKILL) == 0) {
			rounds++;
			check(tap_now_ms() < deadline, "kill(-1, SIGKILL) as "
			    "uid %d still finds processes after %d ms",
			    USER_UID, KILL_MS);
			tap_sleep_ms(50);
		}
		check(errno == EPERM || errno == ESRCH, "kill(-1, SIGKILL) as "
		    "uid %d: errno %d", USER_UID, errno);
		(void)write(rep[1], &rounds, sizeof(rounds));
		_exit(0);
	}
	close(rep[1]);
	check(read(rep[0], &rounds, sizeof(rounds)) == sizeof(rounds),
	    "no report from the killer");
	close(rep[0]);
	tap_wait_ok(k);
	return (rounds);
}

/*
 * After the bomb: everything reaped (the orphans by init), the books
 * balanced, the pages back.
 */
static void
check_back(int nprocs0, unsigned long free0)
{
	long deadline = tap_now_ms() + KILL_MS;
	int n;

	while ((n = tap_sysctl_int("kern.nprocs")) != nprocs0) {
		check(tap_now_ms() < deadline, "kern.nprocs %d %d ms after "
		    "the bomb's end, was %d", n, KILL_MS, nprocs0);
		tap_sleep_ms(100);
	}
	check(count_procs(USER_UID, 0) == 0, "%d processes of uid %d left",
	    count_procs(USER_UID, 0), USER_UID);
	n = tap_sysctl_int("debug.invariants");
	check(n == 0, "debug.invariants: %d inconsistencies in the process "
	    "table's books (see the console)", n);
	tap_check_free_pages(free0, PAGE_SLACK, "after the bomb");
}

/*
 * Undo what a failed case (or run) may have left: the limits and the
 * pause at their defaults, no process of USER_UID.
 */
static void
defaults(void)
{
	long deadline = tap_now_ms() + KILL_MS;

	if (boot_maxproc > 0)
		ft_sysctl_set_ok("kern.maxproc", boot_maxproc);
	ft_sysctl_set_ok("kern.forkfsleep", FORKFSLEEP_DEF);

	if (count_procs(USER_UID, 0) > 0) {
		tap_diag("killing processes of uid %d left over", USER_UID);
		kill_user();
	}
	/* And wait for init to reap them. */
	while (count_any(USER_UID, 0, 1) > 0 && tap_now_ms() < deadline)
		tap_sleep_ms(100);
}

static void
t_default_limits(void)
{
	struct rlimit rl;
	unsigned long free0, free1;
	int nprocs0, maxproc, perproc, n, nprocs;
	pid_t leader;

	defaults();
	nprocs0 = tap_sysctl_int("kern.nprocs");
	free0 = tap_free_pages();
	maxproc = tap_sysctl_int("kern.maxproc");
	perproc = tap_sysctl_int("kern.maxprocperuid");
	SYS(getrlimit(RLIMIT_NPROC, &rl));
	check(rl.rlim_cur == (rlim_t)perproc, "RLIMIT_NPROC %ld, want "
	    "kern.maxprocperuid %d", (long)rl.rlim_cur, perproc);
	check(perproc == maxproc * 9 / 10, "kern.maxprocperuid %d, want "
	    "kern.maxproc %d * 9 / 10", perproc, maxproc);
	/*
	 * kern.forkfsleep stays at its default here: it is what keeps
	 * hundreds of failing forkers from taking every hart from root
	 * (the scheduler is round-robin, a 10 ms slice each).
	 */
	leader = start_bomb(0);
	n = wait_plateau(leader);
	nprocs = tap_sysctl_int("kern.nprocs");
	free1 = tap_free_pages();
	tap_diag("kern.maxproc %d, kern.maxprocperuid %d, kern.nprocs %d; "
	    "%lu pages free of %lu before", maxproc, perproc, nprocs, free1,
	    free0);
	check_only_eagain();
	/* The per-uid limit, or the user's share of the table. */
	check(count_procs(USER_UID, 0) == perproc || nprocs == maxproc - 10,
	    "the bomb stopped at %d processes of uid %d, kern.nprocs %d: "
	    "want RLIMIT_NPROC %d, or kern.maxproc - 10 = %d", n, USER_UID,
	    nprocs, perproc, maxproc - 10);
	root_forks();
	root_runs("/bin/sysctl", "kern.nprocs", "kern.nprocs");
	root_runs("/bin/ps", NULL, "PID");
	kill_group(leader);
	check_only_eagain();
	check_back(nprocs0, free0);
}

static void
t_rlimit_nproc(void)
{
	unsigned long free0;
	int nprocs0, n, rounds;
	pid_t leader;

	defaults();
	nprocs0 = tap_sysctl_int("kern.nprocs");
	free0 = tap_free_pages();
	ft_nosleep();
	leader = start_bomb(20);
	n = wait_plateau(leader);
	check_only_eagain();
	/* (kern.nprocs also counts the forks in progress, so it may be
	 * above nprocs0 + 20 for a moment.) */
	check(n == 20 && count_procs(USER_UID, 0) == 20, "the bomb stopped "
	    "at %d processes (uid %d has %d), want RLIMIT_NPROC = 20", n,
	    USER_UID, count_procs(USER_UID, 0));
	root_runs("/bin/ps", NULL, "PID");
	root_runs("/bin/sysctl", "kern.nprocs", "kern.nprocs");
	/* This time the user stops it: kill(-1) as uid 1000. */
	rounds = kill_user();
	tap_diag("kill(-1, SIGKILL) as uid %d: %d rounds", USER_UID, rounds);
	check(rounds >= 1, "the user's kill(-1) found nothing to kill");
	n = tap_wait(leader);
	check(WIFSIGNALED(n) && WTERMSIG(n) == SIGKILL, "the bomb's leader: "
	    "%s, want signal 9", tap_status_str(n));
	check_only_eagain();
	ft_sysctl_set_ok("kern.forkfsleep", FORKFSLEEP_DEF);
	check_back(nprocs0, free0);
}

#define	MAXKIDS	64

static void
t_maxproc(void)
{
	unsigned long free0;
	int nprocs0, oldmax, max, hold[2], nroot, err, i;
	pid_t leader, pid, kids[MAXKIDS];

	defaults();
	nprocs0 = tap_sysctl_int("kern.nprocs");
	free0 = tap_free_pages();
	oldmax = tap_sysctl_int("kern.maxproc");
	max = nprocs0 + 40;
	check(max < oldmax, "kern.maxproc %d leaves no room for the test",
	    oldmax);
	ft_nosleep();
	ft_sysctl_set_ok("kern.maxproc", max);
	leader = start_bomb(0);
	wait_plateau(leader);
	check_only_eagain();
	check(tap_sysctl_int("kern.nprocs") == max - 10, "the bomb stopped "
	    "at kern.nprocs %d, want kern.maxproc - 10 = %d",
	    tap_sysctl_int("kern.nprocs"), max - 10);
	root_runs("/bin/sysctl", "kern.nprocs", "kern.nprocs");
	root_runs("/bin/ps", NULL, "PID");
	/* Root's reserve: exactly 10 more. */
	SYS(pipe(hold));
	err = 0;
	for (nroot = 0; nroot < MAXKIDS; nroot++) {
		pid = fork();
		if (pid == 0) {
			char c;

			close(hold[1]);
			while (read(hold[0], &c, 1) > 0)
				;
			_exit(0);
		}
		if (pid == -1) {
			err = errno;
			break;
		}
		kids[nroot] = pid;
	}
	check(err == EAGAIN, "root's fork %d failed with errno %d, want "
	    "EAGAIN", nroot + 1, err);
	check(nroot == 10, "root made %d processes beside the bomb, want the "
	    "10 reserved", nroot);
	check(tap_sysctl_int("kern.nprocs") == max, "kern.nprocs %d with the "
	    "table full, want kern.maxproc %d", tap_sysctl_int("kern.nprocs"),
	    max);
	/* Root's reserve first, so that killing needs no fork. */
	close(hold[1]);
	for (i = 0; i < nroot; i++)
		tap_wait_ok(kids[i]);
	close(hold[0]);
	kill_group(leader);
	check_only_eagain();
	ft_sysctl_set_ok("kern.maxproc", oldmax);
	ft_sysctl_set_ok("kern.forkfsleep", FORKFSLEEP_DEF);
	check_back(nprocs0, free0);
}

static const struct tap_case cases[] = {
	{ "default_limits", t_default_limits },
	{ "rlimit_nproc", t_rlimit_nproc },
	{ "maxproc", t_maxproc },
};

int
main(int argc, char **argv)
{
	size_t len = sizeof(boot_maxproc);
	int r;

	if (sysctlbyname("kern.maxproc", &boot_maxproc, &len, NULL, 0) != 0)
		boot_maxproc = 0;
	r = tap_main(cases, TAP_NCASES(cases), argc, argv);
	/* Whatever a failed case left running or changed. */
	if (count_procs(USER_UID, 0) > 0)
		kill_user();
	if (boot_maxproc > 0)
		(void)ft_sysctl_set("kern.maxproc", boot_maxproc);
	(void)ft_sysctl_set("kern.forkfsleep", FORKFSLEEP_DEF);
	return (r);
}
