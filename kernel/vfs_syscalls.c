/* vfs_syscalls.c: system calls on path names: open, mkdir, link, chdir... */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "systm.h"
#include "proc.h"
#include "ucred.h"
#include "file.h"
#include "uio.h"
#include "fs.h"
#include "sysproto.h"
#include "procdesc.h"
#include <sys/fcntl.h>
#include <sys/stat.h>

#define	LINK_MAX		32767	/* most links to one inode */
#define	AT_SYMLINK_NOFOLLOW	0x0200	/* FreeBSD's; a no-op: no symlinks */

/* Copy a user path in; EFAULT or ENAMETOOLONG (MAXPATH with the NUL). */
static int
copyin_path(const char *upath, char *kpath)
{
	return (copyinstr(upath, kpath, MAXPATH, NULL));
}

/*
 * Create path as a new inode of the given mode (type and permission bits,
 * umask already applied), owned by the caller's euid and the directory's
 * group (BSD), with device numbers for S_IFCHR.  A directory gets "." and
 * "..".  If path exists: EEXIST, unless openexisting, in which case the
 * existing inode is returned and *createdp is 0.  Returns 0 and *ipp
 * locked and referenced.  Inside a transaction; may sleep.
 */
static int
vn_create(struct proc *p, const char *path, mode_t mode, int major,
    int minor, int openexisting, struct inode **ipp, int *createdp)
{
	char name[FS_MAXNAMLEN + 1];
	struct ucred *cred;
	struct inode *dp, *ip;
	int error;

	cred = p->p_ucred;
	*createdp = 0;
	dp = nameiparent_at(NULL, path, name, &error);
	if (dp == NULL) {
		/* EEXIST: a path without a last element, such as "/". */
		if (error != EEXIST || !openexisting)
			return (error);
		if ((ip = namei(path, &error)) == NULL)
			return (error);
		ilock(ip);
		*ipp = ip;
		return (0);
	}
	ilock(dp);
	error = dirlookup(dp, name, &ip, NULL);
	if (error == 0) {
		iunlockput(dp);
		if (!openexisting) {
			iput(ip);
			return (EEXIST);
		}
		ilock(ip);
		*ipp = ip;
		return (0);
	}
	if (error != ENOENT)
		goto out;
	/* A removed directory keeps "." and "..", but takes no new names. */
	if (dp->i_nlink == 0) {
		error = ENOENT;
		goto out;
	}
	if ((error = inode_access(dp, VWRITE | VEXEC, cred)) != 0)
		goto out;
	if (S_ISDIR(mode) && dp->i_nlink >= LINK_MAX) {
		error = EMLINK;
		goto out;
	}
	if ((error = ialloc(dp->i_dev, mode, &ip)) != 0)
		goto out;
	ilock(ip);
	ip->i_uid = cred->cr_uid;
	ip->i_gid = dp->i_gid;
	ip->i_major = major;
	ip->i_minor = minor;
	ip->i_nlink = 1;
	if (S_ISDIR(mode)) {
		/* Its entry in dp, and its own "." (BSD link counting). */
		ip->i_nlink = 2;
		error = dirlink(ip, ".", ip->i_inum);
		if (error == 0)
			error = dirlink(ip, "..", dp->i_inum);
	}
	iupdate(ip);
	if (error == 0)
		error = dirlink(dp, name, ip->i_inum);
	if (error != 0) {
		/* Nothing names it: the last iput frees it and its blocks. */
		ip->i_nlink = 0;
		iupdate(ip);
		iunlockput(ip);
		goto out;
	}
	if (S_ISDIR(mode)) {
		dp->i_nlink++;		/* the new "..". */
		iupdate(dp);
	}
	iunlockput(dp);
	*ipp = ip;
	*createdp = 1;
	return (0);

out:
	iunlockput(dp);
	return (error);
}

/*
 * open(2).  Checks, in order: the path, the type against O_DIRECTORY and
 * the access mode (EISDIR for writing a directory), the permissions
 * (not for a file this call created), the device; then allocates the file
 * and descriptor, and only then truncates, so a failure changes nothing.
 */
int
sys_open(struct proc *p, struct open_args *uap)
{
	char path[MAXPATH];
	struct inode *ip;
	struct file *fp;
	mode_t mode;
	int accmode, created, error, fd, fflags, flags;

	flags = uap->flags;
	if ((error = copyin_path(uap->path, path)) != 0)
		return (error);
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		fflags = FREAD;
		break;
	case O_WRONLY:
		fflags = FWRITE;
		break;
	case O_RDWR:
		fflags = FREAD | FWRITE;
		break;
	default:
		return (EINVAL);
	}

	begin_op();
	created = 0;
	if (flags & O_CREAT) {
		mode = S_IFREG | (uap->mode & ALLPERMS & ~pwd_getcmask(p));
		error = vn_create(p, path, mode, 0, 0, !(flags & O_EXCL), &ip,
		    &created);
		if (error != 0)
			goto fail0;
	} else {
		if ((ip = namei(path, &error)) == NULL)
			goto fail0;
		ilock(ip);
	}

	if ((flags & O_DIRECTORY) && !S_ISDIR(ip->i_mode)) {
		error = ENOTDIR;
		goto fail1;
	}
	/* O_CREAT of an existing directory is EISDIR too, as on FreeBSD. */
	if (S_ISDIR(ip->i_mode) && ((fflags & FWRITE) ||
	    (flags & (O_TRUNC | O_CREAT)))) {
		error = EISDIR;
		goto fail1;
	}
	if (!created) {
		accmode = 0;
		if (fflags & FREAD)
			accmode |= VREAD;
		if ((fflags & FWRITE) || (flags & O_TRUNC))
			accmode |= VWRITE;
		if ((error = inode_access(ip, accmode, p->p_ucred)) != 0)
			goto fail1;
	}
	if (S_ISCHR(ip->i_mode) && (ip->i_major >= NDEVSW ||
	    (cdevsw[ip->i_major].d_read == NULL &&
	    cdevsw[ip->i_major].d_write == NULL))) {
		error = ENXIO;
		goto fail1;
	}
	if (!S_ISDIR(ip->i_mode) && !S_ISREG(ip->i_mode) &&
	    !S_ISCHR(ip->i_mode)) {
		error = EOPNOTSUPP;
		goto fail1;
	}

	/* Fill the file completely before another thread can see its fd. */
	if ((error = falloc(&fp)) != 0)
		goto fail1;
	fp->f_type = S_ISCHR(ip->i_mode) ? DTYPE_DEV : DTYPE_VNODE;
	fp->f_major = ip->i_major;
	fp->f_flag = fflags | (flags & (O_APPEND | O_NONBLOCK));
	fp->f_offset = 0;
	fp->f_inode = idup(ip);
	if ((error = fdalloc(p, fp, 0, flags & O_CLOEXEC, &fd)) != 0) {
		/* Release the inode here: fdrop would nest a transaction. */
		iput(fp->f_inode);
		fp->f_type = DTYPE_NONE;
		fdrop(fp);
		goto fail1;
	}
	if ((flags & O_TRUNC) && S_ISREG(ip->i_mode) && ip->i_size > 0)
		itrunc(ip);
	iunlockput(ip);
	end_op();
	p->p_retval[0] = fd;
	return (0);

fail1:
	iunlockput(ip);
fail0:
	end_op();
	return (error);
}

int
sys_mkdir(struct proc *p, struct mkdir_args *uap)
{
	char path[MAXPATH];
	struct inode *ip;
	mode_t mode;
	int created, error;

	if ((error = copyin_path(uap->path, path)) != 0)
		return (error);
	mode = S_IFDIR | (uap->mode & ALLPERMS & ~pwd_getcmask(p));
	begin_op();
	error = vn_create(p, path, mode, 0, 0, 0, &ip, &created);
	if (error == 0)
		iunlockput(ip);
	end_op();
	return (error);
}

/*
 * mknod(path, mode, dev): root only, character devices only; dev holds
 * the major number in bits 8-15 and the minor in bits 0-7.
 */
int
sys_mknod(struct proc *p, struct mknod_args *uap)
{
	char path[MAXPATH];
	struct inode *ip;
	mode_t mode;
	int created, error;

	if ((error = priv_check_cred(p->p_ucred, PRIV_ROOT)) != 0)
		return (error);
	if ((uap->mode & S_IFMT) != S_IFCHR)
		return (EINVAL);
	if ((error = copyin_path(uap->path, path)) != 0)
		return (error);
	mode = S_IFCHR | (uap->mode & ALLPERMS & ~pwd_getcmask(p));
	begin_op();
	error = vn_create(p, path, mode, FS_MAJOR(uap->dev),
	    FS_MINOR(uap->dev), 0, &ip, &created);
	if (error == 0)
		iunlockput(ip);
	end_op();
	return (error);
}

/*
 * link(path, link): a new name for a file (not a directory: EPERM).  The
 * link count goes up first, so that a crash between the two steps
 * leaves a count too high (harmless) rather than too low.
 */
int
sys_link(struct proc *p, struct link_args *uap)
{
	char name[FS_MAXNAMLEN + 1], old[MAXPATH], new[MAXPATH];
	struct inode *dp, *ip;
	int error;

	if ((error = copyin_path(uap->path, old)) != 0)
		return (error);
	if ((error = copyin_path(uap->link, new)) != 0)
		return (error);
	begin_op();
	if ((ip = namei(old, &error)) == NULL)
		goto out;
	ilock(ip);
	if (S_ISDIR(ip->i_mode)) {
		error = EPERM;
		iunlockput(ip);
		goto out;
	}
	if (ip->i_nlink >= LINK_MAX) {
		error = EMLINK;
		iunlockput(ip);
		goto out;
	}
	ip->i_nlink++;
	iupdate(ip);
	iunlock(ip);

	if ((dp = nameiparent_at(NULL, new, name, &error)) == NULL)
		goto undo;
	ilock(dp);
	if (dp->i_nlink == 0)
		error = ENOENT;
	else if (dp->i_dev != ip->i_dev)
		error = EXDEV;
	else if ((error = inode_access(dp, VWRITE | VEXEC,
	    p->p_ucred)) == 0)
		error = dirlink(dp, name, ip->i_inum);
	iunlockput(dp);
	if (error != 0)
		goto undo;
	iput(ip);
	end_op();
	return (0);

undo:
	ilock(ip);
	ip->i_nlink--;
	iupdate(ip);
	iunlockput(ip);
out:
	end_op();
	return (error);
}

/*
 * Remove the name path: a non-directory (unlink; a directory is EPERM) or
 * an empty directory (rmdir).  Needs write and search permission on the
 * directory and, if it is sticky (/tmp), to own the file or the directory.
 * The inode itself goes when its last reference does.
 */
static int
kern_remove(struct proc *p, const char *upath, int isdir)
{
	char name[FS_MAXNAMLEN + 1], path[MAXPATH];
	struct fs_direct de;
	struct ucred *cred;
	struct inode *dp, *ip;
	off_t off;
	int error;

	cred = p->p_ucred;
	if ((error = copyin_path(upath, path)) != 0)
		return (error);
	begin_op();
	if ((dp = nameiparent_at(NULL, path, name, &error)) == NULL) {
		if (error == EEXIST)	/* "/" */
			error = isdir ? EBUSY : EPERM;
		goto out;
	}
	ilock(dp);
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		error = isdir && name[1] == '.' ? ENOTEMPTY : EINVAL;
		goto out1;
	}
	if ((error = inode_access(dp, VWRITE | VEXEC, cred)) != 0)
		goto out1;
	if ((error = dirlookup(dp, name, &ip, &off)) != 0)
		goto out1;
	ilock(ip);
	if ((dp->i_mode & S_ISVTX) && cred->cr_uid != ip->i_uid &&
	    cred->cr_uid != dp->i_uid &&
	    priv_check_cred(cred, PRIV_VFS_ADMIN) != 0) {
		error = EPERM;
		goto out2;
	}
	if (isdir) {
		if (!S_ISDIR(ip->i_mode))
			error = ENOTDIR;
		else if (!dir_isempty(ip))
			error = ENOTEMPTY;
	} else if (S_ISDIR(ip->i_mode)) {
		error = EPERM;
	}
	if (error != 0)
		goto out2;

	memset(&de, 0, sizeof(de));
	if ((error = inode_rw_kernel(dp, &de, sizeof(de), off, 1)) != 0)
		panic("kern_remove: directory write failed: %d", error);
	if (isdir) {
		dp->i_nlink--;		/* its ".." */
		iupdate(dp);
		ip->i_nlink = 0;	/* its entry and its "." */
	} else {
		ip->i_nlink--;
	}
	iupdate(ip);
out2:
	iunlockput(ip);
out1:
	iunlockput(dp);
out:
	end_op();
	return (error);
}

int
sys_unlink(struct proc *p, struct unlink_args *uap)
{
	return (kern_remove(p, uap->path, 0));
}

int
sys_rmdir(struct proc *p, struct rmdir_args *uap)
{
	return (kern_remove(p, uap->path, 1));
}

/*
 * Make ip (referenced, unlocked; a searchable directory: checked here)
 * p's current directory, consuming the reference.  Inside a transaction.
 */
static int
change_dir(struct proc *p, struct inode *ip)
{
	struct pwd *pwd;
	struct inode *old;
	int error;

	ilock(ip);
	if (!S_ISDIR(ip->i_mode))
		error = ENOTDIR;
	else
		error = inode_access(ip, VEXEC, p->p_ucred);
	iunlock(ip);
	if (error != 0) {
		iput(ip);
		return (error);
	}
	pwd = p->p_pwd;
	spin_lock(&pwd->pwd_lock);
	old = pwd->pwd_cdir;
	pwd->pwd_cdir = ip;
	spin_unlock(&pwd->pwd_lock);
	if (old != NULL)
		iput(old);
	return (0);
}

int
sys_chdir(struct proc *p, struct chdir_args *uap)
{
	char path[MAXPATH];
	struct inode *ip;
	int error;

	if ((error = copyin_path(uap->path, path)) != 0)
		return (error);
	begin_op();
	if ((ip = namei(path, &error)) != NULL)
		error = change_dir(p, ip);
	end_op();
	return (error);
}

int
sys_fchdir(struct proc *p, struct fchdir_args *uap)
{
	struct file *fp;
	int error;

	if ((error = fget(p, uap->fd, &fp)) != 0)
		return (error);
	if (fp->f_type != DTYPE_VNODE) {
		fdrop(fp);
		return (ENOTDIR);
	}
	begin_op();
	error = change_dir(p, idup(fp->f_inode));
	end_op();
	fdrop(fp);
	return (error);
}

/*
 * Look path up and lock it, for the attribute changes below.  Inside a
 * transaction.  Returns 0 and *ipp locked and referenced.
 */
static int
namei_locked(const char *upath, struct inode **ipp)
{
	char path[MAXPATH];
	struct inode *ip;
	int error;

	if ((error = copyin_path(upath, path)) != 0)
		return (error);
	if ((ip = namei(path, &error)) == NULL)
		return (error);
	ilock(ip);
	*ipp = ip;
	return (0);
}

/*
 * chmod: the owner or root.  As BSD, a non-root owner cannot set the
 * set-group-id bit on a file of a group other than its own.
 */
int
sys_chmod(struct proc *p, struct chmod_args *uap)
{
	struct ucred *cred;
	struct inode *ip;
	mode_t mode;
	int error;

	cred = p->p_ucred;
	mode = uap->mode & ALLPERMS;
	begin_op();
	if ((error = namei_locked(uap->path, &ip)) != 0)
		goto out;
	if (cred->cr_uid != ip->i_uid &&
	    (error = priv_check_cred(cred, PRIV_VFS_ADMIN)) != 0)
		goto out1;
	if (priv_check_cred(cred, PRIV_VFS_ADMIN) != 0 &&
	    cred->cr_gid != ip->i_gid)
		mode &= ~S_ISGID;
	ip->i_mode = (ip->i_mode & S_IFMT) | mode;
	iupdate(ip);
out1:
	iunlockput(ip);
out:
	end_op();
	return (error);
}

/* chown: root only; -1 leaves an id unchanged. */
int
sys_chown(struct proc *p, struct chown_args *uap)
{
	struct inode *ip;
	int error;

	if ((error = priv_check_cred(p->p_ucred, PRIV_VFS_ADMIN)) != 0)
		return (error);
	begin_op();
	if ((error = namei_locked(uap->path, &ip)) != 0)
		goto out;
	if (uap->uid != -1)
		ip->i_uid = (uid_t)uap->uid;
	if (uap->gid != -1)
		ip->i_gid = (gid_t)uap->gid;
	iupdate(ip);
	iunlockput(ip);
out:
	end_op();
	return (error);
}

/* Fill st for an open file of any type. */
static int
fo_stat(struct file *fp, struct stat *st)
{
	switch (fp->f_type) {
	case DTYPE_VNODE:
	case DTYPE_DEV:
		ilock(fp->f_inode);
		stati(fp->f_inode, st);
		iunlock(fp->f_inode);
		return (0);
	case DTYPE_PIPE:
		pipe_stat(fp->f_pipe, st);
		return (0);
	case DTYPE_PROCDESC:
		procdesc_stat(fp->f_procdesc, st);
		return (0);
	default:
		return (EBADF);
	}
}

int
sys_fstat(struct proc *p, struct fstat_args *uap)
{
	struct stat st;
	struct file *fp;
	int error;

	if ((error = fget(p, uap->fd, &fp)) != 0)
		return (error);
	error = fo_stat(fp, &st);
	fdrop(fp);
	if (error == 0)
		error = copyout(&st, uap->sb, sizeof(st));
	return (error);
}

/*
 * fstatat(fd, path, buf, flag): a relative path starts at directory fd,
 * or at the current directory for AT_FDCWD.  There are no symbolic links,
 * so AT_SYMLINK_NOFOLLOW changes nothing.
 */
int
sys_fstatat(struct proc *p, struct fstatat_args *uap)
{
	char path[MAXPATH];
	struct stat st;
	struct inode *ip, *start;
	struct file *fp;
	int error;

	if ((uap->flag & ~AT_SYMLINK_NOFOLLOW) != 0)
		return (EINVAL);
	if ((error = copyin_path(uap->path, path)) != 0)
		return (error);
	fp = NULL;
	start = NULL;
	if (uap->fd != AT_FDCWD && path[0] != '/') {
		if ((error = fget(p, uap->fd, &fp)) != 0)
			return (error);
		if (fp->f_type != DTYPE_VNODE) {
			fdrop(fp);
			return (ENOTDIR);
		}
		start = fp->f_inode;	/* namex checks it is a directory */
	}
	begin_op();
	if ((ip = namei_at(start, path, &error)) != NULL) {
		ilock(ip);
		stati(ip, &st);
		iunlockput(ip);
	}
	end_op();
	if (fp != NULL)
		fdrop(fp);
	if (error == 0)
		error = copyout(&st, uap->buf, sizeof(st));
	return (error);
}

/*
 * __getcwd(buf, buflen): the current directory's absolute path, NUL
 * included.  EINVAL for an empty buffer, ERANGE if it does not fit,
 * ENOENT if the directory was removed.  Returns 0 in p_retval[0].
 */
int
sys_getcwd(struct proc *p, struct getcwd_args *uap)
{
	char path[MAXPATH];
	struct inode *cwd;
	size_t len;
	int error;

	if (uap->buflen == 0)
		return (EINVAL);
	begin_op();
	cwd = pwd_getcdir(p);
	error = fs_getcwd(cwd, path, sizeof(path), &len);
	iput(cwd);
	end_op();
	if (error == ENAMETOOLONG)
		error = ERANGE;
	if (error != 0)
		return (error);
	if (len + 1 > uap->buflen)
		return (ERANGE);
	if ((error = copyout(path, uap->buf, len + 1)) != 0)
		return (error);
	p->p_retval[0] = 0;
	return (0);
}

/* umask(newmask): set the creation mask; returns the old one. */
int
sys_umask(struct proc *p, struct umask_args *uap)
{
	struct pwd *pwd;

	pwd = p->p_pwd;
	spin_lock(&pwd->pwd_lock);
	p->p_retval[0] = pwd->pwd_cmask;
	pwd->pwd_cmask = uap->newmask & ALLPERMS;
	spin_unlock(&pwd->pwd_lock);
	return (0);
}
