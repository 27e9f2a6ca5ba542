/* strerror.c: messages for error and signal numbers, perror(3), psignal(3). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* The wording is FreeBSD's, so messages read the same on both. */
static const char *const errlist[ELAST + 1] = {
	[0] = "No error: 0",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[ENXIO] = "Device not configured",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EDEADLK] = "Resource deadlock avoided",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Device busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Cross-device link",
	[ENODEV] = "Operation not supported by device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[ETXTBSY] = "Text file busy",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EMLINK] = "Too many links",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Numerical argument out of domain",
	[ERANGE] = "Result too large",
	[EAGAIN] = "Resource temporarily unavailable",
	[EINPROGRESS] = "Operation now in progress",
	[EALREADY] = "Operation already in progress",
	[ENOTSOCK] = "Socket operation on non-socket",
	[EOPNOTSUPP] = "Operation not supported",
	[ENAMETOOLONG] = "File name too long",
	[ENOTEMPTY] = "Directory not empty",
	[EPROCLIM] = "Too many processes",
	[ENOSYS] = "Function not implemented",
	[EOVERFLOW] = "Value too large to be stored in data type",
	[ECAPMODE] = "Not permitted in capability mode",
};

/* Room for "Unknown error: -2147483648". */
static char	unknown[40];

char *
strerror(int errnum)
{
	if (errnum >= 0 && errnum <= ELAST && errlist[errnum] != NULL)
		return ((char *)errlist[errnum]);
	snprintf(unknown, sizeof(unknown), "Unknown error: %d", errnum);
	return (unknown);
}

void
perror(const char *s)
{
	/* strerror may call snprintf, which must not clobber errno here. */
	int error = errno;

	if (s != NULL && *s != '\0')
		fprintf(stderr, "%s: %s\n", s, strerror(error));
	else
		fprintf(stderr, "%s\n", strerror(error));
	errno = error;
}

const char *const sys_signame[NSIG] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",
	[SIGEMT] = "EMT", [SIGFPE] = "FPE", [SIGKILL] = "KILL",
	[SIGBUS] = "BUS", [SIGSEGV] = "SEGV", [SIGSYS] = "SYS",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
	[SIGURG] = "URG", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGCONT] = "CONT", [SIGCHLD] = "CHLD", [SIGTTIN] = "TTIN",
	[SIGTTOU] = "TTOU", [SIGIO] = "IO", [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
	[SIGWINCH] = "WINCH", [SIGINFO] = "INFO", [SIGUSR1] = "USR1",
	[SIGUSR2] = "USR2",
};

const char *const sys_siglist[NSIG] = {
	[SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction", [SIGTRAP] = "Trace/BPT trap",
	[SIGABRT] = "Abort trap", [SIGEMT] = "EMT trap",
	[SIGFPE] = "Floating point exception", [SIGKILL] = "Killed",
	[SIGBUS] = "Bus error", [SIGSEGV] = "Segmentation fault",
	[SIGSYS] = "Bad system call", [SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated",
	[SIGURG] = "Urgent I/O condition", [SIGSTOP] = "Suspended (signal)",
	[SIGTSTP] = "Suspended", [SIGCONT] = "Continued",
	[SIGCHLD] = "Child exited", [SIGTTIN] = "Stopped (tty input)",
	[SIGTTOU] = "Stopped (tty output)", [SIGIO] = "I/O possible",
	[SIGXCPU] = "Cputime limit exceeded",
	[SIGXFSZ] = "Filesize limit exceeded",
	[SIGVTALRM] = "Virtual timer expired",
	[SIGPROF] = "Profiling timer expired",
	[SIGWINCH] = "Window size changes", [SIGINFO] = "Information request",
	[SIGUSR1] = "User defined signal 1",
	[SIGUSR2] = "User defined signal 2",
};

char *
strsignal(int sig)
{
	if (sig > 0 && sig < NSIG && sys_siglist[sig] != NULL)
		return ((char *)sys_siglist[sig]);
	snprintf(unknown, sizeof(unknown), "Unknown signal: %d", sig);
	return (unknown);
}

/* Like perror(3), for a signal: "s: description". */
void
psignal(int sig, const char *s)
{
	if (s != NULL && *s != '\0')
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}
