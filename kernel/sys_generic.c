/* sys_generic.c: read, write, lseek and poll on any kind of descriptor. */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "systm.h"
#include "proc.h"
#include "file.h"
#include "uio.h"
#include "fs.h"
#include "sysproto.h"
#include "console.h"
#include "procdesc.h"
#include "signalvar.h"
#include <sys/fcntl.h>
#include <sys/poll.h>
#include <sys/stat.h>

#define	SEEK_SET	0
#define	SEEK_CUR	1
#define	SEEK_END	2

#define	SSIZE_MAX	0x7fffffffffffffffL

/*
 * Poll wake-ups.  Instead of per-object wait queues there is one global
 * generation counter: every state change that might make some poller
 * ready bumps it and wakes all pollers, who rescan.  A poller records the
 * generation before its scan and sleeps only if it is unchanged after,
 * under poll_lock, so a change during the scan is never lost.
 */
/* Initialised statically: selwakeup() may run before any init hook. */
static struct spinlock poll_lock = { .sl_name = "poll" };
static uint64 poll_gen;			/* (poll_lock) */

/* Something a poller may wait for happened.  Any context; no sleep. */
void
selwakeup(void)
{
	spin_lock(&poll_lock);
	poll_gen++;
	wakeup(&poll_gen);
	spin_unlock(&poll_lock);
}

/* Build a single-segment user uio for read(2) and write(2). */
static void
uio_user(struct uio *uio, void *buf, size_t n, enum uio_rw rw)
{
	uio->uio_base = buf;
	uio->uio_resid = n;
	uio->uio_offset = 0;
	uio->uio_segflg = UIO_USERSPACE;
	uio->uio_rw = rw;
}

int
sys_read(struct proc *p, struct read_args *uap)
{
	struct file *fp;
	struct uio uio;
	int error;

	if (uap->nbyte > SSIZE_MAX)
		return (EINVAL);
	if ((error = fget(p, uap->fd, &fp)) != 0)
		return (error);
	uio_user(&uio, uap->buf, uap->nbyte, UIO_READ);
	error = fo_read(fp, &uio);
	/* Data already moved is reported; the error is for next time. */
	if (error != 0 && uio.uio_resid != uap->nbyte &&
	    (error == EINTR || error == ERESTART || error == EAGAIN))
		error = 0;
	if (error == 0)
		p->p_retval[0] = uap->nbyte - uio.uio_resid;
	fdrop(fp);
	return (error);
}

int
sys_write(struct proc *p, struct write_args *uap)
{
	struct file *fp;
	struct uio uio;
	int error;

	if (uap->nbyte > SSIZE_MAX)
		return (EINVAL);
	if ((error = fget(p, uap->fd, &fp)) != 0)
		return (error);
	uio_user(&uio, (void *)uap->buf, uap->nbyte, UIO_WRITE);
	error = fo_write(fp, &uio);
	/*
	 * A partial write returns its count (the next write gets the
	 * error), except a bad buffer, which is reported at once as BSD.
	 */
	if (error != 0 && error != EFAULT && uio.uio_resid != uap->nbyte)
		error = 0;
	if (error == 0)
		p->p_retval[0] = uap->nbyte - uio.uio_resid;
	fdrop(fp);
	if (error == EPIPE)
		kern_psignal(p, SIGPIPE);	/* no reader left, as BSD */
	return (error);
}

/*
 * Set the offset of a regular file or directory: ESPIPE for pipes and
 * devices, EINVAL for a bad whence or a negative result.  Offsets past
 * the end are allowed (a later write leaves a hole).
 */
int
sys_lseek(struct proc *p, struct lseek_args *uap)
{
	struct file *fp;
	struct inode *ip;
	off_t base, off;
	int error;

	if ((error = fget(p, uap->fd, &fp)) != 0)
		return (error);
	if (fp->f_type == DTYPE_DEV && fp->f_major == NULL_MAJOR) {
		/* /dev/null seeks to nowhere in particular, as on FreeBSD. */
		fdrop(fp);
		p->p_retval[0] = 0;
		return (0);
	}
	if (fp->f_type != DTYPE_VNODE) {
		fdrop(fp);
		return (ESPIPE);
	}
	ip = fp->f_inode;
	ilock(ip);
	switch (uap->whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = fp->f_offset;
		break;
	case SEEK_END:
		base = ip->i_size;
		break;
	default:
		error = EINVAL;
		goto out;
	}
	off = base + uap->offset;
	if ((uap->offset > 0 && off < base) ||
	    (uap->offset < 0 && off > base)) {
		error = EOVERFLOW;
		goto out;
	}
	if (off < 0) {
		error = EINVAL;
		goto out;
	}
	fp->f_offset = off;
	p->p_retval[0] = off;
out:
	iunlock(ip);
	fdrop(fp);
	return (error);
}

/*
 * The events of `events' that fp is ready for now, plus POLLHUP.  Regular
 * files and directories are always ready.
 */
static int
fo_poll(struct file *fp, int events)
{
	struct cdevsw *d;

	switch (fp->f_type) {
	case DTYPE_PROCDESC:
		return (procdesc_poll(fp->f_procdesc, events));
	case DTYPE_PIPE:
		return (pipe_poll(fp->f_pipe, fp->f_pipewr, events));
	case DTYPE_DEV:
		d = &cdevsw[fp->f_major];
		if (d->d_poll == NULL)
			return (events & (POLLIN | POLLOUT | POLLRDNORM));
		return (d->d_poll(fp->f_inode->i_minor, events));
	case DTYPE_VNODE:
		return (events & (POLLIN | POLLOUT | POLLRDNORM));
	default:
		return (POLLNVAL);
	}
}

/*
 * One pass over the user's pollfd array: compute and store every
 * revents.  Returns 0 and *nreadyp, or EFAULT.
 */
static int
poll_scan(struct proc *p, struct pollfd *ufds, u_int nfds, int *nreadyp)
{
	struct pollfd pfd;
	struct file *fp;
	short revents;
	u_int i;
	int error, nready;

	nready = 0;
	for (i = 0; i < nfds; i++) {
		if ((error = copyin(&ufds[i], &pfd, sizeof(pfd))) != 0)
			return (error);
		if (pfd.fd < 0) {
			revents = 0;	/* ignored, as POSIX says */
		} else if (fget(p, pfd.fd, &fp) != 0) {
			revents = POLLNVAL;
		} else {
			revents = fo_poll(fp, pfd.events);
			fdrop(fp);
		}
		if (revents != 0)
			nready++;
		if (revents != pfd.revents) {
			pfd.revents = revents;
			error = copyout(&pfd.revents, &ufds[i].revents,
			    sizeof(pfd.revents));
			if (error != 0)
				return (error);
		}
	}
	*nreadyp = nready;
	return (0);
}

/*
 * poll(2): wait until one of the descriptors is ready, the timeout (ms;
 * -1 forever, 0 just look) expires, or the process is killed (EINTR).
 * Returns the number of ready descriptors.
 */
int
sys_poll(struct proc *p, struct poll_args *uap)
{
	uint64 gen, deadline, now;
	int error, nready, timo;

	if (uap->nfds > NFILE)
		return (EINVAL);
	if (uap->timeout < -1)
		return (EINVAL);
	nready = 0;
	deadline = 0;
	if (uap->timeout > 0)
		deadline = ticks +
		    ((uint64)uap->timeout * HZ + 999) / 1000;
	for (;;) {
		spin_lock(&poll_lock);
		gen = poll_gen;
		spin_unlock(&poll_lock);

		error = poll_scan(p, uap->fds, uap->nfds, &nready);
		if (error != 0 || nready > 0 || uap->timeout == 0)
			break;
		timo = 0;
		if (uap->timeout > 0) {
			now = ticks;
			if (now >= deadline)
				break;
			timo = (int)(deadline - now);
		}

		spin_lock(&poll_lock);
		if (poll_gen == gen)
			error = msleep(&poll_gen, &poll_lock, PCATCH, "poll",
			    timo);
		spin_unlock(&poll_lock);
		if (error == EINTR || error == ERESTART) {
			error = EINTR;
			break;
		}
		/* Woken, or timed out: look again (then time out). */
		error = 0;
	}
	if (error == 0)
		p->p_retval[0] = nready;
	return (error);
}

/* ioctl(fd, cmd, data): only the console's terminal ioctls exist. */
int
sys_ioctl(struct proc *p, struct ioctl_args *uap)
{
	struct file *fp;
	int error;

	if ((error = fget(p, uap->fd, &fp)) != 0)
		return (error);
	if (fp->f_type == DTYPE_DEV && fp->f_major == CONSOLE_MAJOR)
		error = console_ioctl(p, uap->com, uap->data);
	else
		error = ENOTTY;
	fdrop(fp);
	return (error);
}
