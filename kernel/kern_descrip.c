/* kern_descrip.c: open files, fd tables, pwd objects; close, dup, fcntl. */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "systm.h"
#include "malloc.h"
#include "proc.h"
#include "file.h"
#include "uio.h"
#include "fs.h"
#include "sysproto.h"
#include "resourcevar.h"
#include "procdesc.h"
#include <sys/fcntl.h>
#include <sys/stat.h>

/*
 * Lock order here: fd_lock -> ftable.lock.  Neither is held across
 * anything that sleeps: closing a file's object (fdrop's last reference)
 * happens after both are released.
 */

struct cdevsw cdevsw[NDEVSW];

static struct {
	struct spinlock	lock;		/* guards f_count of every file */
	struct file	file[NFILE];
} ftable;

/* Boot time, before processes run; does not sleep. */
void
file_init(void)
{
	spinlock_init(&ftable.lock, "ftable");
}

/*
 * A new open file with one reference and no object yet (DTYPE_NONE: the
 * caller fills it).  Returns 0 or ENFILE.
 */
int
falloc(struct file **fpp)
{
	struct file *fp;

	spin_lock(&ftable.lock);
	for (fp = ftable.file; fp < ftable.file + NFILE; fp++) {
		if (fp->f_count == 0) {
			memset(fp, 0, sizeof(*fp));
			fp->f_count = 1;
			fp->f_type = DTYPE_NONE;
			spin_unlock(&ftable.lock);
			*fpp = fp;
			return (0);
		}
	}
	spin_unlock(&ftable.lock);
	return (ENFILE);
}

/* Another reference to fp, which the caller already references. */
struct file *
fhold(struct file *fp)
{
	spin_lock(&ftable.lock);
	KASSERT(fp->f_count > 0, "fhold: free file");
	fp->f_count++;
	spin_unlock(&ftable.lock);
	return (fp);
}

/*
 * Drop a reference; the last one closes the object (last pipe end, inode
 * reference).  May sleep; call it holding no spinlock.
 */
void
fdrop(struct file *fp)
{
	struct file ff;

	spin_lock(&ftable.lock);
	KASSERT(fp->f_count > 0, "fdrop: free file");
	if (--fp->f_count > 0) {
		spin_unlock(&ftable.lock);
		return;
	}
	/* Copy it out so the slot can be reused while we close. */
	ff = *fp;
	fp->f_type = DTYPE_NONE;
	spin_unlock(&ftable.lock);

	switch (ff.f_type) {
	case DTYPE_PIPE:
		pipe_close(ff.f_pipe, ff.f_pipewr);
		break;
	case DTYPE_VNODE:
	case DTYPE_DEV:
		begin_op();
		iput(ff.f_inode);
		end_op();
		break;
	case DTYPE_PROCDESC:
		procdesc_close(ff.f_procdesc);
		break;
	case DTYPE_NONE:
		break;
	default:
		panic("fdrop: file type %d", ff.f_type);
	}
}

/* Descriptors p may have: RLIMIT_NOFILE, at most the table's size. */
static int
fd_limit(struct proc *p)
{
	rlim_t lim = p->p_limit != NULL ? lim_cur(p, RLIMIT_NOFILE) : NOFILE;

	return (lim < NOFILE ? (int)lim : NOFILE);
}

/*
 * Install fp (whose reference the table takes over) at the lowest free
 * descriptor >= minfd of p's table.  Returns 0 and *fdp, or EMFILE.
 */
int
fdalloc(struct proc *p, struct file *fp, int minfd, int cloexec, int *fdp)
{
	struct filedesc *fdp_tab;
	int fd, lim = fd_limit(p);

	fdp_tab = p->p_fd;
	spin_lock(&fdp_tab->fd_lock);
	for (fd = minfd; fd < lim; fd++) {
		if (fdp_tab->fd_ofiles[fd] == NULL) {
			fdp_tab->fd_ofiles[fd] = fp;
			fdp_tab->fd_oflags[fd] = cloexec ? UF_EXCLOSE : 0;
			spin_unlock(&fdp_tab->fd_lock);
			*fdp = fd;
			return (0);
		}
	}
	spin_unlock(&fdp_tab->fd_lock);
	return (EMFILE);
}

/*
 * The file open on fd in p's table, with a new reference the caller
 * drops with fdrop() (so a close from a thread sharing the table cannot
 * free it under us).  Returns 0 or EBADF.
 */
int
fget(struct proc *p, int fd, struct file **fpp)
{
	struct filedesc *fdp;
	struct file *fp;

	fdp = p->p_fd;
	if (fdp == NULL || fd < 0 || fd >= NOFILE)
		return (EBADF);
	spin_lock(&fdp->fd_lock);
	fp = fdp->fd_ofiles[fd];
	if (fp == NULL) {
		spin_unlock(&fdp->fd_lock);
		return (EBADF);
	}
	fhold(fp);
	spin_unlock(&fdp->fd_lock);
	*fpp = fp;
	return (0);
}

/* ------------------------------------------------------------------ */
/* fd tables. */

/* An empty table with one reference, or NULL if out of memory. */
struct filedesc *
fdinit(void)
{
	struct filedesc *fdp;

	fdp = malloc(sizeof(*fdp), M_ZERO);
	if (fdp == NULL)
		return (NULL);
	spinlock_init(&fdp->fd_lock, "filedesc");
	fdp->fd_refcnt = 1;
	return (fdp);
}

/* A private copy of fdp: same open files (referenced), same flags. */
struct filedesc *
fdcopy(struct filedesc *fdp)
{
	struct filedesc *nfdp;
	int fd;

	if ((nfdp = fdinit()) == NULL)
		return (NULL);
	spin_lock(&fdp->fd_lock);
	for (fd = 0; fd < NOFILE; fd++) {
		/* A descriptor pdfork has reserved but not made is not copied. */
		if (fdp->fd_ofiles[fd] == NULL ||
		    fdp->fd_ofiles[fd]->f_type == DTYPE_NONE)
			continue;
		nfdp->fd_ofiles[fd] = fhold(fdp->fd_ofiles[fd]);
		nfdp->fd_oflags[fd] = fdp->fd_oflags[fd];
	}
	spin_unlock(&fdp->fd_lock);
	return (nfdp);
}

struct filedesc *
fdshare(struct filedesc *fdp)
{
	__atomic_add_fetch(&fdp->fd_refcnt, 1, __ATOMIC_ACQ_REL);
	return (fdp);
}

/*
 * Close the descriptors of fdp for which all (or, with UF_EXCLOSE, those
 * marked close-on-exec).  Each slot is emptied under fd_lock and its
 * file dropped after, since fdrop may sleep.
 */
static void
fdclose_matching(struct filedesc *fdp, int onlyexec)
{
	struct file *fp;
	int fd;

	for (fd = 0; fd < NOFILE; fd++) {
		spin_lock(&fdp->fd_lock);
		fp = fdp->fd_ofiles[fd];
		if (fp == NULL ||
		    (onlyexec && (fdp->fd_oflags[fd] & UF_EXCLOSE) == 0)) {
			spin_unlock(&fdp->fd_lock);
			continue;
		}
		fdp->fd_ofiles[fd] = NULL;
		fdp->fd_oflags[fd] = 0;
		spin_unlock(&fdp->fd_lock);
		fdrop(fp);
	}
}

void
fdcloseexec(struct filedesc *fdp)
{
	fdclose_matching(fdp, 1);
}

void
fdcloseall(struct filedesc *fdp)
{
	fdclose_matching(fdp, 0);
}

/* Drop a reference to fdp; the last closes every fd and frees it. */
void
fdfree(struct filedesc *fdp)
{
	if (__atomic_sub_fetch(&fdp->fd_refcnt, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	fdcloseall(fdp);
	free(fdp);
}

/* ------------------------------------------------------------------ */
/* I/O dispatch. */

/*
 * Read from fp through uio.  For files with an offset, f_offset is read
 * and advanced under the inode's lock.  Returns 0 or an errno; the bytes
 * moved are uio's progress either way.  May sleep.
 */
int
fo_read(struct file *fp, struct uio *uio)
{
	struct inode *ip;
	struct cdevsw *d;
	int error;

	if ((fp->f_flag & FREAD) == 0)
		return (EBADF);
	switch (fp->f_type) {
	case DTYPE_PROCDESC:
		return (EOPNOTSUPP);
	case DTYPE_PIPE:
		return (pipe_read(fp->f_pipe, uio, fp->f_flag & O_NONBLOCK));
	case DTYPE_DEV:
		d = &cdevsw[fp->f_major];
		if (d->d_read == NULL)
			return (ENXIO);
		return (d->d_read(fp->f_inode->i_minor, uio,
		    fp->f_flag & O_NONBLOCK));
	case DTYPE_VNODE:
		ip = fp->f_inode;
		ilock(ip);
		uio->uio_offset = fp->f_offset;
		error = readi(ip, uio);
		fp->f_offset = uio->uio_offset;
		iunlock(ip);
		return (error);
	default:
		return (EBADF);
	}
}

/*
 * Write to a regular file in transactions of at most FS_WRITE_CHUNK
 * bytes, so that a large write never overflows the log.  Each chunk is
 * atomic; a crash may leave a prefix of a large write.
 */
static int
vn_write(struct file *fp, struct uio *uio)
{
	struct inode *ip;
	size_t total, chunk, done;
	int error;

	ip = fp->f_inode;
	error = 0;
	while (uio->uio_resid > 0 && error == 0) {
		total = uio->uio_resid;
		chunk = MIN(total, (size_t)FS_WRITE_CHUNK);
		begin_op();
		ilock(ip);
		if (fp->f_flag & O_APPEND)
			fp->f_offset = ip->i_size;
		uio->uio_offset = fp->f_offset;
		uio->uio_resid = chunk;
		error = writei(ip, uio);
		done = chunk - uio->uio_resid;
		uio->uio_resid = total - done;
		fp->f_offset = uio->uio_offset;
		iunlock(ip);
		end_op();
	}
	return (error);
}

/* Write to fp through uio; as fo_read. */
int
fo_write(struct file *fp, struct uio *uio)
{
	struct cdevsw *d;

	if ((fp->f_flag & FWRITE) == 0)
		return (EBADF);
	switch (fp->f_type) {
	case DTYPE_PROCDESC:
		return (EOPNOTSUPP);
	case DTYPE_PIPE:
		return (pipe_write(fp->f_pipe, uio, fp->f_flag & O_NONBLOCK));
	case DTYPE_DEV:
		d = &cdevsw[fp->f_major];
		if (d->d_write == NULL)
			return (ENXIO);
		return (d->d_write(fp->f_inode->i_minor, uio,
		    fp->f_flag & O_NONBLOCK));
	case DTYPE_VNODE:
		return (vn_write(fp, uio));
	default:
		return (EBADF);
	}
}

/* ------------------------------------------------------------------ */
/* pwd objects. */

/* A pwd for directory cdir (whose reference it takes), umask 022. */
struct pwd *
pwd_alloc(struct inode *cdir)
{
	struct pwd *pwd;

	pwd = malloc(sizeof(*pwd), M_ZERO);
	if (pwd == NULL)
		return (NULL);
	pwd->pwd_refcnt = 1;
	spinlock_init(&pwd->pwd_lock, "pwd");
	pwd->pwd_cdir = cdir;
	pwd->pwd_cmask = S_IWGRP | S_IWOTH;
	return (pwd);
}

struct pwd *
pwd_hold(struct pwd *pwd)
{
	__atomic_add_fetch(&pwd->pwd_refcnt, 1, __ATOMIC_ACQ_REL);
	return (pwd);
}

/* A private copy (same directory, referenced; same umask) or NULL. */
struct pwd *
pwd_copy(struct pwd *pwd)
{
	struct pwd *npwd;

	npwd = malloc(sizeof(*npwd), M_ZERO);
	if (npwd == NULL)
		return (NULL);
	npwd->pwd_refcnt = 1;
	spinlock_init(&npwd->pwd_lock, "pwd");
	spin_lock(&pwd->pwd_lock);
	npwd->pwd_cdir = pwd->pwd_cdir != NULL ? idup(pwd->pwd_cdir) : NULL;
	npwd->pwd_cmask = pwd->pwd_cmask;
	spin_unlock(&pwd->pwd_lock);
	return (npwd);
}

/* Drop a reference; the last releases the directory.  May sleep. */
void
pwd_drop(struct pwd *pwd)
{
	if (__atomic_sub_fetch(&pwd->pwd_refcnt, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	if (pwd->pwd_cdir != NULL) {
		begin_op();
		iput(pwd->pwd_cdir);
		end_op();
	}
	free(pwd);
}

mode_t
pwd_getcmask(struct proc *p)
{
	mode_t m;

	spin_lock(&p->p_pwd->pwd_lock);
	m = p->p_pwd->pwd_cmask;
	spin_unlock(&p->p_pwd->pwd_lock);
	return (m);
}

/* ------------------------------------------------------------------ */
/* System calls. */

int
sys_close(struct proc *p, struct close_args *uap)
{
	struct filedesc *fdp;
	struct file *fp;
	int fd;

	fd = uap->fd;
	fdp = p->p_fd;
	if (fd < 0 || fd >= NOFILE)
		return (EBADF);
	spin_lock(&fdp->fd_lock);
	fp = fdp->fd_ofiles[fd];
	if (fp == NULL) {
		spin_unlock(&fdp->fd_lock);
		return (EBADF);
	}
	fdp->fd_ofiles[fd] = NULL;
	fdp->fd_oflags[fd] = 0;
	spin_unlock(&fdp->fd_lock);
	fdrop(fp);
	return (0);
}

/*
 * Duplicate fd onto the lowest free descriptor >= minfd.  The new
 * descriptor is not close-on-exec unless cloexec.
 */
static int
kern_dup(struct proc *p, int fd, int minfd, int cloexec)
{
	struct file *fp;
	int error, nfd;

	if ((error = fget(p, fd, &fp)) != 0)
		return (error);
	if ((error = fdalloc(p, fp, minfd, cloexec, &nfd)) != 0) {
		fdrop(fp);
		return (error);
	}
	p->p_retval[0] = nfd;
	return (0);
}

int
sys_dup(struct proc *p, struct dup_args *uap)
{
	return (kern_dup(p, uap->fd, 0, 0));
}

/*
 * Make `to' refer to the file of `from', closing what `to' had.  The
 * swap is one step under fd_lock, so no other thread sees `to' empty.
 */
int
sys_dup2(struct proc *p, struct dup2_args *uap)
{
	struct filedesc *fdp;
	struct file *fp, *old;
	int error, to;

	to = uap->to;
	if ((error = fget(p, uap->from, &fp)) != 0)
		return (error);
	if (to < 0 || to >= fd_limit(p)) {
		fdrop(fp);
		return (EBADF);
	}
	if (to == uap->from) {
		fdrop(fp);
		p->p_retval[0] = to;
		return (0);
	}
	fdp = p->p_fd;
	spin_lock(&fdp->fd_lock);
	old = fdp->fd_ofiles[to];
	fdp->fd_ofiles[to] = fp;	/* takes over fget's reference */
	fdp->fd_oflags[to] = 0;
	spin_unlock(&fdp->fd_lock);
	if (old != NULL)
		fdrop(old);
	p->p_retval[0] = to;
	return (0);
}

int
sys_fcntl(struct proc *p, struct fcntl_args *uap)
{
	struct filedesc *fdp;
	struct file *fp;
	int error, fd;
	long arg;

	fd = uap->fd;
	arg = uap->arg;
	fdp = p->p_fd;
	switch (uap->cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= fd_limit(p))
			return (EINVAL);
		return (kern_dup(p, fd, (int)arg, uap->cmd == F_DUPFD_CLOEXEC));
	case F_GETFD:
	case F_SETFD:
		if (fd < 0 || fd >= NOFILE)
			return (EBADF);
		spin_lock(&fdp->fd_lock);
		if (fdp->fd_ofiles[fd] == NULL) {
			spin_unlock(&fdp->fd_lock);
			return (EBADF);
		}
		if (uap->cmd == F_GETFD)
			p->p_retval[0] = (fdp->fd_oflags[fd] & UF_EXCLOSE) ?
			    FD_CLOEXEC : 0;
		else
			fdp->fd_oflags[fd] = (arg & FD_CLOEXEC) ?
			    UF_EXCLOSE : 0;
		spin_unlock(&fdp->fd_lock);
		return (0);
	case F_GETFL:
	case F_SETFL:
		if ((error = fget(p, fd, &fp)) != 0)
			return (error);
		if (uap->cmd == F_GETFL) {
			p->p_retval[0] = fp->f_flag &
			    (O_NONBLOCK | O_APPEND);
			if ((fp->f_flag & (FREAD | FWRITE)) ==
			    (FREAD | FWRITE))
				p->p_retval[0] |= O_RDWR;
			else if (fp->f_flag & FWRITE)
				p->p_retval[0] |= O_WRONLY;
		} else {
			/*
			 * An atomic update: another thread may change
			 * them through a dup of the same file.
			 */
			int old, new;

			do {
				old = __atomic_load_n(&fp->f_flag,
				    __ATOMIC_ACQUIRE);
				new = (old & ~(O_NONBLOCK | O_APPEND)) |
				    (arg & (O_NONBLOCK | O_APPEND));
			} while (!__atomic_compare_exchange_n(&fp->f_flag,
			    &old, new, 0, __ATOMIC_ACQ_REL,
			    __ATOMIC_ACQUIRE));
		}
		fdrop(fp);
		return (0);
	default:
		return (EINVAL);
	}
}
