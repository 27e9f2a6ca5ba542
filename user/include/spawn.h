/*
 * spawn.h: posix_spawn(3) and posix_spawnp(3), with their file actions
 * and attributes.  Flag values are FreeBSD's.
 */
#ifndef _SPAWN_H_
#define _SPAWN_H_

#include <sys/types.h>
#include <signal.h>

/* Opaque handles: each init allocates the object the handle points to. */
typedef struct __posix_spawnattr		*posix_spawnattr_t;
typedef struct __posix_spawn_file_actions	*posix_spawn_file_actions_t;

#define	POSIX_SPAWN_RESETIDS	0x01	/* effective ids = real ids */
#define	POSIX_SPAWN_SETPGROUP	0x02	/* setpgid(0, pgroup) */
#define	POSIX_SPAWN_SETSCHEDPARAM 0x04	/* not supported: EINVAL */
#define	POSIX_SPAWN_SETSCHEDULER 0x08	/* FreeBSD's value; not supported */
#define	POSIX_SPAWN_SETSIGDEF	0x10	/* the sigdefault set to SIG_DFL */
#define	POSIX_SPAWN_SETSIGMASK	0x20	/* the signal mask = sigmask */

int	posix_spawn(pid_t *pid, const char *path,
	    const posix_spawn_file_actions_t *file_actions,
	    const posix_spawnattr_t *attrp, char *const argv[],
	    char *const envp[]);
int	posix_spawnp(pid_t *pid, const char *file,
	    const posix_spawn_file_actions_t *file_actions,
	    const posix_spawnattr_t *attrp, char *const argv[],
	    char *const envp[]);

/* File actions, applied in the child in the order they were added. */
int	posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa);
int	posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa);
int	posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa,
	    int fildes, const char *path, int oflag, mode_t mode);
int	posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa,
	    int fildes, int newfildes);
int	posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa,
	    int fildes);

/* Attributes. */
int	posix_spawnattr_init(posix_spawnattr_t *attr);
int	posix_spawnattr_destroy(posix_spawnattr_t *attr);
int	posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags);
int	posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags);
int	posix_spawnattr_getpgroup(const posix_spawnattr_t *attr,
	    pid_t *pgroup);
int	posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup);
int	posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr,
	    sigset_t *sigdefault);
int	posix_spawnattr_setsigdefault(posix_spawnattr_t *attr,
	    const sigset_t *sigdefault);
int	posix_spawnattr_getsigmask(const posix_spawnattr_t *attr,
	    sigset_t *sigmask);
int	posix_spawnattr_setsigmask(posix_spawnattr_t *attr,
	    const sigset_t *sigmask);

#endif /* !_SPAWN_H_ */
