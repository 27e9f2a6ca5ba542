/*
 * fork.h: the fork request.  Every way of making a process (fork, and
 * later vfork, rfork, pdfork, __clone, posix_spawn, kernel processes)
 * fills one of these and calls fork1(), as in FreeBSD.
 */
#ifndef _FORK_H_
#define _FORK_H_

#include "types.h"

struct proc;
struct trapframe;

typedef void fork_callout_t(void *arg, struct trapframe *frame);

struct fork_req {
	int		fr_flags;	/* RF* from <sys/unistd.h> */
	int		fr_flags2;	/* FR2_* below */
	pid_t		*fr_pidp;	/* where the child's pid goes */
	struct proc	**fr_procp;	/* where the child goes (RFSTOPPED) */
	fork_callout_t	*fr_func;	/* kernel processes: what to run */
	void		*fr_arg;
	const char	*fr_name;	/* kernel processes: p_comm */
};

#define	FR2_KPROC	0x0004		/* a kernel process */

int	fork1(struct proc *p1, struct fork_req *fr);
void	fork_exit(fork_callout_t *callout, void *arg, struct trapframe *frame)
	    __noreturn;
void	fork_return(void *arg, struct trapframe *frame);
int	kproc_create(fork_callout_t *func, void *arg, struct proc **procp,
	    const char *name);

extern struct proc proc0;

#endif /* !_FORK_H_ */
