/* sys_pipe.c: pipes: a one-page ring buffer between two open files. */

#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "systm.h"
#include "malloc.h"
#include "vm_page.h"
#include "proc.h"
#include "file.h"
#include "uio.h"
#include "fs.h"
#include "sysproto.h"
#include <sys/fcntl.h>
#include <sys/poll.h>
#include <sys/stat.h>

#define	PIPE_SIZE	PGSIZE
#define	PIPE_BUF	512	/* writes up to this size are atomic (POSIX) */

/*
 * Bytes are copied between user space and a small bounce buffer on the
 * kernel stack, never with the pipe's spinlock held, because uiomove may
 * fault and sleep.  nread and nwrite count bytes forever; their
 * difference is the fill (they wrap together harmlessly).
 */
#define	PIPE_XFER	PIPE_BUF

struct pipe {
	struct spinlock	pp_lock;	/* guards everything below */
	char		*pp_buf;	/* PIPE_SIZE bytes (a page) */
	uint64		pp_nread;	/* bytes read so far */
	uint64		pp_nwrite;	/* bytes written so far */
	int		pp_readopen;	/* read end still open */
	int		pp_writeopen;	/* write end still open */
};

/*
 * Make a pipe and its two open files (read end *rfp, write end *wfp),
 * both with flags added to their f_flag.  Returns 0, ENOMEM or ENFILE.
 */
static int
pipe_create(struct file **rfp, struct file **wfp, int flags)
{
	struct pipe *pp;
	int error;

	pp = malloc(sizeof(*pp), M_ZERO);
	if (pp == NULL)
		return (ENOMEM);
	pp->pp_buf = kmem_alloc_page();
	if (pp->pp_buf == NULL) {
		error = ENOMEM;
		goto fail0;
	}
	spinlock_init(&pp->pp_lock, "pipe");
	pp->pp_readopen = 1;
	pp->pp_writeopen = 1;
	if ((error = falloc(rfp)) != 0)
		goto fail1;
	if ((error = falloc(wfp)) != 0)
		goto fail2;
	(*rfp)->f_type = DTYPE_PIPE;
	(*rfp)->f_flag = FREAD | flags;
	(*rfp)->f_pipe = pp;
	(*rfp)->f_pipewr = 0;
	(*wfp)->f_type = DTYPE_PIPE;
	(*wfp)->f_flag = FWRITE | flags;
	(*wfp)->f_pipe = pp;
	(*wfp)->f_pipewr = 1;
	return (0);

fail2:
	fdrop(*rfp);		/* DTYPE_NONE: just frees the slot */
fail1:
	kmem_free_page(pp->pp_buf);
fail0:
	free(pp);
	return (error);
}

/*
 * Close one end.  The last end frees the pipe.  Wakes the other side: a
 * reader now sees end of file, a writer EPIPE.
 */
void
pipe_close(struct pipe *pp, int writeend)
{
	int dead;

	spin_lock(&pp->pp_lock);
	if (writeend) {
		pp->pp_writeopen = 0;
		wakeup(&pp->pp_nread);
	} else {
		pp->pp_readopen = 0;
		wakeup(&pp->pp_nwrite);
	}
	dead = !pp->pp_readopen && !pp->pp_writeopen;
	spin_unlock(&pp->pp_lock);
	selwakeup();
	if (dead) {
		kmem_free_page(pp->pp_buf);
		free(pp);
	}
}

/*
 * Read what is there, up to uio_resid; if the pipe is empty, wait for a
 * writer (EAGAIN if nonblock) unless no writer is left (end of file:
 * nothing read, no error).  The wait is interruptible (EINTR).
 */
int
pipe_read(struct pipe *pp, struct uio *uio, int nonblock)
{
	char kbuf[PIPE_XFER];
	size_t n, i, done;
	int error;

	done = 0;
	error = 0;
	while (uio->uio_resid > 0) {
		spin_lock(&pp->pp_lock);
		while (pp->pp_nread == pp->pp_nwrite && pp->pp_writeopen &&
		    done == 0) {
			if (nonblock) {
				spin_unlock(&pp->pp_lock);
				return (EAGAIN);
			}
			error = msleep(&pp->pp_nread, &pp->pp_lock, PCATCH,
			    "piperd", 0);
			if (error != 0) {
				/* EINTR, or ERESTART under SA_RESTART. */
				spin_unlock(&pp->pp_lock);
				return (error);
			}
		}
		n = MIN(uio->uio_resid, (size_t)(pp->pp_nwrite - pp->pp_nread));
		n = MIN(n, sizeof(kbuf));
		if (n == 0) {
			/* Empty after reading some, or end of file. */
			spin_unlock(&pp->pp_lock);
			break;
		}
		for (i = 0; i < n; i++)
			kbuf[i] = pp->pp_buf[(pp->pp_nread + i) % PIPE_SIZE];
		pp->pp_nread += n;
		wakeup(&pp->pp_nwrite);
		spin_unlock(&pp->pp_lock);
		selwakeup();
		done += n;
		if ((error = uiomove(kbuf, n, uio)) != 0)
			return (error);
	}
	return (0);
}

/*
 * Write all of uio, waiting for room as needed (EAGAIN if nonblock and
 * nothing could be written).  A write of at most PIPE_BUF bytes goes in
 * at once or not at all, never interleaved with another writer's.  EPIPE
 * when the read end is closed.  Bytes taken from uio but not written
 * are given back to it, so the caller's count is exact.
 */
int
pipe_write(struct pipe *pp, struct uio *uio, int nonblock)
{
	char kbuf[PIPE_XFER];
	size_t n, i, room, want, total;
	int error, atomic;

	total = uio->uio_resid;
	atomic = total <= PIPE_BUF;
	error = 0;
	while (uio->uio_resid > 0) {
		n = MIN(uio->uio_resid, sizeof(kbuf));
		if ((error = uiomove(kbuf, n, uio)) != 0)
			return (error);
		i = 0;
		spin_lock(&pp->pp_lock);
		while (i < n) {
			if (!pp->pp_readopen) {
				error = EPIPE;
				break;
			}
			room = PIPE_SIZE - (pp->pp_nwrite - pp->pp_nread);
			want = atomic ? n - i : 1;
			if (room < want) {
				if (nonblock) {
					error = EAGAIN;
					break;
				}
				error = msleep(&pp->pp_nwrite, &pp->pp_lock,
				    PCATCH, "pipewr", 0);
				if (error != 0)
					break;	/* EINTR or ERESTART */
				continue;
			}
			for (; i < n && room > 0; i++, room--) {
				pp->pp_buf[pp->pp_nwrite % PIPE_SIZE] =
				    kbuf[i];
				pp->pp_nwrite++;
			}
			wakeup(&pp->pp_nread);
		}
		spin_unlock(&pp->pp_lock);
		if (i > 0)
			selwakeup();
		if (error != 0) {
			/* Give back what was copied in but not written. */
			uio->uio_base -= n - i;
			uio->uio_resid += n - i;
			break;
		}
	}
	return (error);
}

/* The poll events of one end of the pipe. */
int
pipe_poll(struct pipe *pp, int writeend, int events)
{
	uint64 fill;
	int revents;

	revents = 0;
	spin_lock(&pp->pp_lock);
	fill = pp->pp_nwrite - pp->pp_nread;
	if (writeend) {
		if (!pp->pp_readopen)
			revents |= POLLHUP;
		else if (PIPE_SIZE - fill >= PIPE_BUF)
			revents |= events & POLLOUT;
	} else {
		if (fill > 0)
			revents |= events & (POLLIN | POLLRDNORM);
		if (!pp->pp_writeopen)
			revents |= POLLHUP;
	}
	spin_unlock(&pp->pp_lock);
	return (revents);
}

/* fstat of a pipe: a FIFO holding the unread bytes. */
void
pipe_stat(struct pipe *pp, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	st->st_nlink = 1;
	st->st_blksize = PIPE_SIZE;
	spin_lock(&pp->pp_lock);
	st->st_size = pp->pp_nwrite - pp->pp_nread;
	spin_unlock(&pp->pp_lock);
}

/* pipe2(fildes, flags): flags may hold O_CLOEXEC and O_NONBLOCK. */
int
sys_pipe2(struct proc *p, struct pipe2_args *uap)
{
	struct file *rf, *wf;
	int fds[2], error, flags;

	flags = uap->flags;
	if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0)
		return (EINVAL);
	if ((error = pipe_create(&rf, &wf, flags & O_NONBLOCK)) != 0)
		return (error);
	if ((error = fdalloc(p, rf, 0, flags & O_CLOEXEC, &fds[0])) != 0)
		goto fail0;
	if ((error = fdalloc(p, wf, 0, flags & O_CLOEXEC, &fds[1])) != 0)
		goto fail1;
	if ((error = copyout(fds, uap->fildes, sizeof(fds))) != 0)
		goto fail2;
	return (0);

	/*
	 * Undo: empty the slots we filled (if another thread has already
	 * reused them, they are no longer ours to close) and drop the files.
	 */
fail2:
	spin_lock(&p->p_fd->fd_lock);
	if (p->p_fd->fd_ofiles[fds[1]] == wf)
		p->p_fd->fd_ofiles[fds[1]] = NULL;
	else
		wf = NULL;
	spin_unlock(&p->p_fd->fd_lock);
fail1:
	spin_lock(&p->p_fd->fd_lock);
	if (p->p_fd->fd_ofiles[fds[0]] == rf)
		p->p_fd->fd_ofiles[fds[0]] = NULL;
	else
		rf = NULL;
	spin_unlock(&p->p_fd->fd_lock);
	if (wf != NULL)
		fdrop(wf);
	if (rf != NULL)
		fdrop(rf);
	return (error);
fail0:
	fdrop(rf);
	fdrop(wf);
	return (error);
}
