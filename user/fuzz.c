/*
 * fuzz.c: a seeded system call fuzzer.
 *
 *	fuzz [-v] [-t SECONDS] [-w SLOT -g GEN] SEED COUNT [NPROC]
 *
 * Runs NPROC (default 3, at most 8) worker processes at once, as uid and
 * gid 1000 (when started as root), each in a session of its own, in the
 * directory /tmp/fz, with /dev/null as fds 0-2.  Together they make COUNT
 * raw system calls (ecall, no libc wrapper in between) with random and
 * boundary arguments: bad pointers (NULL, kernel addresses, unmapped and
 * read-only user memory, a buffer running into an unmapped page), huge
 * lengths, bad fds, every flag bit of rfork, pdfork, pdrfork and __clone,
 * bad signal numbers, paths that are too long, missing or not ours.
 *
 * Reproducible: worker SLOT's generation GEN (the GENth process run in
 * that slot; a worker that dies, execs or is killed is replaced by the
 * next generation) draws its calls from xorshift64* seeded by SEED, SLOT
 * and GEN only, never from the results of earlier calls.  So `fuzz -v
 * -w SLOT -g GEN SEED N` replays that worker's first N calls alone,
 * printing each call before making it.  (With several workers, which
 * generation runs which calls also depends on timing: workers kill each
 * other.)
 *
 * A child made by fork, vfork, rfork, __clone, pdfork or pdrfork exits at
 * once, from the assembly right after the ecall, touching no memory (it
 * may share the parent's, and its stack pointer may be anything).  A
 * SIGALRM every 10 ms (re-armed when the fuzzing may have disarmed it)
 * ends calls that block; the parent, which stays root and makes no fuzz
 * calls, continues stopped workers, and kills one that makes no progress
 * for HANG_MS (counted as a hang and reported with its current call).
 *
 * At the end it kills every process of uid 1000 and prints
 *	fuzz: N calls, M distinct syscalls, ...
 * then one line per system call: name, calls, successes.  Exit status 0
 * unless the set-up failed, a worker could not be killed (a kernel hang)
 * or the -t time limit passed (then 1).  A worker killed by the watchdog
 * (usually one that blocked every signal and slept) only counts a hang.
 * Before it exits it removes what the workers made in /tmp/fz and /tmp
 * (including links to other users' files: link(2) allows those).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/procctl.h>
#include <sys/procdesc.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define	FUZZ_UID	1000
#define	FUZZ_GID	1000
#define	FUZZ_DIR	"/tmp/fz"
#define	MAXWORKERS	8
#define	RING		16		/* last calls remembered per worker */
#define	HANG_MS		3000		/* no progress this long: a hang */
#define	PGSZ		4096UL
#define	NFD		64		/* the fd table size (NOFILE) */
#define	SCRATCH_PAGES	4

/* ---- argument kinds --------------------------------------------------- */

enum {
	A_NONE, A_ANY, A_INT, A_FD, A_BUF, A_LEN, A_PATH, A_OFLAGS, A_MODE,
	A_PID, A_SIG, A_RF, A_PD, A_CLONE, A_WOPT, A_HOW, A_WHICH, A_CLOCK,
	A_WHENCE, A_FCMD, A_IOCMD, A_RES, A_SCNAME, A_SCLEN, A_PCMD,
	A_IDTYPE, A_INH, A_PROT, A_MFLAGS, A_ADDR, A_UID, A_INCR, A_OFF,
	A_FDAT, A_ATFLAG, A_NFDS, A_TIMEOUT, A_REBOOT, A_ARGV, A_STACK,
	A_MFD,
};

/* What a call may do to the caller. */
#define	K_FORK		0x01	/* a0 == 0 in a new child */
#define	K_RFORK		0x02	/* ... when the rfork flags ask for one */
#define	K_BLOCK		0x04	/* may sleep: make sure SIGALRM can end it */
#define	K_DIRTY		0x08	/* may change signal state or the timer */
#define	K_NOSYS		0x10	/* a random, probably unknown, number */

struct sc {
	int		nr;
	const char	*name;
	int		weight;
	int		kind;
	int		rfarg;		/* K_RFORK: which argument has flags */
	unsigned char	a[6];
};

static const struct sc table[] = {
	{ SYS_exit, "exit", 1, 0, 0, { A_INT } },
	{ SYS_fork, "fork", 2, K_FORK, 0, { 0 } },
	{ SYS_read, "read", 10, K_BLOCK, 0, { A_FD, A_BUF, A_LEN } },
	{ SYS_write, "write", 10, K_BLOCK, 0, { A_FD, A_BUF, A_LEN } },
	{ SYS_open, "open", 8, 0, 0, { A_PATH, A_OFLAGS, A_MODE } },
	{ SYS_close, "close", 6, 0, 0, { A_FD } },
	{ SYS_wait4, "wait4", 4, K_BLOCK, 0, { A_PID, A_BUF, A_WOPT,
	    A_BUF } },
	{ SYS_link, "link", 3, 0, 0, { A_PATH, A_PATH } },
	{ SYS_unlink, "unlink", 3, 0, 0, { A_PATH } },
	{ SYS_chdir, "chdir", 2, 0, 0, { A_PATH } },
	{ SYS_fchdir, "fchdir", 2, 0, 0, { A_FD } },
	{ SYS_mknod, "mknod", 2, 0, 0, { A_PATH, A_MODE, A_INT } },
	{ SYS_chmod, "chmod", 3, 0, 0, { A_PATH, A_MODE } },
	{ SYS_chown, "chown", 3, 0, 0, { A_PATH, A_UID, A_UID } },
	{ SYS_getpid, "getpid", 1, 0, 0, { 0 } },
	{ SYS_setuid, "setuid", 2, 0, 0, { A_UID } },
	{ SYS_getuid, "getuid", 1, 0, 0, { 0 } },
	{ SYS_geteuid, "geteuid", 1, 0, 0, { 0 } },
	{ SYS_kill, "kill", 4, 0, 0, { A_PID, A_SIG } },
	{ SYS_getppid, "getppid", 1, 0, 0, { 0 } },
	{ SYS_dup, "dup", 4, 0, 0, { A_FD } },
	{ SYS_getegid, "getegid", 1, 0, 0, { 0 } },
	{ SYS_getgid, "getgid", 1, 0, 0, { 0 } },
	{ SYS_ioctl, "ioctl", 4, 0, 0, { A_FD, A_IOCMD, A_BUF } },
	{ SYS_reboot, "reboot", 2, 0, 0, { A_REBOOT } },
	{ SYS_execve, "execve", 2, 0, 0, { A_PATH, A_ARGV, A_ARGV } },
	{ SYS_umask, "umask", 2, 0, 0, { A_MODE } },
	{ SYS_vfork, "vfork", 2, K_FORK, 0, { 0 } },
	{ SYS_sbrk, "sbrk", 3, 0, 0, { A_INCR } },
	{ SYS_munmap, "munmap", 3, 0, 0, { A_ADDR, A_LEN } },
	{ SYS_getpgrp, "getpgrp", 1, 0, 0, { 0 } },
	{ SYS_setpgid, "setpgid", 3, 0, 0, { A_PID, A_PID } },
	{ SYS_setitimer, "setitimer", 3, K_DIRTY, 0, { A_WHICH, A_BUF,
	    A_BUF } },
	{ SYS_getitimer, "getitimer", 2, 0, 0, { A_WHICH, A_BUF } },
	{ SYS_dup2, "dup2", 4, 0, 0, { A_FD, A_FD } },
	{ SYS_fcntl, "fcntl", 4, 0, 0, { A_FD, A_FCMD, A_INT } },
	{ SYS_mkdir, "mkdir", 3, 0, 0, { A_PATH, A_MODE } },
	{ SYS_rmdir, "rmdir", 3, 0, 0, { A_PATH } },
	{ SYS_setsid, "setsid", 2, 0, 0, { 0 } },
	{ SYS_setgid, "setgid", 2, 0, 0, { A_UID } },
	{ SYS_setegid, "setegid", 2, 0, 0, { A_UID } },
	{ SYS_seteuid, "seteuid", 2, 0, 0, { A_UID } },
	{ SYS_getrlimit, "getrlimit", 2, 0, 0, { A_RES, A_BUF } },
	{ SYS_setrlimit, "setrlimit", 3, 0, 0, { A_RES, A_BUF } },
	{ SYS_getpgid, "getpgid", 2, 0, 0, { A_PID } },
	{ SYS_poll, "poll", 4, K_BLOCK, 0, { A_BUF, A_NFDS, A_TIMEOUT } },
	{ SYS_clock_gettime, "clock_gettime", 2, 0, 0, { A_CLOCK, A_BUF } },
	{ SYS_nanosleep, "nanosleep", 3, K_BLOCK, 0, { A_BUF, A_BUF } },
	{ SYS_minherit, "minherit", 3, 0, 0, { A_ADDR, A_LEN, A_INH } },
	{ SYS_rfork, "rfork", 4, K_RFORK, 0, { A_RF } },
	{ SYS_clone, "clone", 4, K_FORK, 0, { A_CLONE, A_STACK } },
	{ SYS_getsid, "getsid", 2, 0, 0, { A_PID } },
	{ SYS_getcwd, "getcwd", 2, 0, 0, { A_BUF, A_LEN } },
	{ SYS_sched_yield, "sched_yield", 1, 0, 0, { 0 } },
	{ SYS_sigprocmask, "sigprocmask", 3, K_DIRTY, 0, { A_HOW, A_BUF,
	    A_BUF } },
	{ SYS_sigsuspend, "sigsuspend", 2, K_BLOCK | K_DIRTY, 0, { A_BUF } },
	{ SYS_sigpending, "sigpending", 2, 0, 0, { A_BUF } },
	{ SYS_sigaction, "sigaction", 4, K_DIRTY, 0, { A_SIG, A_BUF,
	    A_BUF } },
	{ SYS_sigreturn, "sigreturn", 1, K_DIRTY, 0, { A_BUF } },
	{ SYS_mmap, "mmap", 3, 0, 0, { A_ADDR, A_LEN, A_PROT, A_MFLAGS,
	    A_MFD, A_OFF } },
	{ SYS_lseek, "lseek", 3, 0, 0, { A_FD, A_OFF, A_WHENCE } },
	{ SYS_pdfork, "pdfork", 3, K_FORK, 0, { A_BUF, A_PD } },
	{ SYS_pdkill, "pdkill", 3, 0, 0, { A_FD, A_SIG } },
	{ SYS_pdgetpid, "pdgetpid", 2, 0, 0, { A_FD, A_BUF } },
	{ SYS_pipe2, "pipe2", 4, 0, 0, { A_BUF, A_OFLAGS } },
	{ SYS_procctl, "procctl", 3, 0, 0, { A_IDTYPE, A_PID, A_PCMD,
	    A_BUF } },
	{ SYS_fstat, "fstat", 2, 0, 0, { A_FD, A_BUF } },
	{ SYS_fstatat, "fstatat", 3, 0, 0, { A_FDAT, A_PATH, A_BUF,
	    A_ATFLAG } },
	{ SYS_sysctlbyname, "sysctlbyname", 4, 0, 0, { A_SCNAME, A_SCLEN,
	    A_BUF, A_BUF, A_BUF, A_LEN } },
	{ SYS_pdrfork, "pdrfork", 3, K_RFORK, 2, { A_BUF, A_PD, A_RF } },
	{ SYS_pdwait, "pdwait", 3, K_BLOCK, 0, { A_FD, A_BUF, A_WOPT,
	    A_BUF, A_BUF } },
	{ -1, "nosys", 2, K_NOSYS | K_BLOCK | K_DIRTY, 0, { A_ANY, A_ANY, A_ANY, A_ANY, A_ANY,
	    A_ANY } },
};
#define	NSC	((int)(sizeof(table) / sizeof(table[0])))

/* ---- state shared by the parent and the workers (MAP_SHARED) ---------- */

struct callrec {
	long	nr;
	long	a[6];
};

struct slot {
	volatile unsigned long	calls;	/* fuzz calls, all generations */
	volatile unsigned long	budget;
	volatile long		gen;
	volatile int		cur;	/* ring index of the call in progress */
	volatile int		setup_err;	/* step * 1000 + errno */
	struct callrec		ring[RING];
	volatile unsigned long	count[NSC];
	volatile unsigned long	okcount[NSC];
};

struct shared {
	struct slot	slot[MAXWORKERS];
};

static struct shared *sh;

/* ---- the raw system call ---------------------------------------------- */

/*
 * t0 = number, a0-a5 = arguments.  If childexit and the call returned 0
 * without error, this is a new child: exit(0) at once, using registers
 * only.  *err is the kernel's t0 (1: a0 is an errno).
 */
static inline long
rawsys(long nr, const long *a, long childexit, int *err)
{
	register long t0 __asm__("t0") = nr;
	register long t1 __asm__("t1") = childexit;
	register long r0 __asm__("a0") = a[0];
	register long r1 __asm__("a1") = a[1];
	register long r2 __asm__("a2") = a[2];
	register long r3 __asm__("a3") = a[3];
	register long r4 __asm__("a4") = a[4];
	register long r5 __asm__("a5") = a[5];

	__asm__ __volatile__(
	    "ecall\n\t"
	    "bnez	t0, 1f\n\t"
	    "beqz	t1, 1f\n\t"
	    "bnez	a0, 1f\n\t"
	    "li	t0, %[sysexit]\n\t"
	    "li	a0, 0\n\t"
	    "ecall\n\t"
	    "ebreak\n"
	    "1:"
	    : "+r"(t0), "+r"(t1), "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3),
	      "+r"(r4), "+r"(r5)
	    : [sysexit] "i"(SYS_exit)
	    : "memory", "a6", "a7");
	*err = t0 != 0;
	return (r0);
}

/*
 * Does call nr with arguments a make a new process that returns 0 in a0
 * (the child, which must exit at once)?  By number, not by table entry:
 * a random number may be one of these too.
 */
static long
makes_child(long nr, const long *a)
{
	switch (nr) {
	case SYS_fork:
	case SYS_vfork:
	case SYS_clone:
	case SYS_pdfork:
		return (1);
	case SYS_rfork:
		return (((unsigned int)a[0] & (RFPROC | RFSPAWN)) != 0);
	case SYS_pdrfork:
		return (((unsigned int)a[2] & (RFPROC | RFSPAWN)) != 0);
	default:
		return (0);
	}
}

/* ---- the random numbers ----------------------------------------------- */

static unsigned long rng;

static unsigned long
splitmix(unsigned long x)
{
	x += 0x9e3779b97f4a7c15UL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
	return (x ^ (x >> 31));
}

static unsigned long
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 0x2545f4914f6cdd1dUL);
}

static unsigned long
below(unsigned long n)
{
	return (n == 0 ? 0 : (rnd() >> 11) % n);
}

#define	PICK(arr)	((arr)[below(sizeof(arr) / sizeof((arr)[0]))])

/* ---- argument generators ---------------------------------------------- */

static char *scratch;		/* SCRATCH_PAGES mapped, then a hole */
static char *scratch_end;
static long heap_ptr;		/* sbrk(0) at start */
static const char *last_name;	/* the sysctl name just chosen */

static char longpath[600];	/* > MAXPATH */
static char longname[200];	/* a component > FS_MAXNAMLEN */
static char maxpath[256];	/* MAXPATH - 1 characters */
static char deeppath[256];	/* a/a/a/...: many components */

static const char *const paths[] = {
	"a", "b", "d", "d/a", "d/b", "d/d", ".", "..", "/", "/fuzz.root",
	"/fuzz.root/x", "/bin/true", "/bin/true/x", "/bin", "/dev/null",
	"/dev", "/tmp", "/tmp/fz", "/README", "/nonexistent/x", "/etc", "",
	"a/", "//a", "d/../a", "d/./b", "/tmp/fz/d/a", "/home", "nope",
	"/tmp/a", "/..", "../../..",
};

static const char *const sysctl_names[] = {
	"kern.forkfsleep", "kern.maxproc", "kern.maxprocperuid",
	"kern.nprocs", "kern.lastpid", "kern.randompid", "kern.pid_max",
	"kern.ostype", "kern.hz", "kern.proc.all", "hw.ncpu", "hw.physmem",
	"vm.stats.vm.v_free_count", "vm.stats.vm.v_forks",
	"vm.stats.vm.v_vforks", "vm.stats.vm.v_rforks",
	"vm.stats.vm.v_forkpages", "vm.cow.faults", "vm.cow.enabled",
	"vm.stats.vm.v_zero_count", "debug.kdb.panic", "debug.invariants",
	"debug.fail_point.fork_page_alloc", "sysctl.next", "kern", "kern.",
	"", "nonexistent.name", "vm", "vm.stats.vm",
};

static const char *const argv_true[] = { "true", NULL };

static long
g_int(void)
{
	static const long v[] = {
		0, 1, -1, 2, 3, -2, INT_MIN, INT_MAX, LONG_MIN, LONG_MAX,
		0xffffffffL, 0x80000000L, 0x7fffffffffffL, 4095, 4096, 4097,
		65536, 1000, 1001, 63, 64, 65, 127, 128, 129, 255, 256, -100,
	};

	switch (below(4)) {
	case 0:
		return (below(71));
	case 1:
		return ((int)rnd());
	case 2:
		return ((long)rnd());
	default:
		return (PICK(v));
	}
}

static void
fill(char *p, size_t n)
{
	size_t i;
	long *lp;

	switch (below(6)) {
	case 0:
		memset(p, 0, n);
		break;
	case 1:
		memset(p, 0xff, n);
		break;
	case 2:		/* small ints: pollfds, fds, signal numbers */
		for (i = 0; i + 4 <= n; i += 4)
			*(int *)(p + i) = below(70);
		break;
	case 3:		/* small longs: timespecs, rlimits, lengths */
		lp = (long *)p;
		for (i = 0; i < n / 8; i++)
			lp[i] = below(3) == 0 ? (long)below(1000000000) :
			    (long)below(4);
		break;
	case 4:		/* pointers into scratch */
		lp = (long *)p;
		for (i = 0; i < n / 8; i++)
			lp[i] = (long)(scratch + below(SCRATCH_PAGES * PGSZ));
		break;
	default:
		for (i = 0; i < n; i++)
			p[i] = rnd();
		break;
	}
}

static void noop(int sig) { (void)sig; }

/* A pointer, of any kind. */
static long
g_ptr(void)
{
	static const long v[] = {
		0, 1, 8, 0x1000, (long)0xffffffc080200000UL, -1L, -4096L,
		0x80200000L, 0x3ffffffff0L, 0x3fffffffffL, 0x4000000000L,
		0x3ffffff000L, 0x20000000L, 0x10000L, LONG_MIN,
		(long)0xffffffe000000000UL,
	};
	long off;

	switch (below(8)) {
	case 0:
		return (PICK(v));
	case 1:
		return ((long)noop);			/* read-only text */
	case 2:					/* straddles the hole */
		return ((long)(scratch_end - 1 - below(64)));
	case 3:
		return (heap_ptr + below(3) * PGSZ);
	case 4:					/* a crafted struct */
		off = below(SCRATCH_PAGES * PGSZ - 512) & ~7L;
		fill(scratch + off, 512);
		return ((long)(scratch + off));
	default:				/* valid scratch */
		return ((long)(scratch + (below(SCRATCH_PAGES * PGSZ) &
		    (below(4) == 0 ? ~0L : ~7L))));
	}
}

static long
g_len(void)
{
	static const long v[] = {
		0, 1, 2, 4, 8, 16, 24, 64, 100, 255, 256, 512, 4095, 4096,
		4097, 8192, 16384, 65536, 1L << 20, 1L << 31, 1L << 32, -1L,
		LONG_MAX, LONG_MIN, 0x7fffffffL,
	};
	return (below(4) == 0 ? (long)below(300) : PICK(v));
}

static long
g_sig(void)
{
	static const long v[] = {
		0, SIGKILL, SIGSTOP, SIGCONT, SIGALRM, SIGCHLD, SIGUSR1,
		SIGTERM, SIGSEGV, SIGTSTP, 32, 33, 64, 127, 128, 129, 255,
		256, -1, INT_MIN, SIGHUP, SIGPIPE, SIGTTIN,
	};
	switch (below(3)) {
	case 0:
		return (below(32));
	case 1:
		return (below(140));
	default:
		return (PICK(v));
	}
}

static long
g_rf(int pd)
{
	static const int bits[] = {
		RFFDG, RFMEM, RFNOWAIT, RFCFDG, RFTHREAD, RFSIGSHARE,
		RFLINUXTHPN, RFTSIGZMB, RFNAMEG, RFENVG, RFNOTEG, RFCNAMEG,
		RFCENVG, RFSTOPPED, RFHIGHPID, RFPROCDESC,
	};
	unsigned int f;
	int i, n;

	switch (below(8)) {
	case 0:
		return ((int)(1U << below(32)));
	case 1:
		return ((int)rnd());
	case 2:
		return ((int)RFSPAWN);
	case 3:
		return (0);
	default:
		f = below(8) == 0 ? 0 : RFPROC;
		if (pd && below(4) != 0)
			f |= RFPROCDESC;
		n = below(4);
		for (i = 0; i < n; i++)
			f |= bits[below(below(2) ? 8 : 16)];
		if (f & RFTSIGZMB)
			f |= RFTSIGFLAGS(below(4) == 0 ? 0 : below(140));
		if ((f & (RFFDG | RFCFDG)) == (RFFDG | RFCFDG) && below(4))
			f &= ~RFCFDG;
		return ((int)f);
	}
}

static long
g_clone(void)
{
	static const int bits[] = {
		CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND, CLONE_VFORK,
		CLONE_PID, CLONE_PTRACE,
	};
	static const int sigs[] = { 0, SIGCHLD, SIGUSR1, SIGKILL, 33, 127,
	    128, 255, SIGALRM };
	int f, i, n;

	switch (below(6)) {
	case 0:
		return ((int)(1U << below(32)));
	case 1:
		return ((int)rnd());
	default:
		f = PICK(sigs);
		n = below(4);
		for (i = 0; i < n; i++)
			f |= bits[below(below(3) ? 5 : 7)];
		if ((f & CLONE_SIGHAND) && below(2))
			f |= CLONE_VM;
		return (f);
	}
}

static long
g_flags(const long *v, int n)
{
	long f;
	int i, k;

	switch (below(4)) {
	case 0:
		return ((int)(1U << below(32)));
	case 1:
		return ((int)rnd());
	default:
		f = 0;
		k = below(4);
		for (i = 0; i < k; i++)
			f |= v[below(n)];
		return (f);
	}
}

static long
g_path(void)
{
	long p;
	size_t n;

	switch (below(12)) {
	case 0:
		return (g_ptr());
	case 1:
		return ((long)longpath + below(4) * 100);
	case 2:
		return ((long)(below(2) ? longname : maxpath));
	case 3:
		return ((long)deeppath);
	case 4:		/* a name running into the hole, unterminated */
		n = 1 + below(8);
		memset(scratch_end - n, 'a', n);
		return ((long)(scratch_end - n));
	case 5:		/* random bytes, then a NUL */
		p = (long)(scratch + (below(SCRATCH_PAGES * PGSZ - 64)));
		fill((char *)p, 40);
		((char *)p)[below(40)] = '\0';
		return (p);
	default:
		return ((long)PICK(paths));
	}
}

static long
g_pid(void)
{
	static const long v[] = { 0, -1, 1, 2, INT_MIN, INT_MAX, 99999,
	    100000, -2 };

	switch (below(5)) {
	case 0:
		return (getpid());
	case 1:
		return (-getpid());
	case 2:
		return (below(120));
	case 3:
		return (getppid());
	default:
		return (PICK(v));
	}
}

static long
gen(int kind)
{
	static const long ofl[] = { O_RDONLY, O_WRONLY, O_RDWR, O_NONBLOCK,
	    O_APPEND, O_CREAT, O_TRUNC, O_EXCL, O_DIRECTORY, O_CLOEXEC, 3 };
	static const long mode[] = { 0, 0644, 0755, 0777, 07777, 04755,
	    S_IFCHR | 0666, S_IFDIR | 0755, S_IFREG | 0600, -1, 0200, 0 };
	static const long wopt[] = { WNOHANG, WUNTRACED, WCONTINUED,
	    WNOWAIT, WEXITED, WTRAPPED, __WALL, (long)(int)WLINUXCLONE };
	static const long pd[] = { PD_DAEMON, PD_CLOEXEC, 4, 0x80000000L };
	static const long iocmd[] = { TIOCSPGRP, TIOCGPGRP, TIOCSCTTY,
	    TIOCGSID, 0, -1, 0x5401, 0x8004667e };
	static const long mfl[] = { MAP_SHARED, MAP_PRIVATE, MAP_FIXED,
	    MAP_ANON, MAP_PRIVATE | MAP_ANON, MAP_SHARED | MAP_ANON, 0x20 };
	static const long uid[] = { 0, 1000, 1001, -1, 65535, 65536,
	    INT_MAX, INT_MIN, 1 };
	static const long incr[] = { 0, 4096, -4096, 1L << 20, -(1L << 20),
	    1L << 30, -(1L << 30), LONG_MIN, LONG_MAX, 1, -1, 8192 * 16,
	    -(8192L * 16), 1L << 40 };
	static const long off[] = { 0, 1, 4096, -1, LONG_MAX, LONG_MIN,
	    1L << 32, -4096 };
	static const long to[] = { 0, 1, 10, -1, INT_MAX, INT_MIN, -2 };
	static const long nfds[] = { 0, 1, 2, 8, 63, 64, 65, 1024, -1,
	    0x10000000 };
	long v;

	if (kind == A_NONE)
		return ((long)rnd());	/* unused registers: garbage */
	if (kind != A_SCLEN && below(10) == 0)
		kind = A_ANY;
	switch (kind) {
	case A_ANY:
		return (below(2) ? g_int() : g_ptr());
	case A_INT:
		return (g_int());
	case A_FD:
		switch (below(6)) {
		case 0:
			return (g_int());
		case 1:
			return (below(71));
		default:
			return (below(13));
		}
	case A_MFD:
		return (below(2) ? -1 : gen(A_FD));
	case A_BUF:
	case A_ARGV:
	case A_STACK:
		if (kind == A_ARGV && below(3) == 0)
			return ((long)argv_true);
		if (kind == A_STACK && below(3) == 0)
			return ((long)(scratch + below(SCRATCH_PAGES) * PGSZ));
		if (kind == A_BUF && below(8) == 0)
			return (0);
		return (g_ptr());
	case A_LEN:
		return (g_len());
	case A_PATH:
		return (g_path());
	case A_OFLAGS:
		return (g_flags(ofl, 11));
	case A_MODE:
		return (below(4) == 0 ? (long)rnd() : PICK(mode));
	case A_PID:
		return (g_pid());
	case A_SIG:
		return (g_sig());
	case A_RF:
		return (g_rf(0));
	case A_PD:
		return (below(2) ? (long)below(4) : g_flags(pd, 4));
	case A_CLONE:
		return (g_clone());
	case A_WOPT:
		return (below(3) == 0 ? WNOHANG : g_flags(wopt, 8));
	case A_HOW:
		return (below(6) - 1);
	case A_WHICH:
		return (below(2) ? 0 : g_int());
	case A_CLOCK:
		return (below(2) ? (long)(below(2) ? CLOCK_MONOTONIC :
		    CLOCK_REALTIME) : g_int());
	case A_WHENCE:
		return (below(5) - 1);
	case A_FCMD:
		return (below(3) == 0 ? g_int() : (long)PICK(((const long[])
		    { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL,
		    F_DUPFD_CLOEXEC, 5, 6, -1 })));
	case A_IOCMD:
		return (below(4) == 0 ? (long)rnd() : PICK(iocmd));
	case A_RES:
		return (below(12) - 1);
	case A_SCNAME:
		last_name = NULL;
		if (below(6) == 0)
			return (g_ptr());
		last_name = PICK(sysctl_names);
		return ((long)last_name);
	case A_SCLEN:
		if (last_name != NULL && below(5) != 0)
			return (strlen(last_name));
		return (g_len());
	case A_PCMD:
		return (below(3) == 0 ? g_int() : (long)below(8));
	case A_IDTYPE:
		return (below(3) == 0 ? g_int() : (long)(below(2) ? P_PID :
		    below(8)));
	case A_INH:
		return (below(4) == 0 ? g_int() : (long)below(5));
	case A_PROT:
		return (below(4) == 0 ? g_int() : (long)below(8));
	case A_MFLAGS:
		return (below(2) ? MAP_ANON | (below(2) ? MAP_PRIVATE :
		    MAP_SHARED) | (below(4) == 0 ? MAP_FIXED : 0) :
		    g_flags(mfl, 7));
	case A_ADDR:
		v = g_ptr();
		return (below(4) == 0 ? v : (long)(v & ~(PGSZ - 1)));
	case A_UID:
		return (PICK(uid));
	case A_INCR:
		return (below(4) == 0 ? g_int() : PICK(incr));
	case A_OFF:
		return (below(3) == 0 ? g_int() : PICK(off));
	case A_FDAT:
		return (below(2) ? AT_FDCWD : gen(A_FD));
	case A_ATFLAG:
		return (below(2) ? 0 : g_int());
	case A_NFDS:
		return (below(2) ? (long)below(5) : PICK(nfds));
	case A_TIMEOUT:
		return (PICK(to));
	case A_REBOOT:
		return (below(2) ? (long)PICK(((const long[]){ RB_AUTOBOOT,
		    RB_HALT, RB_POWEROFF, RB_HALT | RB_POWEROFF })) :
		    g_int());
	}
	return (g_int());
}

/* ---- a worker --------------------------------------------------------- */

static int verbose;
static int logfd = -1;		/* -v: the console, for the call log */

static void
logcall(int slot, unsigned long n, const struct sc *e, long nr,
    const long *a)
{
	char buf[256];
	int len;

	if (logfd < 0)
		return;
	len = snprintf(buf, sizeof(buf), "fuzz[%d] %lu: %s(%ld) %lx %lx %lx "
	    "%lx %lx %lx\n", slot, n, e->name, nr, a[0], a[1], a[2], a[3],
	    a[4], a[5]);
	(void)write(logfd, buf, len);
}

/* Make SIGALRM able to end a sleeping call again. */
static void
alarm_on(void)
{
	struct sigaction sa;
	struct itimerval it;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = noop;
	(void)sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&set);
	(void)sigprocmask(SIG_SETMASK, &set, NULL);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 10000;
	it.it_value = it.it_interval;
	(void)setitimer(ITIMER_REAL, &it, NULL);
}

static void
reap(void)
{
	int i;

	for (i = 0; i < 32; i++)
		if (wait4(-1, NULL, WNOHANG | __WALL, NULL) <= 0)
			break;
}

static int
pick(int total)
{
	int i, r = below(total);

	for (i = 0; i < NSC; i++) {
		if (r < table[i].weight)
			return (i);
		r -= table[i].weight;
	}
	return (0);
}

/* The worker could not start: say why (step and errno) and exit. */
static void __attribute__((noreturn))
setup_failed(struct slot *sl, int step)
{
	sl->setup_err = step * 1000 + errno;
	_exit(step);
}

static void __attribute__((noreturn))
worker(int s, int slot, long g, unsigned long seed)
{
	struct slot *sl = &sh->slot[s];
	struct sigaction sa;
	const struct sc *e;
	struct callrec *cr;
	unsigned long n = 0;
	long a[6], nr, childexit, r;
	int fd, i, k, err, total = 0, dirty = 1;

	rng = splitmix(seed ^ splitmix((unsigned long)slot << 32 ^ g)) | 1;
	if (getuid() == 0) {
		if (setgid(FUZZ_GID) == -1 || setuid(FUZZ_UID) == -1)
			setup_failed(sl, 3);
	}
	(void)setsid();
	if (chdir(FUZZ_DIR) == -1)
		setup_failed(sl, 4);
	if (verbose)
		logfd = dup2(1, NFD - 1);
	if ((fd = open("/dev/null", O_RDWR)) == -1)
		setup_failed(sl, 5);
	for (i = 0; i < 3; i++)
		if (fd != i)
			(void)dup2(fd, i);
	if (fd > 2)
		close(fd);
	/*
	 * Signals that would just stop or end the worker: caught.  Not the
	 * faults: a handler that returns would fault again for ever.
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = noop;
	for (i = 1; i < NSIG; i++)
		if (i != SIGKILL && i != SIGSTOP && i != SIGCHLD &&
		    i != SIGSEGV && i != SIGBUS && i != SIGILL &&
		    i != SIGFPE && i != SIGTRAP)
			(void)sigaction(i, &sa, NULL);
	/* Scratch memory with an unmapped page after it. */
	scratch = mmap(NULL, (SCRATCH_PAGES + 1) * PGSZ, PROT_READ |
	    PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	if (scratch == MAP_FAILED)
		setup_failed(sl, 6);
	scratch_end = scratch + SCRATCH_PAGES * PGSZ;
	(void)munmap(scratch_end, PGSZ);
	for (i = 0; i < SCRATCH_PAGES * (int)PGSZ; i += 512)
		fill(scratch + i, 512);
	heap_ptr = (long)sbrk(0);
	memset(longpath, 'x', sizeof(longpath) - 1);
	memset(longname, 'n', sizeof(longname) - 1);
	memset(maxpath, 'm', sizeof(maxpath) - 1);
	for (i = 0; i + 2 < (int)sizeof(deeppath); i += 2)
		memcpy(deeppath + i, "d/", 2);
	for (i = 0; i < NSC; i++)
		total += table[i].weight;
	if (verbose)
		dprintf(logfd, "fuzz[%d] gen %ld pid %d\n", slot, g, getpid());

	while (sl->calls < sl->budget) {
		k = pick(total);
		e = &table[k];
		for (i = 0; i < 6; i++)
			a[i] = gen(e->a[i]);
		nr = e->nr;
		if (e->kind & K_NOSYS) {
			static const long nrs[] = { 0, 8, 11, 17, 602, 1000,
			    -1, 0x7fffffff, LONG_MIN, 4096 };
			nr = below(2) ? (long)below(700) : PICK(nrs);
		}
		/*
		 * A mask that blocks SIGALRM would sleep for ever: clear
		 * that bit (bit 13 of the first word: byte 1, bit 5) in a
		 * readable mask, after copying it to scratch if it is not
		 * there.
		 */
		if (nr == SYS_sigsuspend && !(a[0] >= (long)scratch &&
		    a[0] + 16 <= (long)scratch_end) &&
		    ((a[0] >= (long)noop && a[0] < (long)noop + 64) ||
		    (a[0] >= heap_ptr && a[0] < heap_ptr + 3 * (long)PGSZ))) {
			memcpy(scratch, (void *)a[0], 16);
			a[0] = (long)scratch;
		}
		if (nr == SYS_sigsuspend && a[0] >= (long)scratch &&
		    a[0] + 16 <= (long)scratch_end)
			((unsigned char *)a[0])[1] &= ~0x20;
		childexit = makes_child(nr, a);
		if ((e->kind & K_BLOCK) && dirty) {
			alarm_on();
			dirty = 0;
		}
		cr = &sl->ring[n % RING];
		cr->nr = nr;
		memcpy(cr->a, a, sizeof(a));
		sl->cur = n % RING;
		sl->count[k]++;
		sl->calls++;
		if (verbose)
			logcall(slot, n, e, nr, a);
		n++;
		r = rawsys(nr, a, childexit, &err);
		(void)r;
		if (!err)
			sl->okcount[k]++;
		if (e->kind & K_DIRTY)
			dirty = 1;
		if ((n & 15) == 0)
			reap();
		if ((n & 63) == 0)
			fill(scratch + (below(SCRATCH_PAGES * PGSZ - 256) & ~7L),
			    256);
		if ((n & 1023) == 0)
			for (i = 3; i < NFD; i++)
				if (i != logfd)
					(void)close(i);
	}
	sl->cur = -1;
	_exit(0);
}

/* ---- the parent ------------------------------------------------------- */

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void
sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	(void)nanosleep(&ts, NULL);
}

static const char *
scname(long nr)
{
	int i;

	for (i = 0; i < NSC - 1; i++)
		if (table[i].nr == nr)
			return (table[i].name);
	return ("nosys");
}

static void
print_call(const char *why, int s)
{
	struct slot *sl = &sh->slot[s];
	struct callrec *cr;

	if (sl->cur < 0 || sl->cur >= RING)
		return;
	cr = &sl->ring[sl->cur];
	printf("fuzz: %s: worker %d gen %ld call %lu: %s(%ld) %lx %lx %lx %lx "
	    "%lx %lx\n", why, s, sl->gen, sl->calls, scname(cr->nr), cr->nr,
	    cr->a[0], cr->a[1], cr->a[2], cr->a[3], cr->a[4], cr->a[5]);
}

/* Remove a directory tree (as root, after the run). */
static void
rmtree(const char *path, int depth)
{
	char sub[256];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (stat(path, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode) || depth > 12) {
		(void)unlink(path);
		return;
	}
	if ((d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (snprintf(sub, sizeof(sub), "%s/%s", path,
			    de->d_name) >= (int)sizeof(sub))
				continue;
			rmtree(sub, depth + 1);
		}
		closedir(d);
	}
	(void)rmdir(path);
}

/*
 * Names the workers left in /tmp (sticky: they may make names there):
 * their files and directories, and links to other users' files (link(2)
 * allows those).  Nothing else, on a test image, has more than one link.
 */
static void
clean_tmp(void)
{
	char path[256];
	struct dirent *de;
	struct stat sb;
	DIR *d;

	if ((d = opendir("/tmp")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(path, sizeof(path), "/tmp/%s", de->d_name) >=
		    (int)sizeof(path) || lstat(path, &sb) == -1)
			continue;
		if (sb.st_uid == FUZZ_UID || (!S_ISDIR(sb.st_mode) &&
		    sb.st_nlink > 1))
			rmtree(path, 0);
	}
	closedir(d);
}

/* Kill every process of the fuzzing uid (kill(-1) as that uid). */
static void
kill_fuzz_uid(void)
{
	pid_t pid;

	if (getuid() != 0)
		return;
	if ((pid = fork()) == 0) {
		if (setgid(FUZZ_GID) == 0 && setuid(FUZZ_UID) == 0)
			(void)kill(-1, SIGKILL);
		_exit(0);
	}
	if (pid > 0)
		(void)waitpid(pid, NULL, 0);
}

/* The workers' directory: made again if a worker removed it. */
static int
fuzz_dir(void)
{
	struct stat sb;

	(void)mkdir(FUZZ_DIR, 0755);
	if (stat(FUZZ_DIR, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return (-1);
	if (getuid() == 0) {
		(void)chown(FUZZ_DIR, FUZZ_UID, FUZZ_GID);
		(void)chmod(FUZZ_DIR, 0755);
	}
	return (0);
}

static void
usage(void)
{
	fprintf(stderr, "usage: fuzz [-v] [-t seconds] [-w slot -g gen] "
	    "SEED COUNT [NPROC]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	pid_t pids[MAXWORKERS], pid;
	unsigned long seed, count, total, lastcalls[MAXWORKERS];
	unsigned long calls[NSC], oks[NSC];
	long start, lastprog[MAXWORKERS], limit = 0, wslot = -1, wgen = 0;
	int nproc = 3, i, s, st, ch, alive, deaths = 0, execs = 0, hangs = 0;
	int stops = 0, distinct, distinct_ok, killed[MAXWORKERS];
	int timedout = 0, unkillable = 0, setupfails = 0, setupfails_row = 0;

	while ((ch = getopt(argc, argv, "vt:w:g:")) != -1) {
		switch (ch) {
		case 'v':
			verbose = 1;
			break;
		case 't':
			limit = atol(optarg) * 1000;
			break;
		case 'w':
			wslot = atol(optarg);
			break;
		case 'g':
			wgen = atol(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || argc > 3)
		usage();
	seed = strtoul(argv[0], NULL, 0);
	count = strtoul(argv[1], NULL, 0);
	if (argc == 3)
		nproc = atoi(argv[2]);
	if (wslot >= 0)
		nproc = 1;
	if (nproc < 1 || nproc > MAXWORKERS || count == 0)
		usage();
	if (wslot >= MAXWORKERS)
		usage();
	if (getuid() != 0)
		fprintf(stderr, "fuzz: not root: the workers keep uid %d\n",
		    getuid());

	sh = mmap(NULL, (sizeof(*sh) + PGSZ - 1) & ~(PGSZ - 1), PROT_READ |
	    PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	if (sh == MAP_FAILED) {
		fprintf(stderr, "fuzz: mmap: %s\n", strerror(errno));
		return (1);
	}
	memset(sh, 0, sizeof(*sh));
	(void)mkdir("/tmp", 01777);
	if (fuzz_dir() == -1) {
		fprintf(stderr, "fuzz: %s: %s\n", FUZZ_DIR, strerror(errno));
		return (1);
	}
	printf("fuzz: seed %lu, %lu calls, %d workers\n", seed, count, nproc);
	fflush(stdout);

	start = now_ms();
	for (s = 0; s < nproc; s++) {
		sh->slot[s].budget = count / nproc + (s < (int)(count % nproc));
		sh->slot[s].gen = wslot >= 0 ? wgen : 0;
		sh->slot[s].cur = -1;
		pids[s] = 0;
		killed[s] = 0;
	}
	for (;;) {
		alive = 0;
		for (s = 0; s < nproc; s++) {
			struct slot *sl = &sh->slot[s];

			if (pids[s] == 0 && sl->calls < sl->budget &&
			    !timedout) {
				fuzz_dir();
				fflush(stdout);
				pid = fork();
				if (pid == 0)
					worker(s, wslot >= 0 ? wslot : s,
					    sl->gen, seed);
				if (pid == -1) {
					sleep_ms(10);
					continue;
				}
				pids[s] = pid;
				killed[s] = 0;
				lastcalls[s] = sl->calls;
				lastprog[s] = now_ms();
			}
			if (pids[s] != 0)
				alive++;
		}
		if (alive == 0)
			break;
		pid = wait4(-1, &st, WNOHANG | WUNTRACED, NULL);
		if (pid > 0) {
			for (s = 0; s < nproc; s++)
				if (pids[s] == pid)
					break;
			if (s == nproc)
				continue;
			/*
			 * Death by signal 127 reads as status 0177, "stopped
			 * by signal 0": a real stop names its signal.
			 */
			if (WIFSTOPPED(st) && WSTOPSIG(st) != 0) {
				stops++;
				(void)kill(pid, SIGCONT);
				continue;
			}
			pids[s] = 0;
			if (WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
			    sh->slot[s].cur == -1)
				continue;		/* done */
			if (sh->slot[s].setup_err != 0) {
				/* Out of memory or files for a while? */
				if (verbose || setupfails == 0)
					printf("fuzz: worker %d: set-up step "
					    "%d failed: errno %d\n", s,
					    sh->slot[s].setup_err / 1000,
					    sh->slot[s].setup_err % 1000);
				sh->slot[s].setup_err = 0;
				setupfails++;
				if (++setupfails_row > 500) {
					fprintf(stderr, "fuzz: workers cannot "
					    "start\n");
					return (1);
				}
				sleep_ms(20);
				continue;
			}
			setupfails_row = 0;
			if (WIFEXITED(st))
				execs++;	/* exit(2) or an exec */
			else
				deaths++;
			if (verbose) {
				printf("fuzz: worker %d gen %ld: %s%d\n", s,
				    sh->slot[s].gen, WIFEXITED(st) ? "exit " :
				    "signal ", WIFEXITED(st) ?
				    WEXITSTATUS(st) : WTERMSIG(st));
				print_call("last", s);
			}
			sh->slot[s].gen++;
			sh->slot[s].cur = -1;
			continue;
		}
		sleep_ms(20);
		if (limit > 0 && now_ms() - start > limit && !timedout) {
			timedout = 1;
			for (s = 0; s < nproc; s++)
				if (pids[s] != 0)
					(void)kill(pids[s], SIGKILL);
		}
		/* The watchdog. */
		for (s = 0; s < nproc; s++) {
			if (pids[s] == 0)
				continue;
			if (sh->slot[s].calls != lastcalls[s]) {
				lastcalls[s] = sh->slot[s].calls;
				lastprog[s] = now_ms();
				continue;
			}
			if (now_ms() - lastprog[s] < HANG_MS)
				continue;
			if (!killed[s]) {
				hangs++;
				print_call("hang", s);
				fflush(stdout);
				(void)kill(pids[s], SIGKILL);
				killed[s] = 1;
				lastprog[s] = now_ms();
			} else if (killed[s] == 1) {
				print_call("unkillable", s);
				fflush(stdout);
				unkillable++;
				killed[s] = 2;
				/* Give up on it: go on with the others. */
				pids[s] = 0;
				sh->slot[s].budget = 0;
			}
		}
	}
	kill_fuzz_uid();
	while (wait4(-1, &st, WNOHANG, NULL) > 0)
		;
	rmtree(FUZZ_DIR, 0);
	/*
	 * A worker that went to /tmp may have left names there: its own
	 * files, or links to other users' files (which link(2) allows).
	 */
	clean_tmp();

	total = 0;
	distinct = distinct_ok = 0;
	for (i = 0; i < NSC; i++) {
		calls[i] = oks[i] = 0;
		for (s = 0; s < nproc; s++) {
			calls[i] += sh->slot[s].count[i];
			oks[i] += sh->slot[s].okcount[i];
		}
		total += calls[i];
		if (calls[i] > 0 && !(table[i].kind & K_NOSYS))
			distinct++;
		if (oks[i] > 0 && !(table[i].kind & K_NOSYS))
			distinct_ok++;
	}
	printf("fuzz: %lu calls, %d distinct syscalls, %d succeeded at least "
	    "once, %d deaths, %d exits, %d stops, %d hangs, %d unkillable, "
	    "%d failed starts, %ld ms, seed %lu%s\n", total, distinct,
	    distinct_ok, deaths, execs, stops, hangs, unkillable, setupfails,
	    now_ms() - start, seed,
	    timedout ? " (time limit)" : "");
	for (i = 0; i < NSC; i++)
		printf("fuzz: %-14s %7lu calls %7lu ok\n", table[i].name,
		    calls[i], oks[i]);
	fflush(stdout);
	return (unkillable > 0 || timedout ? 1 : 0);
}
