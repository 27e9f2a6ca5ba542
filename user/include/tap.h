/*
 * tap.h: a small TAP (Test Anything Protocol) harness for test programs.
 *
 * A test program is a table of named cases and a main that hands it to
 * tap_main():
 *
 *	static void t_create(void) { ... check(fd >= 0, "open: %d", errno); }
 *	static const struct tap_case cases[] = {
 *		{ "create", t_create },
 *	};
 *	int main(int argc, char **argv)
 *	{ return (tap_main(cases, TAP_NCASES(cases), argc, argv)); }
 *
 * tap_main prints the plan `1..N` and runs each case in a child process of
 * its own, so a case that crashes or hangs fails alone: it prints
 * `ok K - name`, or `not ok K - name # why`.  `prog CASE...` runs only the
 * named cases, `prog -l` lists them.  Output goes straight to fd 1 with one
 * write(2) per line (never through a stdio buffer that fork would copy).
 *
 * Inside a case, check() and friends end the case at the first failure.
 * In a process the case forked, a failing check prints a `#` line and exits
 * with TAP_CHILD_FAILED, which tap_wait_ok() in the case turns into the
 * case's failure.
 */
#ifndef _TAP_H_
#define _TAP_H_

#include <sys/types.h>

struct tap_case {
	const char	*name;
	void		(*fn)(void);
};

#define	TAP_NCASES(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define	TAP_CHILD_FAILED	97	/* exit status: a check failed in a child */
#define	TAP_REPORTED		99	/* exit status: the case printed its line */
#define	TAP_CASE_TIMEOUT	90	/* seconds a case may run before SIGKILL */

/* Run the cases named on the command line, or all; returns exit status. */
int	tap_main(const struct tap_case *cases, int ncases, int argc,
	    char **argv);

/* Plain TAP, for programs that do not use tap_main. */
void	tap_plan(int n);
int	ok(int cond, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Assertions inside a case.  check(cond, fmt, ...) fails the case with the
 * message (and the line) unless cond holds.  check_errno(call, err) wants
 * call to return -1 with errno == err.  SYS(call) wants call to succeed
 * (not return -1) and gives its value, for setup steps.
 */
#define	check(cond, ...)	tap_check(!!(cond), __LINE__, __VA_ARGS__)
#define	check_errno(call, err)	tap_check_errno((long)(call), (err), \
				    __LINE__, #call, #err)
#define	SYS(call)		tap_sys((long)(call), __LINE__, #call)

void	tap_check(int cond, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	tap_check_errno(long ret, int err, int line, const char *call,
	    const char *errname);
long	tap_sys(long ret, int line, const char *call);
void	tap_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)))
	    __attribute__((noreturn));
void	tap_skip(const char *why) __attribute__((noreturn));

/* Processes. */
pid_t	tap_fork(void);			/* fork, or fail the case */
int	tap_wait(pid_t pid);		/* wait4 that pid; its status */
void	tap_wait_ok(pid_t pid);		/* ... and want exit status 0 */
const char *tap_status_str(int status);	/* "exit 3", "signal 9" */

/*
 * Run argv[0] (a path) with argv and envp, its stdout and stderr into a
 * pipe; put what it printed (NUL-terminated, at most outlen - 1 bytes) in
 * out and return its wait status.  A child whose execve fails exits 127
 * after printing "execve: errno N".
 */
int	tap_run(char *const argv[], char *const envp[], char *out,
	    size_t outlen);

/* Time. */
void	tap_sleep_ms(long ms);
long	tap_now_ms(void);		/* CLOCK_MONOTONIC in milliseconds */

/*
 * Memory accounting: the kernel's free page count (sysctl
 * vm.stats.vm.v_free_count), and a check that it came back to within
 * slack pages of before (retried for a while, since the kernel may free
 * a reaped child's pages a moment late).
 */
unsigned long	tap_free_pages(void);
int	tap_sysctl_int(const char *name);	/* an int sysctl, or fail */
void	tap_check_free_pages(unsigned long before, unsigned long slack,
	    const char *what);

#endif /* !_TAP_H_ */
