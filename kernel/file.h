/*
 * file.h: open files, file descriptor tables and the current directory.
 *
 * A struct file is one open object (inode, pipe or device) with an
 * offset; it is shared by dup and by fork.  A filedesc is a process's fd
 * table: reference-counted, so rfork(RFPROC) without RFFDG and
 * __clone(CLONE_FILES) share one, while fork copies it (fdcopy).  A pwd
 * holds the current directory (and umask) on its own, so that CLONE_FS
 * can share it independently of the fd table (FreeBSD's pwddesc).
 */
#ifndef _FILE_H_
#define _FILE_H_

#include "types.h"
#include "param.h"
#include "spinlock.h"

struct proc;
struct uio;
struct stat;
struct inode;
struct pipe;
struct procdesc;
struct ucred;

enum file_type { DTYPE_NONE, DTYPE_VNODE, DTYPE_PIPE, DTYPE_DEV,
    DTYPE_PROCDESC };

struct file {
	int		f_count;	/* (ftable lock) references */
	enum file_type	f_type;
	int		f_flag;		/* FREAD | FWRITE | O_APPEND | O_NONBLOCK */
	struct inode	*f_inode;	/* DTYPE_VNODE, DTYPE_DEV */
	struct pipe	*f_pipe;	/* DTYPE_PIPE */
	struct procdesc	*f_procdesc;	/* DTYPE_PROCDESC */
	int		f_pipewr;	/* write end of the pipe? */
	int		f_major;	/* DTYPE_DEV: cdevsw index */
	off_t		f_offset;	/* guarded by the inode's sleep lock */
};

#define	FREAD		0x10000000	/* open for reading */
#define	FWRITE		0x20000000	/* open for writing */

/* Character devices: /dev/console is major 1, /dev/null major 2. */
#define	CONSOLE_MAJOR	1
#define	NULL_MAJOR	2
#define	NDEVSW		8
struct cdevsw {
	int	(*d_read)(int minor, struct uio *uio, int ioflag);
	int	(*d_write)(int minor, struct uio *uio, int ioflag);
	int	(*d_poll)(int minor, int events);	/* returns revents */
};
extern struct cdevsw cdevsw[NDEVSW];

struct filedesc {
	struct spinlock	fd_lock;	/* guards fd_ofiles and fd_oflags */
	int		fd_refcnt;	/* processes sharing it (atomic) */
	struct file	*fd_ofiles[NOFILE];
	uint8		fd_oflags[NOFILE];	/* UF_EXCLOSE */
};
#define	UF_EXCLOSE	0x01		/* close on exec */

struct pwd {
	int		pwd_refcnt;	/* processes sharing it (atomic) */
	struct spinlock	pwd_lock;	/* guards the fields below */
	struct inode	*pwd_cdir;	/* current directory (referenced) */
	mode_t		pwd_cmask;	/* umask */
};

/* kern_descrip.c */
void		file_init(void);
struct filedesc	*fdinit(void);			/* empty table, NULL if no memory */
struct filedesc	*fdcopy(struct filedesc *fdp);	/* private copy, files ref'd */
struct filedesc	*fdshare(struct filedesc *fdp);	/* fd_refcnt++ */
void		fdfree(struct filedesc *fdp);	/* drop; last closes all */
void		fdcloseexec(struct filedesc *fdp);	/* exec: close UF_EXCLOSE */
void		fdcloseall(struct filedesc *fdp);	/* close every fd */
int		fget(struct proc *p, int fd, struct file **fpp);	/* ref'd */
struct file	*fhold(struct file *fp);
void		fdrop(struct file *fp);		/* last ref closes the object */
int		fo_read(struct file *fp, struct uio *uio);
int		fo_write(struct file *fp, struct uio *uio);

/* pwd objects */
struct pwd	*pwd_alloc(struct inode *cdir);	/* takes the inode reference */
struct pwd	*pwd_hold(struct pwd *pwd);
struct pwd	*pwd_copy(struct pwd *pwd);	/* NULL if no memory */
void		pwd_drop(struct pwd *pwd);

/* sys_generic.c: poll wake-ups.  Anything that may make a poller ready
 * (pipe, console) calls selwakeup(). */
void		selwakeup(void);

#endif /* !_FILE_H_ */
