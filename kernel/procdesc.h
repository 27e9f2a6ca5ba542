/*
 * procdesc.h: process descriptors (FreeBSD's sys/procdesc.h, kernel
 * part).  A procdesc joins a process and the file that pdfork returned;
 * it lives while either holds it.  proctree_lock guards every field.
 */
#ifndef _PROCDESC_H_
#define _PROCDESC_H_

#include "types.h"

struct proc;
struct file;
struct stat;

struct procdesc {
	int		pd_refcount;	/* the file and the process */
	struct proc	*pd_proc;	/* NULL once reaped or let go */
	pid_t		pd_pid;		/* cached; -1 once let go */
	int		pd_flags;	/* PDF_* */
	int		pd_xstat;	/* wait status, once exited */
};

#define	PDF_EXITED	0x01		/* the process has exited */
#define	PDF_DAEMON	0x02		/* PD_DAEMON: closing does not kill */

int	procdesc_falloc(struct proc *p, int pdflags, struct file **fpp,
	    int *fdp);
void	procdesc_abandon(struct proc *p, int fd, struct file *fp);
void	procdesc_new(struct proc *p2, struct file *fp, int pdflags);
int	procdesc_exit(struct proc *p, int xstat);	/* proctree_lock */
void	procdesc_reap(struct proc *p);			/* proctree_lock */
void	procdesc_close(struct procdesc *pd);
int	procdesc_poll(struct procdesc *pd, int events);
void	procdesc_stat(struct procdesc *pd, struct stat *st);

#endif /* !_PROCDESC_H_ */
