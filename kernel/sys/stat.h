/* sys/stat.h: file modes (FreeBSD's values) and struct stat (ours: a subset). */
#ifndef _SYS_STAT_H_
#define _SYS_STAT_H_

#include <sys/types.h>

#define	S_IFMT		0170000
#define	S_IFIFO		0010000
#define	S_IFCHR		0020000
#define	S_IFDIR		0040000
#define	S_IFBLK		0060000
#define	S_IFREG		0100000
#define	S_IFLNK		0120000
#define	S_IFSOCK	0140000

#define	S_ISUID		0004000
#define	S_ISGID		0002000
#define	S_ISVTX		0001000
#define	S_IRWXU		0000700
#define	S_IRUSR		0000400
#define	S_IWUSR		0000200
#define	S_IXUSR		0000100
#define	S_IRWXG		0000070
#define	S_IRGRP		0000040
#define	S_IWGRP		0000020
#define	S_IXGRP		0000010
#define	S_IRWXO		0000007
#define	S_IROTH		0000004
#define	S_IWOTH		0000002
#define	S_IXOTH		0000001
#define	ACCESSPERMS	(S_IRWXU | S_IRWXG | S_IRWXO)
#define	ALLPERMS	(S_ISUID | S_ISGID | S_ISVTX | ACCESSPERMS)

#define	S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define	S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define	S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define	S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define	S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define	S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define	S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

struct stat {
	dev_t	st_dev;		/* device holding the inode */
	ino_t	st_ino;		/* inode number */
	mode_t	st_mode;	/* type and permission bits */
	nlink_t	st_nlink;	/* number of hard links */
	uid_t	st_uid;		/* owner */
	gid_t	st_gid;		/* group */
	dev_t	st_rdev;	/* device number, for device files */
	off_t	st_size;	/* size in bytes */
	long	st_blocks;	/* blocks allocated */
	long	st_blksize;	/* preferred I/O size */
};

#endif /* !_SYS_STAT_H_ */
