/*
 * console.c: /dev/console, a line discipline over the UART.
 *
 * Input is cooked: characters are echoed and collected into a line that
 * readers see once it ends (newline, ^D, or a full buffer).  Editing:
 * backspace/DEL erases a character, ^U the line; ^D ends the input (a
 * read at the start of a line returns 0, end of file); ^P prints the
 * process list.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "spinlock.h"
#include "proc.h"
#include "file.h"
#include "uio.h"
#include "sbi.h"
#include "console.h"
#include <sys/poll.h>
#include <sys/ttycom.h>
#include "signalvar.h"
#include "ucred.h"

#define	CTRL(c)		((c) - '@')
#define	CONS_BUFSIZE	256

/*
 * The input ring.  cons_lock guards all of it.  [r, w) is ready for
 * readers; [w, e) is the line being edited.
 */
static struct {
	struct spinlock	lock;
	char		buf[CONS_BUFSIZE];
	uint64		r, w, e;
	pid_t		sid;		/* session it controls, 0 none */
	pid_t		pgid;		/* foreground process group */
} cons;

int	uart_is_ready(void);

void
cons_putc_kernel(int c)
{
	if (uart_is_ready())
		uart_putc_sync(c);
	else
		sbi_console_putchar(c);
}

static void
echo(int c)
{
	uart_putc_sync(c);
}

static void
erase_one(void)
{
	echo('\b');
	echo(' ');
	echo('\b');
}

/* The line is done: make it visible to readers. */
static void
commit_line(void)
{
	cons.w = cons.e;
	wakeup(&cons.r);
}

/* Called from the UART interrupt for each received character. */
void
console_rx(int c)
{
	int dump = 0, sig = 0;
	pid_t fg;

	spin_lock(&cons.lock);
	switch (c) {
	case CTRL('P'):
		dump = 1;
		break;
	case CTRL('C'):
	case CTRL('Z'):
	case CTRL('\\'):
		/* Signal the foreground group; the line typed so far goes. */
		sig = c == CTRL('C') ? SIGINT : c == CTRL('Z') ? SIGTSTP :
		    SIGQUIT;
		echo('^');
		echo(c + '@');
		echo('\n');
		cons.e = cons.w;
		break;
	case CTRL('U'):
		while (cons.e != cons.w && cons.buf[(cons.e - 1) %
		    CONS_BUFSIZE] != '\n') {
			cons.e--;
			erase_one();
		}
		break;
	case '\b':
	case 0x7f:
		if (cons.e != cons.w) {
			cons.e--;
			erase_one();
		}
		break;
	default:
		if (c == 0 || cons.e - cons.r >= CONS_BUFSIZE)
			break;
		if (c == '\r')
			c = '\n';
		/*
		 * ^D ends the line without being part of it; only on an
		 * empty line does it stay, as the end-of-file mark.
		 */
		if (c == CTRL('D') && cons.e != cons.w) {
			commit_line();
			break;
		}
		cons.buf[cons.e++ % CONS_BUFSIZE] = c;
		if (c != CTRL('D'))
			echo(c);
		if (c == '\n' || c == CTRL('D') ||
		    cons.e - cons.r == CONS_BUFSIZE)
			commit_line();
		break;
	}
	fg = cons.pgid;
	spin_unlock(&cons.lock);
	selwakeup();
	if (sig != 0 && fg > 0)
		pgsignal(fg, sig);
	if (dump)
		proc_dump();
}

/*
 * p is exiting: if it leads the console's session, the console is free
 * again (FreeBSD revokes the terminal then).  Returns 1 if it was.
 */
int
console_session_leader_exit(struct proc *p)
{
	int was;

	spin_lock(&cons.lock);
	was = cons.sid == p->p_pid;
	if (was) {
		cons.sid = 0;
		cons.pgid = 0;
	}
	spin_unlock(&cons.lock);
	return (was);
}

/* Make session sid, whose foreground group is pgid, the console's. */
void
console_set_session(pid_t sid, pid_t pgid)
{
	spin_lock(&cons.lock);
	cons.sid = sid;
	cons.pgid = pgid;
	spin_unlock(&cons.lock);
}

/*
 * The terminal ioctls: TIOCGPGRP and TIOCSPGRP get and set the
 * foreground group (set: only from the console's session, to a group
 * of that session), TIOCGSID gives the session, TIOCSCTTY lets a
 * session leader take a console that no session holds (or root steal
 * it).  ENOTTY for the rest.
 */
int
console_ioctl(struct proc *p, u_long cmd, void *udata)
{
	struct pgrp *pg;
	pid_t mysid, val;
	int error = 0;

	spin_lock(&proctree_lock);
	mysid = p->p_pgrp->pg_session->s_sid;
	spin_unlock(&proctree_lock);
	switch (cmd) {
	case TIOCGPGRP:
	case TIOCGSID:
		spin_lock(&cons.lock);
		val = cmd == TIOCGPGRP ? cons.pgid : cons.sid;
		/* Only for the session whose controlling terminal it is. */
		if (cons.sid == 0 || cons.sid != mysid)
			val = -1;
		spin_unlock(&cons.lock);
		if (val == -1)
			return (ENOTTY);
		return (copyout(&val, udata, sizeof(val)));
	case TIOCSPGRP:
		if ((error = copyin(udata, &val, sizeof(val))) != 0)
			return (error);
		if (val <= 0)
			return (EINVAL);
		spin_lock(&proctree_lock);
		pg = pgfind(val);
		spin_lock(&cons.lock);
		if (cons.sid != mysid || mysid == 0)
			error = ENOTTY;
		else if (pg == NULL || pg->pg_session->s_sid != mysid)
			error = EPERM;
		else
			cons.pgid = val;
		spin_unlock(&cons.lock);
		spin_unlock(&proctree_lock);
		return (error);
	case TIOCSCTTY:
		spin_lock(&cons.lock);
		if (mysid != p->p_pid)
			error = EPERM;		/* not a session leader */
		else if (cons.sid != 0 && cons.sid != mysid &&
		    priv_check_cred(p->p_ucred, PRIV_ROOT) != 0)
			error = EPERM;
		else {
			cons.sid = mysid;
			cons.pgid = mysid;
		}
		spin_unlock(&cons.lock);
		return (error);
	default:
		return (ENOTTY);
	}
}

/*
 * Read up to one line.  Sleeps (interruptibly) until a line is ready.
 * A ^D at the start of the read means end of file: return 0.
 */
static int
console_read(int minor, struct uio *uio, int ioflag)
{
	size_t want = uio->uio_resid;
	int error = 0;

	spin_lock(&cons.lock);
	while (uio->uio_resid > 0) {
		char c;

		while (cons.r == cons.w) {
			if (uio->uio_resid != want)
				goto out;
			error = msleep(&cons.r, &cons.lock, PCATCH, "ttyin", 0);
			if (error != 0)
				goto out;
		}
		c = cons.buf[cons.r % CONS_BUFSIZE];
		if (c == CTRL('D')) {
			/* End of file, unless data came first: then next time. */
			if (uio->uio_resid == want)
				cons.r++;
			break;
		}
		cons.r++;
		spin_unlock(&cons.lock);
		error = uiomove(&c, 1, uio);
		spin_lock(&cons.lock);
		if (error != 0 || c == '\n')
			break;
	}
out:
	spin_unlock(&cons.lock);
	return (error);
}

static int
console_write(int minor, struct uio *uio, int ioflag)
{
	char chunk[64];
	int error = 0;

	while (uio->uio_resid > 0) {
		size_t n = MIN(uio->uio_resid, sizeof(chunk));

		if ((error = uiomove(chunk, n, uio)) != 0)
			break;
		for (size_t i = 0; i < n; i++)
			uart_putc_sync(chunk[i]);
	}
	return (error);
}

static int
console_poll(int minor, int events)
{
	int revents = events & (POLLOUT | POLLWRNORM);

	spin_lock(&cons.lock);
	if (cons.r != cons.w)
		revents |= events & (POLLIN | POLLRDNORM);
	spin_unlock(&cons.lock);
	return (revents);
}

void
console_init(void)
{
	spinlock_init(&cons.lock, "cons");
	uart_init();
	cdevsw[CONSOLE_MAJOR].d_read = console_read;
	cdevsw[CONSOLE_MAJOR].d_write = console_write;
	cdevsw[CONSOLE_MAJOR].d_poll = console_poll;
}
