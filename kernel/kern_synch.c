/*
 * kern_synch.c: the scheduler, and sleeping and waking.
 *
 * Each hart runs scheduler() on its boot stack and picks runnable
 * processes round-robin from the process table.  A process gives up the
 * hart with sched_switch(), holding its own p_lock; the scheduler
 * releases that lock once it is off the process's stack, which is what
 * makes sleep and exit safe against wakeup and wait on other harts.
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "sbi.h"
#include "vm_map.h"
#include "pmap.h"
#include "signalvar.h"

struct pcpu pcpu[MAXCPU];
int ncpu = 1;

/* Wake one idle hart so that a newly runnable process starts at once. */
static void
kick_idle_hart(void)
{
	struct pcpu *self = curpcpu();
	int i;

	for (i = 0; i < ncpu; i++) {
		struct pcpu *pc = &pcpu[i];

		if (pc != self && pc->pc_idle) {
			sbi_send_ipi(1UL, pc->pc_hartid);
			return;
		}
	}
}

/* Make p runnable.  p_lock held. */
void
setrunnable(struct proc *p)
{
	KASSERT(spin_owned(&p->p_lock), "setrunnable without p_lock");
	p->p_state = PRS_RUNNABLE;
	p->p_wchan = NULL;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	kick_idle_hart();
}

static int
any_runnable(void)
{
	struct proc *p;

	for (p = proc; p < &proc[NPROC]; p++)
		if (p->p_state == PRS_RUNNABLE)
			return (1);
	return (0);
}

void
scheduler(void)
{
	struct pcpu *pc = curpcpu();
	struct proc *p;
	int ran;

	for (;;) {
		/* Let devices interrupt, or a hart with all asleep deadlocks. */
		intr_on();
		ran = 0;
		for (p = proc; p < &proc[NPROC]; p++) {
			if (p->p_state != PRS_RUNNABLE)
				continue;
			spin_lock(&p->p_lock);
			if (p->p_state == PRS_RUNNABLE) {
				p->p_state = PRS_RUNNING;
				p->p_cpu = pc->pc_cpuid;
				pc->pc_curproc = p;
				pc->pc_switches++;
				if (p->p_vmspace != NULL)
					pmap_activate(&p->p_vmspace->vm_pmap);
				cpu_switch(&pc->pc_schedctx, &p->p_ctx);
				/*
				 * Off the process's page table: it may be freed
				 * (exec, exit) while this hart sits idle.
				 */
				if (p->p_vmspace != NULL)
					pmap_deactivate(&p->p_vmspace->vm_pmap);
				pmap_activate_kernel();
				pc->pc_curproc = NULL;
				ran = 1;
			}
			spin_unlock(&p->p_lock);
		}
		if (!ran) {
			/*
			 * Nothing to run: wait for an interrupt.  Say so
			 * first, then look once more: setrunnable() marks a
			 * process runnable before it looks for idle harts,
			 * so one of the two sees the other.  Interrupts are
			 * off until wfi; a pending one still ends it.
			 */
			intr_off();
			pc->pc_idle = 1;
			__atomic_thread_fence(__ATOMIC_SEQ_CST);
			if (!any_runnable())
				wfi();
			pc->pc_idle = 0;
		}
	}
}

/*
 * Switch to this hart's scheduler.  Call with exactly p_lock held and the
 * state already changed from PRS_RUNNING.
 */
void
sched_switch(void)
{
	struct proc *p = curproc;
	struct pcpu *pc = curpcpu();
	int intena;

	KASSERT(spin_owned(&p->p_lock), "sched_switch without p_lock");
	KASSERT(pc->pc_noff == 1, "sched_switch with other locks held");
	KASSERT(p->p_state != PRS_RUNNING, "sched_switch while running");
	KASSERT(!intr_get(), "sched_switch with interrupts on");
	intena = pc->pc_intena;
	cpu_switch(&p->p_ctx, &pc->pc_schedctx);
	/* Possibly on another hart now. */
	curpcpu()->pc_intena = intena;
}

void
yield(void)
{
	struct proc *p = curproc;

	spin_lock(&p->p_lock);
	p->p_state = PRS_RUNNABLE;
	sched_switch();
	spin_unlock(&p->p_lock);
}

/*
 * Sleep on chan until wakeup(chan), releasing lk meanwhile (FreeBSD's
 * msleep).  lk may be NULL.  flags: PCATCH lets a signal end the sleep
 * with EINTR, or ERESTART when the system call should run again
 * (SA_RESTART, or a stop).  timo: ticks before giving up with
 * EWOULDBLOCK; 0 for none.  Returns 0 when woken, with lk held again.
 */
int
msleep(void *chan, struct spinlock *lk, int flags, const char *wmesg,
    int timo)
{
	struct proc *p = curproc;
	int error;

	KASSERT(p != NULL, "msleep without a process");
	spin_lock(&p->p_lock);
	if ((flags & PCATCH) && sig_deliverable(p)) {
		error = sig_sleep_result(p);
		spin_unlock(&p->p_lock);
		return (error);
	}
	/* Visible as asleep before lk is released: wakeup cannot miss us. */
	p->p_wchan = chan;
	p->p_wmesg = wmesg;
	p->p_sleepflags = flags;
	p->p_timeout = timo > 0 ? ticks + timo : 0;
	p->p_slpresult = 0;
	p->p_state = PRS_SLEEPING;
	if (lk != NULL)
		spin_unlock(lk);
	sched_switch();
	error = p->p_slpresult;
	p->p_wchan = NULL;
	p->p_wmesg = NULL;
	p->p_timeout = 0;
	spin_unlock(&p->p_lock);
	if (lk != NULL)
		spin_lock(lk);
	return (error);
}

/* Wake p from its sleep with the given msleep result.  p_lock held. */
static void
sleep_end(struct proc *p, int result)
{
	p->p_slpresult = result;
	setrunnable(p);
}

void
wakeup(void *chan)
{
	struct proc *p;

	for (p = proc; p < &proc[NPROC]; p++) {
		/* Unlocked peek: a sleeper sets both before dropping its lock. */
		if (p->p_state != PRS_SLEEPING || p->p_wchan != chan)
			continue;
		spin_lock(&p->p_lock);
		if (p->p_state == PRS_SLEEPING && p->p_wchan == chan)
			sleep_end(p, 0);
		spin_unlock(&p->p_lock);
	}
}

void	itimer_scan(uint64 now);

/*
 * Every tick on the boot hart: end the sleeps whose timeout passed, and
 * fire the alarms that are due.
 */
void
sleepq_timeout_scan(void)
{
	uint64 now = ticks;
	struct proc *p;

	itimer_scan(now);
	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state != PRS_SLEEPING || p->p_timeout == 0 ||
		    p->p_timeout > now)
			continue;
		spin_lock(&p->p_lock);
		if (p->p_state == PRS_SLEEPING && p->p_timeout != 0 &&
		    p->p_timeout <= now)
			sleep_end(p, EWOULDBLOCK);
		spin_unlock(&p->p_lock);
	}
}

/* Sleep for timo ticks; EINTR if killed meanwhile (PCATCH). */
int
pause_ticks(const char *wmesg, int timo)
{
	int error;

	if (timo <= 0)
		timo = 1;
	error = msleep((void *)&ticks, NULL, PCATCH, wmesg, timo);
	return (error == EWOULDBLOCK ? 0 : error);
}
