/*
 * fs.h: the file system's in-memory inodes and its interface to the
 * rest of the kernel (exec, the fd layer, the syscalls).
 *
 * Lock order: a transaction (begin_op) is entered before any inode or
 * buffer sleep lock is taken; a directory's inode lock before the lock of
 * an inode it names (never child then parent); inode lock before buffer
 * lock.  icache.lock and the log's spinlock are leaves.
 */
#ifndef _FS_H_
#define _FS_H_

#include "types.h"
#include "sleeplock.h"
#include "dinode.h"

struct buf;
struct uio;
struct stat;
struct ucred;
struct file;
struct proc;

/*
 * An in-memory inode.  i_ref and i_inum are guarded by the inode cache's
 * spinlock; everything else by i_lock (read it only with the inode
 * locked, except i_inum and the device numbers, constant while referenced).
 */
struct inode {
	uint32		i_dev;		/* (c) device */
	uint32		i_inum;		/* (c) inode number */
	int		i_ref;		/* (icache) references */
	struct sleeplock i_lock;
	int		i_valid;	/* fields below read from disk */
	mode_t		i_mode;		/* S_IFMT type and permissions */
	nlink_t		i_nlink;
	uid_t		i_uid;
	gid_t		i_gid;
	off_t		i_size;
	uint16		i_major;
	uint16		i_minor;
	uint32		i_addrs[FS_NADDR];
};

/* inode_access() modes. */
#define	VREAD		4
#define	VWRITE		2
#define	VEXEC		1

/*
 * Blocks one transaction may write at most.  begin_op reserves this much
 * log space; writes to a file are cut into chunks that fit: a chunk of
 * FS_WRITE_CHUNK bytes touches at most 5 data blocks when unaligned, each
 * maybe with its own bitmap block, plus the inode block, the single
 * indirect, the double indirect and two second-level indirect blocks:
 * 5 + 5 + 5 = 15 <= MAXOPBLOCKS.
 */
#define	MAXOPBLOCKS	16
#define	FS_WRITE_CHUNK	(((MAXOPBLOCKS - 7) / 2) * FS_BSIZE)

/* fs_log.c */
void	begin_op(void);			/* may sleep */
void	end_op(void);			/* may sleep: commits */
void	log_write(struct buf *b);	/* b locked, inside begin_op */
void	log_init(uint32 dev, struct fs_super *sb);	/* recovers */

/* fs.c: mounting, blocks, inodes, file data. */
void	iinit(void);
void	fs_mountroot(void);
struct inode *fs_rootvnode(void);	/* new reference to "/" */
int	ialloc(uint32 dev, mode_t mode, struct inode **ipp);
struct inode *iget(uint32 dev, uint32 inum);	/* NULL: cache full */
struct inode *idup(struct inode *ip);
void	ilock(struct inode *ip);
void	iunlock(struct inode *ip);
void	iput(struct inode *ip);		/* inside a transaction */
void	iunlockput(struct inode *ip);
void	iupdate(struct inode *ip);	/* locked, inside a transaction */
void	itrunc(struct inode *ip);	/* locked, inside a transaction */
int	readi(struct inode *ip, struct uio *uio);
int	writei(struct inode *ip, struct uio *uio);
int	inode_rw_kernel(struct inode *ip, void *buf, size_t n, off_t off,
	    int write);
void	stati(struct inode *ip, struct stat *st);
int	inode_access(struct inode *ip, int accmode, struct ucred *cred);

/* fs_lookup.c: directories and path names. */
int	dirlookup(struct inode *dp, const char *name, struct inode **ipp,
	    off_t *offp);
int	dirlink(struct inode *dp, const char *name, uint32 inum);
int	dir_isempty(struct inode *dp);
struct inode *namei(const char *path, int *errorp);
struct inode *namei_at(struct inode *start, const char *path, int *errorp);
struct inode *nameiparent_at(struct inode *start, const char *path,
	    char *name, int *errorp);
int	fs_getcwd(struct inode *cwd, char *buf, size_t size, size_t *lenp);

/* kern_descrip.c extras beyond file.h (TODO(lead): move into file.h). */
int	falloc(struct file **fpp);	/* f_count 1; ENFILE */
int	fdalloc(struct proc *p, struct file *fp, int minfd, int cloexec,
	    int *fdp);			/* installs fp; EMFILE */
struct inode *pwd_getcdir(struct proc *p);	/* new ref to the cwd */
mode_t	pwd_getcmask(struct proc *p);

/* sys_generic.c / sys_pipe.c / dev_null.c */
struct pipe;
int	pipe_read(struct pipe *pp, struct uio *uio, int nonblock);
int	pipe_write(struct pipe *pp, struct uio *uio, int nonblock);
int	pipe_poll(struct pipe *pp, int writeend, int events);
void	pipe_close(struct pipe *pp, int writeend);
void	pipe_stat(struct pipe *pp, struct stat *st);
void	devnull_init(void);

#endif /* !_FS_H_ */
