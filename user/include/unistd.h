/* unistd.h: the POSIX process, file and directory calls. */
#ifndef _UNISTD_H_
#define _UNISTD_H_

#include <sys/types.h>
#include <sys/unistd.h>

#define	STDIN_FILENO	0
#define	STDOUT_FILENO	1
#define	STDERR_FILENO	2

#define	SEEK_SET	0
#define	SEEK_CUR	1
#define	SEEK_END	2

extern char	**environ;

/* Processes. */
pid_t	fork(void);
pid_t	vfork(void) __attribute__((returns_twice));
pid_t	rfork(int flags);
pid_t	rfork_thread(int flags, void *stack, int (*func)(void *), void *arg);
int	execve(const char *path, char *const argv[], char *const envp[]);
int	execv(const char *path, char *const argv[]);
int	execvp(const char *file, char *const argv[]);
int	execl(const char *path, const char *arg, ...);
int	execlp(const char *file, const char *arg, ...);
void	_exit(int status) __attribute__((noreturn));
pid_t	getpid(void);
pid_t	getppid(void);
uid_t	getuid(void);
uid_t	geteuid(void);
gid_t	getgid(void);
gid_t	getegid(void);
int	setuid(uid_t uid);
int	seteuid(uid_t euid);
int	setgid(gid_t gid);
int	setegid(gid_t egid);
pid_t	getpgrp(void);
pid_t	getpgid(pid_t pid);
int	setpgid(pid_t pid, pid_t pgid);
pid_t	setsid(void);
pid_t	getsid(pid_t pid);
unsigned int sleep(unsigned int seconds);
int	usleep(unsigned int microseconds);
unsigned int alarm(unsigned int seconds);
int	pause(void);
int	reboot(int howto);

/* Files and descriptors. */
ssize_t	read(int fd, void *buf, size_t nbytes);
ssize_t	write(int fd, const void *buf, size_t nbytes);
int	close(int fd);
int	dup(int fd);
int	dup2(int from, int to);
int	pipe(int fds[2]);
int	pipe2(int fds[2], int flags);
off_t	lseek(int fd, off_t offset, int whence);
int	link(const char *path, const char *newpath);
int	unlink(const char *path);
int	rmdir(const char *path);
int	chown(const char *path, uid_t owner, gid_t group);
int	isatty(int fd);
pid_t	tcgetpgrp(int fd);
int	tcsetpgrp(int fd, pid_t pgrp);

/* Directories. */
int	chdir(const char *path);
int	fchdir(int fd);
char	*getcwd(char *buf, size_t size);

/* Memory. */
void	*sbrk(intptr_t incr);

/* getopt(3). */
extern char	*optarg;
extern int	optind, opterr, optopt, optreset;
int	getopt(int argc, char *const argv[], const char *optstring);

#endif /* !_UNISTD_H_ */
