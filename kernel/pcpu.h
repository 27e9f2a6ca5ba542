/*
 * pcpu.h: per-hart state.  In the kernel, register tp points at the
 * running hart's struct pcpu (user tp is saved in the trap frame).
 */
#ifndef _PCPU_H_
#define _PCPU_H_

#include "types.h"
#include "param.h"

struct proc;

/* Callee-saved registers, saved by cpu_switch() (swtch.S). */
struct context {
	uint64	ra;
	uint64	sp;
	uint64	s[12];		/* s0-s11 */
};

struct pcpu {
	struct proc	*pc_curproc;	/* must stay first: see curproc() */
	struct context	pc_schedctx;	/* this hart's scheduler loop */
	int		pc_cpuid;	/* index in pcpu[] */
	int		pc_hartid;	/* the hart's id from the device tree */
	int		pc_noff;	/* depth of push_intr_off() */
	int		pc_intena;	/* interrupts on before the first? */
	int		pc_idle;	/* waiting in wfi */
	int		pc_started;	/* came up */
	uint64		pc_switches;	/* context switches done here */
};

extern struct pcpu pcpu[MAXCPU];
extern int ncpu;			/* harts running */

static inline struct pcpu *
curpcpu(void)
{
	struct pcpu *pc;

	__asm__ __volatile__("mv %0, tp" : "=r"(pc));
	return (pc);
}

/*
 * One load through tp, so that it cannot be split by a preemption that
 * moves the process to another hart.
 */
static inline struct proc *
curproc_get(void)
{
	struct proc *p;

	__asm__ __volatile__("ld %0, 0(tp)" : "=r"(p));
	return (p);
}
#define	curproc	curproc_get()

#endif /* !_PCPU_H_ */
