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
	void		*fr_stack;	/* __clone: the child's stack top */
	int		*fr_pd_fd;	/* RFPROCDESC: the descriptor made */
	int		fr_pd_flags;	/* RFPROCDESC: PD_DAEMON, PD_CLOEXEC */
};

#define	FR2_DROPSIG_CAUGHT	0x0001	/* RFSPAWN: handlers back to default */
#define	FR2_SHARE_PATHS		0x0002	/* __clone(CLONE_FS): share the cwd */
#define	FR2_KPROC		0x0004	/* a kernel process */
#define	FR2_PATHS_EXPLICIT	0x0008	/* __clone: cwd by CLONE_FS alone */

int	fork1(struct proc *p1, struct fork_req *fr);
int	fork_check_request(int flags, int pdflags);
void	fork_exit(fork_callout_t *callout, void *arg, struct trapframe *frame)
	    __noreturn;
void	fork_return(void *arg, struct trapframe *frame);
int	kproc_create(fork_callout_t *func, void *arg, struct proc **procp,
	    const char *name);

extern struct proc proc0;
extern int maxproc;

void	vfork_wait(struct proc *p);
void	vfork_release(struct proc *child);
void	proc_thread_exit(struct proc *p);

#endif /* !_FORK_H_ */
