/*
 * posix_spawn.c: posix_spawn(3) and posix_spawnp(3), FreeBSD's way
 * (lib/libc/gen/posix_spawn.c): rfork(RFSPAWN) makes a child that shares
 * our memory and runs on our stack while we sleep until it execs or
 * exits, with its caught signals already back to SIG_DFL.  The child
 * applies the attributes and file actions, then execs.  If anything
 * fails, it stores the errno where we can see it (same memory) and
 * _exits with 127; we reap it and return that errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "local.h"

/*
 * The child returns from rfork on our stack, so tell the compiler that
 * rfork returns twice, as vfork is declared, and keep nothing it needs
 * across the call in registers it might reuse.
 */
pid_t	rfork(int flags) __attribute__((returns_twice));

#define	SPAWN_FLAGS	(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | \
    POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)

struct __posix_spawnattr {
	short		sa_flags;
	pid_t		sa_pgroup;
	sigset_t	sa_sigdefault;
	sigset_t	sa_sigmask;
};

enum fae_action { FAE_OPEN, FAE_DUP2, FAE_CLOSE };

/* One file action; the list keeps them in the order they were added. */
struct spawn_fa {
	struct spawn_fa	*fae_next;
	enum fae_action	fae_action;
	int		fae_fildes;
	int		fae_newfildes;	/* FAE_DUP2 */
	char		*fae_path;	/* FAE_OPEN: a copy of the path */
	int		fae_oflag;
	mode_t		fae_mode;
};

struct __posix_spawn_file_actions {
	struct spawn_fa	*fa_head;
	struct spawn_fa	**fa_tail;
};

/* What the child needs; error is written by the child, read by us. */
struct spawn_args {
	const char		*path;
	char *const		*argv;
	char *const		*envp;
	const struct __posix_spawnattr *attr;
	const struct __posix_spawn_file_actions *fa;
	int			use_path;	/* posix_spawnp */
	volatile int		error;
};

/* In the child: the attributes, in FreeBSD's order. */
static int
spawn_attrs(const struct __posix_spawnattr *sa)
{
	struct sigaction act;
	int sig;

	if (sa->sa_flags & POSIX_SPAWN_SETPGROUP)
		if (setpgid(0, sa->sa_pgroup) != 0)
			return (errno);
	if (sa->sa_flags & POSIX_SPAWN_RESETIDS) {
		if (setegid(getgid()) != 0)
			return (errno);
		if (seteuid(getuid()) != 0)
			return (errno);
	}
	if (sa->sa_flags & POSIX_SPAWN_SETSIGMASK)
		if (sigprocmask(SIG_SETMASK, &sa->sa_sigmask, NULL) != 0)
			return (errno);
	if (sa->sa_flags & POSIX_SPAWN_SETSIGDEF) {
		memset(&act, 0, sizeof(act));
		act.sa_handler = SIG_DFL;
		for (sig = 1; sig <= _SIG_MAXSIG; sig++) {
			/* SIGKILL and SIGSTOP are always SIG_DFL. */
			if (sig == SIGKILL || sig == SIGSTOP ||
			    sigismember(&sa->sa_sigdefault, sig) != 1)
				continue;
			if (sigaction(sig, &act, NULL) != 0)
				return (errno);
		}
	}
	return (0);
}

/* In the child: one file action. */
static int
spawn_file_action(const struct spawn_fa *fae)
{
	int fd, flags, saved;

	switch (fae->fae_action) {
	case FAE_OPEN:
		fd = open(fae->fae_path, fae->fae_oflag, fae->fae_mode);
		if (fd < 0)
			return (errno);
		if (fd != fae->fae_fildes) {
			if (dup2(fd, fae->fae_fildes) == -1) {
				saved = errno;
				(void)close(fd);
				return (saved);
			}
			(void)close(fd);
		}
		break;
	case FAE_DUP2:
		if (fae->fae_fildes == fae->fae_newfildes) {
			/* POSIX: dup2 onto itself clears FD_CLOEXEC. */
			if ((flags = fcntl(fae->fae_fildes, F_GETFD, 0)) == -1)
				return (errno);
			if (fcntl(fae->fae_fildes, F_SETFD,
			    flags & ~FD_CLOEXEC) == -1)
				return (errno);
		} else if (dup2(fae->fae_fildes, fae->fae_newfildes) == -1)
			return (errno);
		break;
	case FAE_CLOSE:
		/* Closing a descriptor that is not open is no error. */
		(void)close(fae->fae_fildes);
		break;
	}
	return (0);
}

/* posix_spawnp searches PATH as execvp(3) does; errno as the result. */
static int
spawn_execvpe(const char *file, char *const argv[], char *const envp[])
{
	(void)__execvpe(file, argv, envp);
	return (errno);
}

/*
 * The child's whole life: it must not return (it runs on its parent's
 * stack), so every path ends in exec or _exit.
 */
static void __attribute__((noreturn, noinline))
spawn_child(struct spawn_args *sa)
{
	const struct spawn_fa *fae;
	int error;

	if (sa->attr != NULL && (error = spawn_attrs(sa->attr)) != 0)
		goto fail;
	if (sa->fa != NULL)
		for (fae = sa->fa->fa_head; fae != NULL; fae = fae->fae_next)
			if ((error = spawn_file_action(fae)) != 0)
				goto fail;
	if (sa->use_path)
		error = spawn_execvpe(sa->path, sa->argv, sa->envp);
	else {
		execve(sa->path, sa->argv, sa->envp);
		error = errno;
	}
fail:
	sa->error = error;
	_exit(127);
}

static int
spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *attrp, char *const argv[], char *const envp[],
    int use_path)
{
	struct spawn_args sa;
	pid_t p;

	sa.path = path;
	sa.argv = argv;
	sa.envp = envp != NULL ? envp : environ;
	sa.attr = attrp != NULL ? *attrp : NULL;
	sa.fa = fa != NULL ? *fa : NULL;
	sa.use_path = use_path;
	sa.error = 0;

	p = rfork(RFSPAWN);
	if (p == -1 && errno == EINVAL) {
		/* A kernel without RFSPAWN: vfork shares memory too. */
		p = vfork();
	}
	if (p == 0)
		spawn_child(&sa);
	if (p == -1)
		return (errno);
	if (sa.error != 0) {
		/* The child has _exited (or is about to): reap it. */
		while (waitpid(p, NULL, 0) == -1 && errno == EINTR)
			;
		return (sa.error);
	}
	if (pid != NULL)
		*pid = p;
	return (0);
}

int
posix_spawn(pid_t *pid, const char *path,
    const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attrp,
    char *const argv[], char *const envp[])
{
	return (spawn(pid, path, fa, attrp, argv, envp, 0));
}

int
posix_spawnp(pid_t *pid, const char *file,
    const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attrp,
    char *const argv[], char *const envp[])
{
	return (spawn(pid, file, fa, attrp, argv, envp, 1));
}

/* ---- file actions ---- */

int
posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	struct __posix_spawn_file_actions *f;

	if ((f = malloc(sizeof(*f))) == NULL)
		return (ENOMEM);
	f->fa_head = NULL;
	f->fa_tail = &f->fa_head;
	*fa = f;
	return (0);
}

int
posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	struct spawn_fa *fae, *next;

	for (fae = (*fa)->fa_head; fae != NULL; fae = next) {
		next = fae->fae_next;
		free(fae->fae_path);
		free(fae);
	}
	free(*fa);
	*fa = NULL;
	return (0);
}

/* Append a new action of the given kind for fildes; NULL if no memory. */
static struct spawn_fa *
fa_append(posix_spawn_file_actions_t *fa, enum fae_action action,
    int fildes)
{
	struct spawn_fa *fae;

	if ((fae = calloc(1, sizeof(*fae))) == NULL)
		return (NULL);
	fae->fae_action = action;
	fae->fae_fildes = fildes;
	*(*fa)->fa_tail = fae;
	(*fa)->fa_tail = &fae->fae_next;
	return (fae);
}

int
posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa,
    int fildes, const char *path, int oflag, mode_t mode)
{
	struct spawn_fa *fae;
	char *copy;

	if (fildes < 0)
		return (EBADF);
	if ((copy = malloc(strlen(path) + 1)) == NULL)
		return (ENOMEM);
	strcpy(copy, path);
	if ((fae = fa_append(fa, FAE_OPEN, fildes)) == NULL) {
		free(copy);
		return (ENOMEM);
	}
	fae->fae_path = copy;
	fae->fae_oflag = oflag;
	fae->fae_mode = mode;
	return (0);
}

int
posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa,
    int fildes, int newfildes)
{
	struct spawn_fa *fae;

	if (fildes < 0 || newfildes < 0)
		return (EBADF);
	if ((fae = fa_append(fa, FAE_DUP2, fildes)) == NULL)
		return (ENOMEM);
	fae->fae_newfildes = newfildes;
	return (0);
}

int
posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa,
    int fildes)
{
	if (fildes < 0)
		return (EBADF);
	if (fa_append(fa, FAE_CLOSE, fildes) == NULL)
		return (ENOMEM);
	return (0);
}

/* ---- attributes ---- */

int
posix_spawnattr_init(posix_spawnattr_t *attr)
{
	struct __posix_spawnattr *sa;

	if ((sa = calloc(1, sizeof(*sa))) == NULL)
		return (ENOMEM);
	*attr = sa;
	return (0);
}

int
posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	free(*attr);
	*attr = NULL;
	return (0);
}

int
posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags)
{
	*flags = (*attr)->sa_flags;
	return (0);
}

int
posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	if (flags & ~SPAWN_FLAGS)
		return (EINVAL);
	(*attr)->sa_flags = flags;
	return (0);
}

int
posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup)
{
	*pgroup = (*attr)->sa_pgroup;
	return (0);
}

int
posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	(*attr)->sa_pgroup = pgroup;
	return (0);
}

int
posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr,
    sigset_t *sigdefault)
{
	*sigdefault = (*attr)->sa_sigdefault;
	return (0);
}

int
posix_spawnattr_setsigdefault(posix_spawnattr_t *attr,
    const sigset_t *sigdefault)
{
	(*attr)->sa_sigdefault = *sigdefault;
	return (0);
}

int
posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *sigmask)
{
	*sigmask = (*attr)->sa_sigmask;
	return (0);
}

int
posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *sigmask)
{
	(*attr)->sa_sigmask = *sigmask;
	return (0);
}
