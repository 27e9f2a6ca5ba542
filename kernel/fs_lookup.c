/* fs_lookup.c: directories (lookup, link, emptiness) and path name walks. */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "systm.h"
#include "proc.h"
#include "ucred.h"
#include "file.h"
#include "buf.h"
#include "fs.h"
#include <sys/stat.h>

#define	DIRENTSZ	((off_t)sizeof(struct fs_direct))

/*
 * Look name up in directory dp (locked).  Returns 0 with *ipp referenced
 * and unlocked (and *offp, if asked, the entry's byte offset), ENOENT,
 * or ENFILE when the inode cache is full.  May sleep.
 */
int
dirlookup(struct inode *dp, const char *name, struct inode **ipp,
    off_t *offp)
{
	struct fs_direct de;
	off_t off;
	int error;

	KASSERT(S_ISDIR(dp->i_mode), "dirlookup: not a directory");
	for (off = 0; off + DIRENTSZ <= dp->i_size; off += DIRENTSZ) {
		error = inode_rw_kernel(dp, &de, sizeof(de), off, 0);
		if (error != 0)
			panic("dirlookup: read error %d", error);
		if (de.d_ino == 0 ||
		    strncmp(name, de.d_name, FS_MAXNAMLEN + 1) != 0)
			continue;
		if (offp != NULL)
			*offp = off;
		*ipp = iget(dp->i_dev, de.d_ino);
		return (*ipp == NULL ? ENFILE : 0);
	}
	return (ENOENT);
}

/*
 * Add the entry (name, inum) to directory dp (locked), in the first free
 * slot or at the end.  Inside a transaction.  Returns 0, EEXIST,
 * ENAMETOOLONG, or the errors of writei (ENOSPC).
 */
int
dirlink(struct inode *dp, const char *name, uint32 inum)
{
	struct fs_direct de;
	struct inode *ip;
	off_t off;
	int error;

	if (strlen(name) > FS_MAXNAMLEN)
		return (ENAMETOOLONG);
	error = dirlookup(dp, name, &ip, NULL);
	if (error == 0) {
		iput(ip);
		return (EEXIST);
	}
	for (off = 0; off + DIRENTSZ <= dp->i_size; off += DIRENTSZ) {
		error = inode_rw_kernel(dp, &de, sizeof(de), off, 0);
		if (error != 0)
			panic("dirlink: read error %d", error);
		if (de.d_ino == 0)
			break;
	}
	memset(&de, 0, sizeof(de));
	strncpy(de.d_name, name, FS_MAXNAMLEN);
	de.d_ino = inum;
	return (inode_rw_kernel(dp, &de, sizeof(de), off, 1));
}

/* Has directory dp (locked) only "." and ".."?  May sleep. */
int
dir_isempty(struct inode *dp)
{
	struct fs_direct de;
	off_t off;

	for (off = 0; off + DIRENTSZ <= dp->i_size; off += DIRENTSZ) {
		if (inode_rw_kernel(dp, &de, sizeof(de), off, 0) != 0)
			panic("dir_isempty: read error");
		if (de.d_ino == 0 || strcmp(de.d_name, ".") == 0 ||
		    strcmp(de.d_name, "..") == 0)
			continue;
		return (0);
	}
	return (1);
}

/*
 * Copy the next element of path into name and return the rest of the
 * path after it and its slashes; NULL if there is no element left.
 * ENAMETOOLONG in *errorp (and NULL) for an element longer than
 * FS_MAXNAMLEN.
 *   skipelem("a/bb/c", name) = "bb/c", name = "a"
 *   skipelem("///a//bb", name) = "bb", name = "a"
 *   skipelem("a", name) = "", name = "a"
 *   skipelem("", name) = skipelem("////", name) = NULL
 */
static const char *
skipelem(const char *path, char *name, int *errorp)
{
	const char *s;
	size_t len;

	while (*path == '/')
		path++;
	if (*path == '\0')
		return (NULL);
	s = path;
	while (*path != '/' && *path != '\0')
		path++;
	len = path - s;
	if (len > FS_MAXNAMLEN) {
		*errorp = ENAMETOOLONG;
		return (NULL);
	}
	memmove(name, s, len);
	name[len] = '\0';
	while (*path == '/')
		path++;
	return (path);
}

/* A new reference to p's current directory (the root if it has none). */
struct inode *
pwd_getcdir(struct proc *p)
{
	struct inode *ip;
	struct pwd *pwd;

	pwd = p != NULL ? p->p_pwd : NULL;
	if (pwd == NULL || pwd->pwd_cdir == NULL)
		return (fs_rootvnode());
	spin_lock(&pwd->pwd_lock);
	ip = idup(pwd->pwd_cdir);
	spin_unlock(&pwd->pwd_lock);
	return (ip);
}

/*
 * Walk path from start (or the current directory if start is NULL; from
 * the root if the path is absolute), checking search permission on every
 * directory passed.  With parent, stop at the last element's directory
 * and copy that element to name (FS_MAXNAMLEN + 1 bytes).  Returns a
 * referenced, unlocked inode or NULL with *errorp set (ENOENT, ENOTDIR,
 * EACCES, ENAMETOOLONG, ENFILE; EEXIST for a parent walk of a path with
 * no last element, such as "/").  Must not be called holding an inode
 * lock; may sleep.  Calls iput, so it runs inside a transaction.
 */
static struct inode *
namex(struct inode *start, const char *path, int parent, char *name,
    int *errorp)
{
	struct ucred *cred;
	struct inode *ip, *next;
	size_t len;
	int error, trailing;

	len = strlen(path);
	if (len == 0) {
		*errorp = ENOENT;
		return (NULL);
	}
	if (len >= MAXPATH) {
		*errorp = ENAMETOOLONG;
		return (NULL);
	}
	trailing = path[len - 1] == '/';
	cred = curproc != NULL ? curproc->p_ucred : NULL;
	if (*path == '/')
		ip = fs_rootvnode();
	else if (start != NULL)
		ip = idup(start);
	else
		ip = pwd_getcdir(curproc);

	error = 0;
	while ((path = skipelem(path, name, &error)) != NULL) {
		ilock(ip);
		if (!S_ISDIR(ip->i_mode)) {
			error = ENOTDIR;
			goto fail;
		}
		if ((error = inode_access(ip, VEXEC, cred)) != 0)
			goto fail;
		if (parent && *path == '\0') {
			iunlock(ip);
			return (ip);
		}
		error = dirlookup(ip, name, &next, NULL);
		if (error != 0)
			goto fail;
		iunlockput(ip);
		ip = next;
	}
	if (error != 0) {
		iput(ip);
		*errorp = error;
		return (NULL);
	}
	if (parent) {
		iput(ip);
		*errorp = EEXIST;
		return (NULL);
	}
	if (trailing) {
		/* "file/" names a directory or nothing. */
		ilock(ip);
		if (!S_ISDIR(ip->i_mode)) {
			error = ENOTDIR;
			goto fail;
		}
		iunlock(ip);
	}
	return (ip);

fail:
	iunlockput(ip);
	*errorp = error;
	return (NULL);
}

/*
 * The inode path names, referenced and unlocked, or NULL and *errorp.
 * Relative paths start at curproc's current directory.  Inside a
 * transaction; may sleep.
 */
struct inode *
namei(const char *path, int *errorp)
{
	char name[FS_MAXNAMLEN + 1];

	return (namex(NULL, path, 0, name, errorp));
}

/* namei, with relative paths starting at directory start (if not NULL). */
struct inode *
namei_at(struct inode *start, const char *path, int *errorp)
{
	char name[FS_MAXNAMLEN + 1];

	return (namex(start, path, 0, name, errorp));
}

/*
 * The directory holding path's last element, referenced and unlocked,
 * and the element in name (FS_MAXNAMLEN + 1 bytes); NULL and *errorp.
 */
struct inode *
nameiparent_at(struct inode *start, const char *path, char *name,
    int *errorp)
{
	return (namex(start, path, 1, name, errorp));
}

/*
 * Find in directory dp (locked) an entry other than "." and ".." for
 * inode inum; copy its name.  Returns 0 or ENOENT.
 */
static int
dir_findino(struct inode *dp, uint32 inum, char *name)
{
	struct fs_direct de;
	off_t off;

	for (off = 0; off + DIRENTSZ <= dp->i_size; off += DIRENTSZ) {
		if (inode_rw_kernel(dp, &de, sizeof(de), off, 0) != 0)
			panic("dir_findino: read error");
		if (de.d_ino != inum || strcmp(de.d_name, ".") == 0 ||
		    strcmp(de.d_name, "..") == 0)
			continue;
		strlcpy(name, de.d_name, FS_MAXNAMLEN + 1);
		return (0);
	}
	return (ENOENT);
}

/*
 * Build the absolute path of directory cwd by walking ".." up to the root
 * and finding each directory's name in its parent.  The path is built at
 * the end of buf (size bytes) and moved to its start; *lenp is its length
 * without the NUL.  Returns 0, ENOENT (a directory on the way was
 * removed), ENAMETOOLONG (longer than size - 1) or ENFILE.  Inside a
 * transaction (it drops inode references); may sleep.
 */
int
fs_getcwd(struct inode *cwd, char *buf, size_t size, size_t *lenp)
{
	char name[FS_MAXNAMLEN + 1];
	struct inode *ip, *pp;
	size_t pos, n;
	int error;

	KASSERT(size >= 2, "fs_getcwd: tiny buffer");
	pos = size - 1;
	buf[pos] = '\0';
	ip = idup(cwd);
	error = 0;
	while (ip->i_inum != FS_ROOTINO) {
		ilock(ip);
		if (ip->i_nlink == 0) {
			iunlockput(ip);
			return (ENOENT);
		}
		error = dirlookup(ip, "..", &pp, NULL);
		iunlock(ip);
		if (error != 0)
			break;
		ilock(pp);
		error = dir_findino(pp, ip->i_inum, name);
		iunlock(pp);
		iput(ip);
		ip = pp;
		if (error != 0)
			break;
		n = strlen(name);
		if (pos < n + 1) {
			error = ENAMETOOLONG;
			break;
		}
		pos -= n;
		memmove(buf + pos, name, n);
		buf[--pos] = '/';
	}
	iput(ip);
	if (error != 0)
		return (error);
	if (pos == size - 1)
		buf[--pos] = '/';
	n = size - 1 - pos;
	memmove(buf, buf + pos, n + 1);
	*lenp = n;
	return (0);
}
