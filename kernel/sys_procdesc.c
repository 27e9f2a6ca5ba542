/*
 * sys_procdesc.c: process descriptors, FreeBSD's pdfork(2) family.
 *
 * pdfork and pdrfork make a child and a descriptor for it.  While the
 * descriptor is open, the child's exit sends its parent no signal, and
 * wait(-1) does not see it (waitpid(pid) and pdwait do).  The last close
 * of the descriptor reaps a zombie child, or hands a live one to its
 * reaper and kills it unless PD_DAEMON.  The pid stays taken while the
 * descriptor is open, so pdgetpid never names another process.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "malloc.h"
#include "proc.h"
#include "file.h"
#include "fs.h"
#include "ucred.h"
#include "fork.h"
#include "signalvar.h"
#include "procdesc.h"
#include "sysproto.h"
#include <sys/procdesc.h>
#include <sys/unistd.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <sys/poll.h>
#include <sys/fcntl.h>

void	proc_reap(struct proc *parent, struct proc *p);
int	proc_kill_checked(struct proc *td, struct proc *p, int sig);

/*
 * fork1's step 12: reserve the parent's descriptor before the child is
 * built, so that a full table fails the fork (EMFILE).  The file stays
 * unusable (DTYPE_NONE, which fdcopy skips) until procdesc_new.  The
 * caller gets a reference of its own (the table holds another), since a
 * process sharing the table may close the slot meanwhile.
 */
int
procdesc_falloc(struct proc *p, int pdflags, struct file **fpp, int *fdp)
{
	struct file *fp;
	int error;

	if ((error = falloc(&fp)) != 0)
		return (error);
	fhold(fp);
	if ((error = fdalloc(p, fp, 0, (pdflags & PD_CLOEXEC) != 0,
	    fdp)) != 0) {
		fdrop(fp);
		fdrop(fp);
		return (error);
	}
	*fpp = fp;
	return (0);
}

/*
 * Take file fp out of p's slot fd, if it is still there (a sharer of
 * the table may have closed it, and the slot been reused).
 */
static void
procdesc_unslot(struct proc *p, int fd, struct file *fp)
{
	struct filedesc *fdp = p->p_fd;
	int mine;

	spin_lock(&fdp->fd_lock);
	mine = fdp->fd_ofiles[fd] == fp;
	if (mine) {
		fdp->fd_ofiles[fd] = NULL;
		fdp->fd_oflags[fd] = 0;
	}
	spin_unlock(&fdp->fd_lock);
	if (mine)
		fdrop(fp);		/* the table's reference */
}

/* Undo procdesc_falloc (a later step of the fork failed). */
void
procdesc_abandon(struct proc *p, int fd, struct file *fp)
{
	procdesc_unslot(p, fd, fp);
	fdrop(fp);			/* the fork's own reference */
}

/* The fork cannot fail any more: join the child and the file. */
void
procdesc_new(struct proc *p2, struct file *fp, int pdflags)
{
	struct procdesc *pd = malloc(sizeof(*pd), M_ZERO);

	/* malloc of a few bytes after the fork's own allocations: if even
	 * this fails, the machine is out of memory; kill the child. */
	spin_lock(&proctree_lock);
	if (pd != NULL) {
		pd->pd_refcount = 2;
		pd->pd_proc = p2;
		pd->pd_pid = p2->p_pid;
		pd->pd_flags = (pdflags & PD_DAEMON) ? PDF_DAEMON : 0;
		p2->p_procdesc = pd;
	}
	spin_unlock(&proctree_lock);
	if (pd == NULL) {
		kern_psignal(p2, SIGKILL);
		return;
	}
	fp->f_flag = FREAD | FWRITE;
	fp->f_procdesc = pd;
	__atomic_store_n(&fp->f_type, DTYPE_PROCDESC, __ATOMIC_RELEASE);
}

static void
procdesc_drop(struct procdesc *pd)
{
	if (--pd->pd_refcount > 0)
		return;
	if (pd->pd_pid != -1)
		pid_bitmap_set(pd->pd_pid, 0);	/* the pid is free at last */
	free(pd);
}

/*
 * The process is exiting with status xstat: mark the descriptor, wake
 * pollers and pdwait.  Returns 1 if a descriptor is open (then the parent
 * gets no signal), 0 if the process has none.  proctree_lock held.
 */
int
procdesc_exit(struct proc *p, int xstat)
{
	struct procdesc *pd = p->p_procdesc;

	if (pd == NULL)
		return (0);
	pd->pd_flags |= PDF_EXITED;
	pd->pd_xstat = xstat;
	wakeup(pd);
	selwakeup();
	return (1);
}

/* The process is being reaped: the descriptor outlives it.  proctree. */
void
procdesc_reap(struct proc *p)
{
	struct procdesc *pd = p->p_procdesc;

	if (pd == NULL)
		return;
	pd->pd_proc = NULL;
	p->p_procdesc = NULL;
	procdesc_drop(pd);
}

/*
 * The last close of the descriptor (FreeBSD's procdesc_close).  A
 * zombie is reaped by the closer; a live child is let go: given to its
 * reaper, which hears of its exit with SIGCHLD, and killed unless
 * PD_DAEMON.
 */
void
procdesc_close(struct procdesc *pd)
{
	/* LAB procdesc: begin
	 * Under proctree_lock.  If the process (pd_proc) is a zombie,
	 * reap it (proc_reap with its parent; that calls procdesc_reap,
	 * which drops the process's reference).  If it still runs, cut
	 * the link both ways (pd_proc, p_procdesc), give the pid back to
	 * the process (pd_pid = -1: the descriptor no longer holds it),
	 * drop the process's reference by hand (pd_refcount), hand the
	 * process to its reaper (proc_reparent_to_reaper) and SIGKILL it
	 * (kern_psignal) unless PDF_DAEMON.  Either way, finally drop the
	 * file's reference (procdesc_drop).  The stub kills the child
	 * (even a PD_DAEMON one) but reaps nothing and hands nothing to
	 * the reaper: the child stays a zombie that wait(-1) never sees.
	 */
	struct proc *p;

	spin_lock(&proctree_lock);
	p = pd->pd_proc;
	if (p != NULL && p->p_state == PRS_ZOMBIE) {
		proc_reap(p->p_pptr, p);	/* calls procdesc_reap */
	} else if (p != NULL) {
		pd->pd_proc = NULL;
		p->p_procdesc = NULL;
		pd->pd_pid = -1;		/* the process keeps its pid */
		pd->pd_refcount--;		/* the process's reference */
		proc_reparent_to_reaper(p);
		if (!(pd->pd_flags & PDF_DAEMON))
			kern_psignal(p, SIGKILL);
	}
	procdesc_drop(pd);			/* the file's reference */
	spin_unlock(&proctree_lock);
	/* LAB procdesc: end */
	/* LAB procdesc: stub
	spin_lock(&proctree_lock);
	if (pd->pd_proc != NULL)
		kern_psignal(pd->pd_proc, SIGKILL);
	procdesc_drop(pd);
	spin_unlock(&proctree_lock);
	*/
}

int
procdesc_poll(struct procdesc *pd, int events)
{
	int exited;

	spin_lock(&proctree_lock);
	exited = (pd->pd_flags & PDF_EXITED) != 0;
	spin_unlock(&proctree_lock);
	return (exited ? POLLHUP : 0);
}

/*
 * fstat: FreeBSD's answer: S_IFREG | S_IRWXU while the process lives,
 * S_IFREG once it has exited, with its real ids.
 */
void
procdesc_stat(struct procdesc *pd, struct stat *st)
{
	struct proc *p;

	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFREG;
	spin_lock(&proctree_lock);
	if ((p = pd->pd_proc) != NULL) {
		if (!(pd->pd_flags & PDF_EXITED))
			st->st_mode |= S_IRWXU;
		st->st_uid = p->p_ucred->cr_ruid;
		st->st_gid = p->p_ucred->cr_rgid;
	}
	spin_unlock(&proctree_lock);
}

/* The procdesc behind fd, with a file reference; EBADF, or EINVAL. */
static int
procdesc_get(struct proc *p, int fd, int notpd_error, struct file **fpp)
{
	struct file *fp;
	int error;

	if ((error = fget(p, fd, &fp)) != 0)
		return (error);
	if (fp->f_type != DTYPE_PROCDESC) {
		fdrop(fp);
		return (notpd_error);
	}
	*fpp = fp;
	return (0);
}

/*
 * After the fork: hand the descriptor to the caller.  If *fdp cannot be
 * written any more (an RFMEM peer unmapped it), close the descriptor,
 * which kills the child and gives it to the reaper: nothing leaks
 * (FORK.md Part 1, 6).
 */
static int
pdfork_finish(struct proc *p, int *ufdp, int fd, pid_t pid)
{
	struct file *fp;
	struct proc *q;

	if (copyout(&fd, ufdp, sizeof(fd)) == 0)
		return (0);
	/* Only if the slot still holds our descriptor for pid. */
	if (fget(p, fd, &fp) != 0)
		return (EFAULT);
	if (fp->f_type == DTYPE_PROCDESC && fp->f_procdesc->pd_pid == pid) {
		spin_lock(&proctree_lock);
		if ((q = fp->f_procdesc->pd_proc) != NULL)
			kern_psignal(q, SIGKILL);	/* even PD_DAEMON */
		spin_unlock(&proctree_lock);
		procdesc_unslot(p, fd, fp);
	}
	fdrop(fp);
	return (EFAULT);
}

/* Is *fdp writable?  Checked before anything is made (Part 1, 6). */
static int
pdfork_check_fdp(int *ufdp)
{
	int minus1 = -1;

	return (copyout(&minus1, ufdp, sizeof(minus1)));
}

static int
pdfork_common(struct proc *p, int *ufdp, int pdflags, int flags, int flags2)
{
	struct fork_req fr;
	pid_t pid;
	int fd = -1, error;

	if ((error = fork_check_request(flags, pdflags)) != 0)
		return (error);
	if ((error = pdfork_check_fdp(ufdp)) != 0)
		return (error);
	memset(&fr, 0, sizeof(fr));
	fr.fr_flags = flags;
	fr.fr_flags2 = flags2;
	fr.fr_pidp = &pid;
	fr.fr_pd_fd = &fd;
	fr.fr_pd_flags = pdflags;
	if ((error = fork1(p, &fr)) != 0)
		return (error);
	if ((error = pdfork_finish(p, ufdp, fd, pid)) != 0)
		return (error);
	p->p_retval[0] = pid;
	p->p_retval[1] = 0;
	return (0);
}

int
sys_pdfork(struct proc *p, struct pdfork_args *uap)
{
	return (pdfork_common(p, uap->fdp, uap->flags,
	    RFFDG | RFPROC | RFPROCDESC, 0));
}

/*
 * pdrfork(fdp, pdflags, rfflags) (FreeBSD 2026, FORK.md §3.2): the
 * kernel-only RFSTOPPED and RFHIGHPID are EINVAL; RFSPAWN must be alone;
 * otherwise both RFPROC and RFPROCDESC are required.
 */
int
sys_pdrfork(struct proc *p, struct pdrfork_args *uap)
{
	unsigned int rf = uap->rfflags;

	if (rf & (RFSTOPPED | RFHIGHPID))
		return (EINVAL);
	if (rf & RFSPAWN) {
		if (rf != RFSPAWN)
			return (EINVAL);
		return (pdfork_common(p, uap->fdp, uap->pdflags, RFFDG |
		    RFPROC | RFPPWAIT | RFMEM | RFPROCDESC,
		    FR2_DROPSIG_CAUGHT));
	}
	if ((rf & (RFPROC | RFPROCDESC)) != (RFPROC | RFPROCDESC))
		return (EINVAL);
	return (pdfork_common(p, uap->fdp, uap->pdflags, rf, 0));
}

/* pdgetpid: the cached pid, also after exit.  EBADF for other files. */
int
sys_pdgetpid(struct proc *p, struct pdgetpid_args *uap)
{
	/* LAB procdesc: begin
	 * Get the descriptor's file with procdesc_get (EBADF if fd is
	 * not a process descriptor), read the pid cached in its procdesc
	 * (pd_pid) under proctree_lock, release the file (fdrop) and
	 * copy the pid out to uap->pidp.
	 */
	struct file *fp;
	pid_t pid;
	int error;

	if ((error = procdesc_get(p, uap->fd, EBADF, &fp)) != 0)
		return (error);
	spin_lock(&proctree_lock);
	pid = fp->f_procdesc->pd_pid;
	spin_unlock(&proctree_lock);
	fdrop(fp);
	return (copyout(&pid, uap->pidp, sizeof(pid)));
	/* LAB procdesc: end */
	/* LAB procdesc: stub
	return (ENOSYS);
	*/
}

/*
 * pdkill: EINVAL for a bad signal or another kind of file (current
 * FreeBSD), ESRCH once reaped, EPERM without permission; signal 0 only
 * checks.
 */
int
sys_pdkill(struct proc *p, struct pdkill_args *uap)
{
	/* LAB procdesc: begin
	 * EINVAL for a signal number above _SIG_MAXSIG, or (from
	 * procdesc_get) for a file that is not a process descriptor.
	 * Under proctree_lock: ESRCH if the process is gone (pd_proc is
	 * NULL), else send the signal with proc_kill_checked (which does
	 * the permission check and wants the target's p_lock held).
	 * fdrop the file before returning.
	 */
	struct file *fp;
	struct proc *q;
	int error;

	if ((u_int)uap->signum > _SIG_MAXSIG)
		return (EINVAL);
	if ((error = procdesc_get(p, uap->fd, EINVAL, &fp)) != 0)
		return (error);
	spin_lock(&proctree_lock);
	if ((q = fp->f_procdesc->pd_proc) == NULL)
		error = ESRCH;
	else {
		spin_lock(&q->p_lock);
		error = proc_kill_checked(p, q, uap->signum);
		spin_unlock(&q->p_lock);
	}
	spin_unlock(&proctree_lock);
	fdrop(fp);
	return (error);
	/* LAB procdesc: end */
	/* LAB procdesc: stub
	return (ENOSYS);
	*/
}

/*
 * pdwait(fd, status, options, wrusage, info) (FreeBSD 2026): like wait6
 * on the descriptor's process, by anyone holding it.  Returns 0; ESRCH
 * once reaped; EWOULDBLOCK with WNOHANG and nothing to report; EINVAL
 * for options without WEXITED, WUNTRACED, WCONTINUED or WTRAPPED.
 */
int
sys_pdwait(struct proc *p, struct pdwait_args *uap)
{
	struct procdesc *pd;
	struct __wrusage wru;
	struct file *fp;
	struct proc *q;
	siginfo_t si;
	int error, status = 0, options = uap->options, found = 0;

	if (options & ~(WUNTRACED | WNOHANG | WCONTINUED | WNOWAIT |
	    WEXITED | WTRAPPED | WLINUXCLONE))
		return (EINVAL);
	if (!(options & (WEXITED | WUNTRACED | WCONTINUED | WTRAPPED)))
		return (EINVAL);
	if ((error = procdesc_get(p, uap->fd, EINVAL, &fp)) != 0)
		return (error);
	pd = fp->f_procdesc;
	memset(&si, 0, sizeof(si));
	/* LAB procdesc: begin
	 * Wait for pd's process as wait6 would, under proctree_lock:
	 *  - ESRCH if it has been reaped (pd_proc is NULL);
	 *  - a zombie: ESRCH unless WEXITED; else report its p_xstat in
	 *    status and si (SIGCHLD, CLD_KILLED or CLD_EXITED, the
	 *    status or signal, pid, real uid), and reap it (proc_reap
	 *    with its parent) unless WNOWAIT; found = 1;
	 *  - a stop or continue to report (sig_stopped_report): fill
	 *    si (CLD_STOPPED or CLD_CONTINUED); found = 1;
	 *  - else EWOULDBLOCK with WNOHANG, or sleep on pd (msleep with
	 *    PCATCH, so a signal ends the wait) and look again.
	 * The code after the loop copies the results out.
	 */
	spin_lock(&proctree_lock);
	for (;;) {
		if ((q = pd->pd_proc) == NULL) {
			error = ESRCH;
			break;
		}
		if (q->p_state == PRS_ZOMBIE) {
			if (!(options & WEXITED)) {
				error = ESRCH;
				break;
			}
			status = q->p_xstat;
			si.si_signo = SIGCHLD;
			si.si_code = WIFSIGNALED(status) ? CLD_KILLED :
			    CLD_EXITED;
			si.si_status = WIFSIGNALED(status) ? WTERMSIG(status) :
			    WEXITSTATUS(status);
			si.si_pid = q->p_pid;
			si.si_uid = q->p_ucred->cr_ruid;
			if (!(options & WNOWAIT))
				proc_reap(q->p_pptr, q);
			found = 1;
			break;
		}
		if (sig_stopped_report(q, options, &status)) {
			si.si_signo = SIGCHLD;
			si.si_code = WIFSTOPPED(status) ? CLD_STOPPED :
			    CLD_CONTINUED;
			si.si_status = WIFSTOPPED(status) ? WSTOPSIG(status) :
			    SIGCONT;
			si.si_pid = q->p_pid;
			found = 1;
			break;
		}
		if (options & WNOHANG) {
			error = EWOULDBLOCK;
			break;
		}
		if ((error = msleep(pd, &proctree_lock, PCATCH, "pdwait",
		    0)) != 0)
			break;
	}
	spin_unlock(&proctree_lock);
	/* LAB procdesc: end */
	/* LAB procdesc: stub
	(void)pd;
	(void)q;
	error = ENOSYS;
	*/
	fdrop(fp);
	if (!found)
		return (error);
	if (uap->status != NULL &&
	    (error = copyout(&status, uap->status, sizeof(status))) != 0)
		return (error);
	if (uap->wrusage != NULL) {
		memset(&wru, 0, sizeof(wru));
		if ((error = copyout(&wru, uap->wrusage, sizeof(wru))) != 0)
			return (error);
	}
	if (uap->info != NULL &&
	    (error = copyout(&si, uap->info, sizeof(si))) != 0)
		return (error);
	p->p_retval[0] = 0;
	return (0);
}
