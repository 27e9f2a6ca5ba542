/*
 * unistd.c: the C wrappers around system calls whose user-visible form
 * differs from the raw stub in syscalls.S (see kernel/syscalls.master).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Raw stubs generated from syscalls.master. */
long	__sys_sbrk(long incr);
int	__getcwd(char *buf, size_t buflen);
int	__sysctlbyname(const char *name, size_t namelen, void *oldp,
	    size_t *oldlenp, const void *newp, size_t newlen);

/* The kernel's sbrk returns the old break, as sbrk(2) does. */
void *
sbrk(intptr_t incr)
{
	long old;

	if ((old = __sys_sbrk(incr)) == -1)
		return ((void *)-1);
	return ((void *)old);
}

/* The kernel fills buf and returns 0; NULL buf means "allocate one". */
char *
getcwd(char *buf, size_t size)
{
	char *mine = NULL;

	if (buf == NULL) {
		if (size == 0)
			size = PATH_MAX;
		if ((buf = mine = malloc(size)) == NULL)
			return (NULL);
	} else if (size == 0) {
		errno = EINVAL;
		return (NULL);
	}
	if (__getcwd(buf, size) != 0) {
		free(mine);
		return (NULL);
	}
	return (buf);
}

int
sysctlbyname(const char *name, void *oldp, size_t *oldlenp,
    const void *newp, size_t newlen)
{
	return (__sysctlbyname(name, strlen(name), oldp, oldlenp, newp,
	    newlen));
}

int
pipe(int fds[2])
{
	return (pipe2(fds, 0));
}

pid_t
wait(int *status)
{
	return (wait4(WAIT_ANY, status, 0, NULL));
}

pid_t
waitpid(pid_t pid, int *status, int options)
{
	return (wait4(pid, status, options, NULL));
}

int
stat(const char *path, struct stat *sb)
{
	return (fstatat(AT_FDCWD, path, sb, 0));
}

/* No symbolic links yet, so lstat is stat. */
int
lstat(const char *path, struct stat *sb)
{
	return (fstatat(AT_FDCWD, path, sb, 0));
}

/*
 * No terminal ioctls yet: a character device (the console) counts as a
 * terminal.  /dev/null would too, which errs on the side of prompting.
 */
int
isatty(int fd)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return (0);
	if (!S_ISCHR(sb.st_mode)) {
		errno = ENOTTY;
		return (0);
	}
	return (1);
}

int
creat(const char *path, mode_t mode)
{
	return (open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));
}

/* Returns the seconds left if a signal cut the sleep short. */
unsigned int
sleep(unsigned int seconds)
{
	struct timespec ts = { seconds, 0 }, left;

	if (nanosleep(&ts, &left) == 0)
		return (0);
	return (left.tv_sec + (left.tv_nsec > 0));
}

/*
 * Arm (or with 0, disarm) SIGALRM; returns the seconds the previous alarm
 * had left, rounded up as FreeBSD does, or 0.
 */
unsigned int
alarm(unsigned int seconds)
{
	struct itimerval it, oit;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	if (setitimer(ITIMER_REAL, &it, &oit) != 0)
		return ((unsigned int)-1);
	if (oit.it_value.tv_usec != 0)
		oit.it_value.tv_sec++;
	return ((unsigned int)oit.it_value.tv_sec);
}

/* Sleep with the current mask until a handler has run: always EINTR. */
int
pause(void)
{
	sigset_t mask;

	if (sigprocmask(SIG_BLOCK, NULL, &mask) != 0)
		return (-1);
	return (sigsuspend(&mask));
}

pid_t
tcgetpgrp(int fd)
{
	int pgrp;

	if (ioctl(fd, TIOCGPGRP, &pgrp) != 0)
		return (-1);
	return (pgrp);
}

int
tcsetpgrp(int fd, pid_t pgrp)
{
	int pg = pgrp;

	return (ioctl(fd, TIOCSPGRP, &pg));
}

pid_t
tcgetsid(int fd)
{
	int sid;

	if (ioctl(fd, TIOCGSID, &sid) != 0)
		return (-1);
	return (sid);
}

int
usleep(unsigned int microseconds)
{
	struct timespec ts;

	ts.tv_sec = microseconds / 1000000;
	ts.tv_nsec = (long)(microseconds % 1000000) * 1000;
	return (nanosleep(&ts, NULL));
}

time_t
time(time_t *tloc)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return ((time_t)-1);
	if (tloc != NULL)
		*tloc = ts.tv_sec;
	return (ts.tv_sec);
}

int
execv(const char *path, char *const argv[])
{
	return (execve(path, argv, environ));
}

/*
 * execvp with an environment (libc-internal, see local.h): search PATH
 * (default "/bin:/") unless file has a slash; an empty element means the
 * current directory.  Returns -1 with errno: EACCES if some candidate
 * was not executable, else ENOENT, or the first other error.  posix_spawnp
 * shares it.
 */
int
__execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path, *dir, *end;
	char buf[PATH_MAX];
	size_t dlen, flen;
	int sawaccess = 0;

	if (*file == '\0') {
		errno = ENOENT;
		return (-1);
	}
	if (strchr(file, '/') != NULL)
		return (execve(file, argv, envp));
	if ((path = getenv("PATH")) == NULL)
		path = "/bin:/";
	flen = strlen(file);
	for (dir = path;; dir = end + 1) {
		end = strchr(dir, ':');
		if (end == NULL)
			end = dir + strlen(dir);
		dlen = end - dir;
		if (dlen == 0) {
			dir = ".";
			dlen = 1;
		}
		if (dlen + flen + 2 <= sizeof(buf)) {
			memcpy(buf, dir, dlen);
			buf[dlen] = '/';
			memcpy(buf + dlen + 1, file, flen + 1);
			execve(buf, argv, envp);
			if (errno == EACCES)
				sawaccess = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return (-1);
		}
		if (*end == '\0')
			break;
	}
	errno = sawaccess ? EACCES : ENOENT;
	return (-1);
}

int
execvp(const char *file, char *const argv[])
{
	return (__execvpe(file, argv, environ));
}

/* Gather execl's arguments into an array on the stack and run execf. */
#define	EXECL_MAX	64

static int
execl_common(int (*execf)(const char *, char *const *), const char *path,
    const char *arg, va_list ap)
{
	char *argv[EXECL_MAX + 1];
	int n = 0;

	argv[n++] = (char *)arg;
	while (arg != NULL) {
		arg = va_arg(ap, const char *);
		if (n == EXECL_MAX) {
			errno = E2BIG;
			return (-1);
		}
		argv[n++] = (char *)arg;
	}
	return (execf(path, argv));
}

int
execl(const char *path, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = execl_common(execv, path, arg, ap);
	va_end(ap);
	return (r);
}

int
execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = execl_common(execvp, file, arg, ap);
	va_end(ap);
	return (r);
}
