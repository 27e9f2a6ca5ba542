/*
 * kern_sig.c: signals, with BSD semantics and FreeBSD's numbering.
 *
 * Posting (psignal) marks a signal pending and, if the process can take
 * it, ends an interruptible sleep or continues or kills a stopped
 * process.  Taking happens only in the process itself, on its way out to
 * user mode (postsig_all from userret): a caught signal gets a frame on
 * the user stack and a call to its handler, whose return goes through
 * the kernel's trampoline page and sigreturn(2); default actions
 * terminate, stop, continue or ignore.
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "memlayout.h"
#include "systm.h"
#include "malloc.h"
#include "pcpu.h"
#include "proc.h"
#include "trap.h"
#include "ucred.h"
#include "vm_page.h"
#include "vm_map.h"
#include "signalvar.h"
#include "sysproto.h"
#include <sys/mman.h>
#include <sys/wait.h>

/* Default actions (FreeBSD's sigproptbl), for signals 1..31. */
#define	SA_KILL		0x01	/* terminates */
#define	SA_CORE		0x02	/* terminates (we write no core) */
#define	SA_STOP		0x04	/* stops */
#define	SA_TTYSTOP	0x08	/* stops, from the terminal */
#define	SA_IGNORE	0x10	/* ignored */
#define	SA_CONT		0x20	/* continues */

static const int sigprop[NSIG] = {
	[SIGHUP] = SA_KILL,		[SIGINT] = SA_KILL,
	[SIGQUIT] = SA_KILL | SA_CORE,	[SIGILL] = SA_KILL | SA_CORE,
	[SIGTRAP] = SA_KILL | SA_CORE,	[SIGABRT] = SA_KILL | SA_CORE,
	[SIGEMT] = SA_KILL | SA_CORE,	[SIGFPE] = SA_KILL | SA_CORE,
	[SIGKILL] = SA_KILL,		[SIGBUS] = SA_KILL | SA_CORE,
	[SIGSEGV] = SA_KILL | SA_CORE,	[SIGSYS] = SA_KILL | SA_CORE,
	[SIGPIPE] = SA_KILL,		[SIGALRM] = SA_KILL,
	[SIGTERM] = SA_KILL,		[SIGURG] = SA_IGNORE,
	[SIGSTOP] = SA_STOP,		[SIGTSTP] = SA_STOP | SA_TTYSTOP,
	[SIGCONT] = SA_IGNORE | SA_CONT, [SIGCHLD] = SA_IGNORE,
	[SIGTTIN] = SA_STOP | SA_TTYSTOP, [SIGTTOU] = SA_STOP | SA_TTYSTOP,
	[SIGIO] = SA_IGNORE,		[SIGXCPU] = SA_KILL,
	[SIGXFSZ] = SA_KILL,		[SIGVTALRM] = SA_KILL,
	[SIGPROF] = SA_KILL,		[SIGWINCH] = SA_IGNORE,
	[SIGINFO] = SA_IGNORE,		[SIGUSR1] = SA_KILL,
	[SIGUSR2] = SA_KILL,
};

/* Signals 32.._SIG_MAXSIG terminate by default (FORK.md Part 1, 5). */
static int
sig_prop(int sig)
{
	return (sig < NSIG ? sigprop[sig] : SA_KILL);
}

static paddr_t sigcode_pa;		/* the trampoline page, shared by all */

/* sigreturn's number, from the syscall table. */
#include <sys/syscall.h>

/* The frame sendsig() puts on the user stack. */
struct sigframe {
	siginfo_t	sf_si;
	ucontext_t	sf_uc;
};

/* RISC-V I-type "addi rd, rs1, imm" and the ecall instruction. */
#define	ADDI(rd, rs1, imm)	((((uint32)(imm) & 0xfff) << 20) | \
				    ((rs1) << 15) | ((rd) << 7) | 0x13)
#define	ECALL			0x00000073U
#define	REG_SP	2
#define	REG_T0	5
#define	REG_A0	10

/*
 * Build the trampoline page at boot.  A handler returns to it with sp at
 * its sigframe; it calls sigreturn(&frame->sf_uc), and should that fail,
 * exit(a0).
 */
void
sig_init(void)
{
	uint32 *code;

	sigcode_pa = vm_page_alloc_zero();
	KASSERT(sigcode_pa != 0, "no memory for the signal trampoline");
	code = (uint32 *)PHYS_TO_DMAP(sigcode_pa);
	code[0] = ADDI(REG_A0, REG_SP, offsetof(struct sigframe, sf_uc));
	code[1] = ADDI(REG_T0, 0, SYS_sigreturn);
	code[2] = ECALL;
	code[3] = ADDI(REG_T0, 0, SYS_exit);
	code[4] = ECALL;
}

/* Map the trampoline into a new image (exec). */
int
sigcode_map(struct proc *p, void *vmp)
{
	struct vmspace *vm = vmp;
	int error;

	error = vm_map_insert(vm, SIGCODE_VA, SIGCODE_VA + PGSIZE,
	    VM_PROT_READ | VM_PROT_EXECUTE, INHERIT_COPY, MAP_ENTRY_TEXT);
	if (error != 0)
		return (error);
	vm_page_hold(sigcode_pa);
	if ((error = pmap_enter(&vm->vm_pmap, SIGCODE_VA, sigcode_pa,
	    VM_PROT_READ | VM_PROT_EXECUTE)) != 0)
		vm_page_unhold(sigcode_pa);
	return (error);
}

struct sigacts *
sigacts_alloc(void)
{
	struct sigacts *ps = malloc(sizeof(*ps), M_ZERO);

	if (ps != NULL) {
		ps->ps_refcnt = 1;
		spinlock_init(&ps->ps_lock, "sigacts");
	}
	return (ps);
}

struct sigacts *
sigacts_hold(struct sigacts *ps)
{
	__atomic_add_fetch(&ps->ps_refcnt, 1, __ATOMIC_RELAXED);
	return (ps);
}

void
sigacts_free(struct sigacts *ps)
{
	if (__atomic_sub_fetch(&ps->ps_refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		free(ps);
}

void
sigacts_copy(struct sigacts *dst, struct sigacts *src)
{
	spin_lock(&src->ps_lock);
	memcpy(dst->ps_sigact, src->ps_sigact, sizeof(dst->ps_sigact));
	memcpy(dst->ps_catchmask, src->ps_catchmask,
	    sizeof(dst->ps_catchmask));
	memcpy(dst->ps_saflags, src->ps_saflags, sizeof(dst->ps_saflags));
	dst->ps_sigignore = src->ps_sigignore;
	dst->ps_sigcatch = src->ps_sigcatch;
	dst->ps_flag = src->ps_flag;
	spin_unlock(&src->ps_lock);
}

static void
sigset_clear_unmaskable(sigset_t *s)
{
	sigdelset_k(s, SIGKILL);
	sigdelset_k(s, SIGSTOP);
}

/* Add the stop signals to a mask: a vfork child holds them (FreeBSD). */
static void
sig_add_stops(sigset_t *s)
{
	sigaddset_k(s, SIGSTOP);
	sigaddset_k(s, SIGTSTP);
	sigaddset_k(s, SIGTTIN);
	sigaddset_k(s, SIGTTOU);
}

/* The lowest signal in pending & ~mask, or 0. */
static int
sig_first(const sigset_t *pending, const sigset_t *mask)
{
	int i, b;

	for (i = 0; i < _SIG_WORDS; i++) {
		uint32 w = pending->__bits[i] & ~mask->__bits[i];

		if (w == 0)
			continue;
		for (b = 0; b < 32; b++)
			if (w & (1U << b))
				return (i * 32 + b + 1);
	}
	return (0);
}

/* How would p take sig now: caught, ignored, or the default? */
static __sighandler_t *
sig_action(struct proc *p, int sig)
{
	return (p->p_sigacts->ps_sigact[_SIG_IDX(sig)]);
}

/* Is sig discarded on arrival (ignored, or ignored by default)? */
static int
sig_ignored(struct proc *p, int sig)
{
	__sighandler_t *act = sig_action(p, sig);

	if (sig == SIGKILL || sig == SIGSTOP)
		return (0);
	if (act == SIG_IGN)
		return (1);
	return (act == SIG_DFL && (sig_prop(sig) & SA_IGNORE) &&
	    !sigismember_k(&p->p_sigmask, sig));
}

/*
 * Post sig to p.  p_lock held.  Records the sender in p_ksi when the
 * caller filled it beforehand (kill does; the kernel leaves zeros).
 */
void
psignal(struct proc *p, int sig)
{
	int prop = sig_prop(sig), i;

	KASSERT(spin_owned(&p->p_lock), "psignal without p_lock");
	if (p->p_state == PRS_ZOMBIE || (p->p_flag & P_WEXIT))
		return;
	if (prop & SA_CONT) {
		/* Continue now, whatever its action; drop pending stops. */
		for (i = 1; i < NSIG; i++)
			if (sig_prop(i) & SA_STOP)
				sigdelset_k(&p->p_siglist, i);
		if (p->p_state == PRS_STOPPED) {
			p->p_flag |= P_CONTINUED;
			p->p_flag &= ~P_WAITED;
			p->p_xsig = 0;
			setrunnable(p);
			/* wait(WCONTINUED) and pdwait sleepers look again. */
			wakeup(p->p_pptr);
			if (p->p_procdesc != NULL)
				wakeup(p->p_procdesc);
		}
	}
	if (prop & SA_STOP)
		sigdelset_k(&p->p_siglist, SIGCONT);
	if (sig_ignored(p, sig))
		return;
	sigaddset_k(&p->p_siglist, sig);
	if (sig == SIGKILL && p->p_state == PRS_STOPPED)
		setrunnable(p);		/* so that it can die */
	if (p->p_state == PRS_SLEEPING && (p->p_sleepflags & PCATCH) &&
	    sig_deliverable(p)) {
		p->p_slpresult = sig_sleep_result(p);
		setrunnable(p);
	}
}

void
kern_psignal(struct proc *p, int sig)
{
	spin_lock(&p->p_lock);
	psignal(p, sig);
	spin_unlock(&p->p_lock);
}

/* Is there a pending signal p would act on?  p_lock held. */
int
sig_deliverable(struct proc *p)
{
	sigset_t mask = p->p_sigmask;

	sigset_clear_unmaskable(&mask);
	if (p->p_flag & P_PPWAIT)
		sig_add_stops(&mask);	/* held, not deliverable */
	return (sig_first(&p->p_siglist, &mask) != 0);
}

/*
 * What an interrupted sleep returns: ERESTART if the signal's handler
 * has SA_RESTART, or the signal stops the process (the call runs again
 * after SIGCONT); EINTR otherwise.  p_lock held.
 */
int
sig_sleep_result(struct proc *p)
{
	sigset_t mask = p->p_sigmask;
	__sighandler_t *act;
	int sig;

	sigset_clear_unmaskable(&mask);
	if (p->p_flag & P_PPWAIT)
		sig_add_stops(&mask);
	if ((sig = sig_first(&p->p_siglist, &mask)) == 0)
		return (0);
	act = sig_action(p, sig);
	if (act == SIG_DFL)
		return ((sig_prop(sig) & SA_STOP) && p->p_pid > 1 ? ERESTART :
		    EINTR);
	if (act != SIG_IGN &&
	    (p->p_sigacts->ps_saflags[_SIG_IDX(sig)] & SA_RESTART))
		return (ERESTART);
	return (EINTR);
}

/* Record who sent sig, for SA_SIGINFO handlers.  p_lock held. */
static void
sig_set_source(struct proc *p, int sig, pid_t pid, uid_t uid, int code,
    int status)
{
	if (sig >= NSIG)
		return;
	p->p_ksi[sig].pid = pid;
	p->p_ksi[sig].uid = uid;
	p->p_ksi[sig].code = code;
	p->p_ksi[sig].status = status;
}

/*
 * A fault in user mode: sig for the process itself, delivered before it
 * runs again.  A blocked or ignored fault signal cannot be taken, so it
 * kills, as on FreeBSD.
 */
void
trapsignal(struct proc *p, int sig, int code, void *addr)
{
	struct sigacts *ps = p->p_sigacts;

	spin_lock(&p->p_lock);
	spin_lock(&ps->ps_lock);
	if (sigismember_k(&p->p_sigmask, sig) || sig_action(p, sig) ==
	    SIG_IGN) {
		ps->ps_sigact[_SIG_IDX(sig)] = SIG_DFL;
		sigdelset_k(&p->p_sigmask, sig);
		sigdelset_k(&ps->ps_sigignore, sig);
		sigdelset_k(&ps->ps_sigcatch, sig);
	}
	spin_unlock(&ps->ps_lock);
	sig_set_source(p, sig, 0, 0, code, 0);
	p->p_sigaddr = addr;
	sigaddset_k(&p->p_siglist, sig);
	spin_unlock(&p->p_lock);
}

/*
 * Signal every member of group pgid.  proctree_lock is held across the
 * whole scan: a fork either finishes before it (and the child is
 * reached) or sees the signal pending and restarts (fork1's barrier).
 */
void
pgsignal(pid_t pgid, int sig)
{
	struct proc *p;

	spin_lock(&proctree_lock);
	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state == PRS_UNUSED || p->p_state == PRS_NEW ||
		    p->p_pgrp == NULL || p->p_pgrp->pg_id != pgid)
			continue;
		spin_lock(&p->p_lock);
		sig_set_source(p, sig, 0, 0, SI_KERNEL, 0);
		psignal(p, sig);
		spin_unlock(&p->p_lock);
	}
	spin_unlock(&proctree_lock);
}

/*
 * Stop p (a default stop action taken by p itself).  The parent hears of
 * it through wait(WUNTRACED) and, unless it set SA_NOCLDSTOP, SIGCHLD.
 * p_lock is held from the state change to the switch, so that a SIGCONT
 * cannot make p runnable while it still runs here.
 */
static void
proc_stop(struct proc *p, int sig)
{
	struct proc *parent;

	spin_lock(&proctree_lock);
	parent = p->p_pptr;
	spin_lock(&p->p_lock);
	if (sigismember_k(&p->p_siglist, SIGKILL) ||
	    sigismember_k(&p->p_siglist, SIGCONT)) {
		/* Overtaken: a continue or a kill came after the stop. */
		spin_unlock(&p->p_lock);
		spin_unlock(&proctree_lock);
		return;
	}
	p->p_xsig = sig;
	p->p_flag &= ~(P_WAITED | P_CONTINUED);
	p->p_state = PRS_STOPPED;
	if (parent != NULL) {
		if (!(parent->p_sigacts->ps_flag & PS_NOCLDSTOP)) {
			spin_lock(&parent->p_lock);
			sig_set_source(parent, SIGCHLD, p->p_pid,
			    p->p_ucred->cr_ruid, CLD_STOPPED, sig);
			psignal(parent, SIGCHLD);
			spin_unlock(&parent->p_lock);
		}
		wakeup(parent);
	}
	if (p->p_procdesc != NULL)
		wakeup(p->p_procdesc);
	spin_unlock(&proctree_lock);
	sched_switch();
	spin_unlock(&p->p_lock);
}

/*
 * The vfork parent, asleep until its child execs, still honours a stop
 * (FreeBSD's ast_vfork checks for suspension each round).
 */
void
sig_stop_check(struct proc *p)
{
	int sig;

	spin_lock(&p->p_lock);
	for (sig = 1; sig < NSIG; sig++)
		if ((sig_prop(sig) & SA_STOP) &&
		    sigismember_k(&p->p_siglist, sig) &&
		    (sig == SIGSTOP || (!sigismember_k(&p->p_sigmask, sig) &&
		    sig_action(p, sig) == SIG_DFL)))
			break;
	if (sig == NSIG || p->p_pid <= 1) {
		spin_unlock(&p->p_lock);
		return;
	}
	sigdelset_k(&p->p_siglist, sig);
	spin_unlock(&p->p_lock);
	proc_stop(p, sig);
}

/*
 * Build the signal frame on the user stack and point the process at its
 * handler.  A stack that cannot take the frame kills with SIGILL, as on
 * FreeBSD.
 */
static void
sendsig(struct proc *p, struct trapframe *tf, int sig, __sighandler_t *act,
    const sigset_t *oldmask)
{
	struct sigframe sf;
	vaddr_t sp;

	memset(&sf, 0, sizeof(sf));
	sf.sf_si.si_signo = sig;
	if (sig < NSIG) {
		sf.sf_si.si_pid = p->p_ksi[sig].pid;
		sf.sf_si.si_uid = p->p_ksi[sig].uid;
		sf.sf_si.si_code = p->p_ksi[sig].code;
		sf.sf_si.si_status = p->p_ksi[sig].status;
	}
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE)
		sf.sf_si.si_addr = p->p_sigaddr;
	sf.sf_uc.uc_sigmask = *oldmask;
	sf.sf_uc.uc_mcontext.mc_ra = tf->tf_ra;
	sf.sf_uc.uc_mcontext.mc_sp = tf->tf_sp;
	sf.sf_uc.uc_mcontext.mc_gp = tf->tf_gp;
	sf.sf_uc.uc_mcontext.mc_tp = tf->tf_tp;
	memcpy(sf.sf_uc.uc_mcontext.mc_t, tf->tf_t, sizeof(tf->tf_t));
	memcpy(sf.sf_uc.uc_mcontext.mc_s, tf->tf_s, sizeof(tf->tf_s));
	memcpy(sf.sf_uc.uc_mcontext.mc_a, tf->tf_a, sizeof(tf->tf_a));
	sf.sf_uc.uc_mcontext.mc_sepc = tf->tf_sepc;

	sp = (tf->tf_sp - sizeof(sf)) & ~15UL;
	if (copyout(&sf, (void *)sp, sizeof(sf)) != 0) {
		printf("pid %d (%s): bad stack %p for signal %d: killed\n",
		    p->p_pid, p->p_comm, (void *)tf->tf_sp, sig);
		exit1(p, 0, SIGILL);
	}
	tf->tf_a[0] = sig;
	tf->tf_a[1] = sp + offsetof(struct sigframe, sf_si);
	tf->tf_a[2] = sp + offsetof(struct sigframe, sf_uc);
	tf->tf_sp = sp;
	tf->tf_ra = SIGCODE_VA;
	tf->tf_sepc = (uint64)act;
}

/*
 * Take every signal p can take now, on its way to user mode: handlers
 * get frames, default actions happen here.  Does not return if one
 * terminates the process.
 */
void
postsig_all(struct proc *p, struct trapframe *tf)
{
	struct sigacts *ps = p->p_sigacts;
	__sighandler_t *act;
	sigset_t mask, oldmask;
	int sig, flags;

	for (;;) {
		spin_lock(&p->p_lock);
		mask = p->p_sigmask;
		sigset_clear_unmaskable(&mask);
		if (p->p_flag & P_PPWAIT)
			sig_add_stops(&mask);	/* held until exec or exit */
		if ((sig = sig_first(&p->p_siglist, &mask)) == 0) {
			if (p->p_flag & P_OLDMASK) {
				/* sigsuspend ended with no handler run. */
				p->p_sigmask = p->p_oldsigmask;
				p->p_flag &= ~P_OLDMASK;
			}
			spin_unlock(&p->p_lock);
			return;
		}
		sigdelset_k(&p->p_siglist, sig);
		spin_lock(&ps->ps_lock);
		act = ps->ps_sigact[_SIG_IDX(sig)];
		flags = ps->ps_saflags[_SIG_IDX(sig)];
		if (act == SIG_IGN || (act == SIG_DFL &&
		    (sig_prop(sig) & (SA_IGNORE | SA_CONT)))) {
			spin_unlock(&ps->ps_lock);
			spin_unlock(&p->p_lock);
			continue;
		}
		if (act == SIG_DFL) {
			spin_unlock(&ps->ps_lock);
			spin_unlock(&p->p_lock);
			/* Init and kernel processes take no default action. */
			if (p->p_pid <= 1 || (p->p_flag & P_SYSTEM))
				continue;
			if (sig_prop(sig) & SA_STOP) {
				proc_stop(p, sig);
				continue;
			}
			exit1(p, 0, sig);
		}
		/* Caught: the handler runs with its mask added. */
		oldmask = (p->p_flag & P_OLDMASK) ? p->p_oldsigmask :
		    p->p_sigmask;
		p->p_flag &= ~P_OLDMASK;
		for (int i = 0; i < _SIG_WORDS; i++)
			p->p_sigmask.__bits[i] |=
			    ps->ps_catchmask[_SIG_IDX(sig)].__bits[i];
		if (!(flags & SA_NODEFER))
			sigaddset_k(&p->p_sigmask, sig);
		sigset_clear_unmaskable(&p->p_sigmask);
		if (flags & SA_RESETHAND) {
			ps->ps_sigact[_SIG_IDX(sig)] = SIG_DFL;
			ps->ps_saflags[_SIG_IDX(sig)] &= ~SA_SIGINFO;
			sigdelset_k(&ps->ps_sigcatch, sig);
		}
		spin_unlock(&ps->ps_lock);
		spin_unlock(&p->p_lock);
		sendsig(p, tf, sig, act, &oldmask);
		return;		/* one frame at a time */
	}
}

/*
 * exec: caught signals go back to their default action (the handlers
 * are gone with the old image); ignored ones stay ignored.  A shared
 * sigacts is copied first so that the others keep theirs.
 */
void
execsigs(struct proc *p)
{
	struct sigacts *ps = p->p_sigacts;
	int sig;

	if (__atomic_load_n(&ps->ps_refcnt, __ATOMIC_RELAXED) > 1) {
		struct sigacts *nps = sigacts_alloc();

		if (nps == NULL)
			return;		/* keep the shared handlers intact */
		sigacts_copy(nps, ps);
		p->p_sigacts = nps;
		sigacts_free(ps);
		ps = nps;
	}
	spin_lock(&ps->ps_lock);
	for (sig = 1; sig <= _SIG_MAXSIG; sig++) {
		if (!sigismember_k(&ps->ps_sigcatch, sig))
			continue;
		ps->ps_sigact[_SIG_IDX(sig)] = SIG_DFL;
		ps->ps_saflags[_SIG_IDX(sig)] = 0;
		memset(&ps->ps_catchmask[_SIG_IDX(sig)], 0, sizeof(sigset_t));
		sigdelset_k(&ps->ps_sigcatch, sig);
		if (sig_prop(sig) & SA_IGNORE)
			sigdelset_k(&p->p_siglist, sig);
	}
	/* As FreeBSD: exec resets SIGCHLD's SIG_IGN and SA_NOCLDWAIT. */
	if (ps->ps_sigact[_SIG_IDX(SIGCHLD)] == SIG_IGN) {
		ps->ps_sigact[_SIG_IDX(SIGCHLD)] = SIG_DFL;
		sigdelset_k(&ps->ps_sigignore, SIGCHLD);
	}
	ps->ps_flag &= ~(PS_NOCLDWAIT | PS_CLDSIGIGN);
	spin_unlock(&ps->ps_lock);
}

/*
 * A child has exited: tell its parent with the child's exit signal
 * (SIGCHLD), unless the parent asked for none.  proctree_lock held.
 */
void
childproc_exited(struct proc *child)
{
	struct proc *parent = child->p_pptr;
	int sig = child->p_exitsig, code, status;

	if (parent == NULL || sig == 0)
		return;
	status = child->p_xstat;
	code = WIFSIGNALED(status) ? CLD_KILLED : CLD_EXITED;
	spin_lock(&parent->p_lock);
	sig_set_source(parent, sig, child->p_pid, child->p_ucred->cr_ruid,
	    code, WIFSIGNALED(status) ? WTERMSIG(status) :
	    WEXITSTATUS(status));
	psignal(parent, sig);
	spin_unlock(&parent->p_lock);
}

/*
 * For wait4: a stopped child not yet reported (WUNTRACED), or a continued
 * one (WCONTINUED).  Returns 1 with *status set, and marks it reported.
 * proctree_lock held.
 */
int
sig_stopped_report(struct proc *q, int options, int *status)
{
	int found = 0;

	spin_lock(&q->p_lock);
	if ((options & WUNTRACED) && q->p_state == PRS_STOPPED &&
	    !(q->p_flag & P_WAITED)) {
		*status = W_STOPCODE(q->p_xsig);
		if (!(options & WNOWAIT))
			q->p_flag |= P_WAITED;
		found = 1;
	} else if ((options & WCONTINUED) && (q->p_flag & P_CONTINUED)) {
		*status = 0x13;		/* SIGCONT, as WIFCONTINUED wants */
		if (!(options & WNOWAIT))
			q->p_flag &= ~P_CONTINUED;
		found = 1;
	}
	spin_unlock(&q->p_lock);
	return (found);
}

/* ---- system calls ---- */

int
sys_sigaction(struct proc *p, struct sigaction_args *uap)
{
	struct sigacts *ps = p->p_sigacts;
	struct sigaction nsa, osa;
	int sig = uap->sig, error, idx;

	if (!_SIG_VALID(sig))
		return (EINVAL);
	idx = _SIG_IDX(sig);
	if (uap->act != NULL) {
		if ((error = copyin(uap->act, &nsa, sizeof(nsa))) != 0)
			return (error);
		if ((sig == SIGKILL || sig == SIGSTOP) &&
		    nsa.sa_handler != SIG_DFL)
			return (EINVAL);
	}
	spin_lock(&ps->ps_lock);
	memset(&osa, 0, sizeof(osa));
	osa.sa_handler = ps->ps_sigact[idx];
	osa.sa_flags = ps->ps_saflags[idx];
	osa.sa_mask = ps->ps_catchmask[idx];
	if (uap->act != NULL) {
		ps->ps_sigact[idx] = nsa.sa_handler;
		ps->ps_saflags[idx] = nsa.sa_flags;
		sigset_clear_unmaskable(&nsa.sa_mask);
		ps->ps_catchmask[idx] = nsa.sa_mask;
		sigdelset_k(&ps->ps_sigignore, sig);
		sigdelset_k(&ps->ps_sigcatch, sig);
		if (nsa.sa_handler == SIG_IGN)
			sigaddset_k(&ps->ps_sigignore, sig);
		else if (nsa.sa_handler != SIG_DFL)
			sigaddset_k(&ps->ps_sigcatch, sig);
		if (sig == SIGCHLD) {
			ps->ps_flag &= ~(PS_NOCLDWAIT | PS_NOCLDSTOP |
			    PS_CLDSIGIGN);
			if (nsa.sa_flags & SA_NOCLDWAIT)
				ps->ps_flag |= PS_NOCLDWAIT;
			if (nsa.sa_flags & SA_NOCLDSTOP)
				ps->ps_flag |= PS_NOCLDSTOP;
			if (nsa.sa_handler == SIG_IGN)
				ps->ps_flag |= PS_CLDSIGIGN;
		}
	}
	spin_unlock(&ps->ps_lock);
	/* Setting SIG_IGN, or the default of an ignored-by-default signal,
	 * discards it if pending (POSIX). */
	if (uap->act != NULL && (nsa.sa_handler == SIG_IGN ||
	    (nsa.sa_handler == SIG_DFL && (sig_prop(sig) & SA_IGNORE)))) {
		spin_lock(&p->p_lock);
		sigdelset_k(&p->p_siglist, sig);
		spin_unlock(&p->p_lock);
	}
	if (uap->oact != NULL)
		return (copyout(&osa, uap->oact, sizeof(osa)));
	return (0);
}

int
sys_sigprocmask(struct proc *p, struct sigprocmask_args *uap)
{
	sigset_t set, old;
	int error, i;

	if (uap->set != NULL &&
	    (error = copyin(uap->set, &set, sizeof(set))) != 0)
		return (error);
	spin_lock(&p->p_lock);
	old = p->p_sigmask;
	if (uap->set != NULL) {
		switch (uap->how) {
		case SIG_BLOCK:
			for (i = 0; i < _SIG_WORDS; i++)
				p->p_sigmask.__bits[i] |= set.__bits[i];
			break;
		case SIG_UNBLOCK:
			for (i = 0; i < _SIG_WORDS; i++)
				p->p_sigmask.__bits[i] &= ~set.__bits[i];
			break;
		case SIG_SETMASK:
			p->p_sigmask = set;
			break;
		default:
			spin_unlock(&p->p_lock);
			return (EINVAL);
		}
		sigset_clear_unmaskable(&p->p_sigmask);
	}
	spin_unlock(&p->p_lock);
	if (uap->oset != NULL)
		return (copyout(&old, uap->oset, sizeof(old)));
	return (0);
}

int
sys_sigpending(struct proc *p, struct sigpending_args *uap)
{
	sigset_t set;

	spin_lock(&p->p_lock);
	set = p->p_siglist;
	spin_unlock(&p->p_lock);
	return (copyout(&set, uap->set, sizeof(set)));
}

/*
 * sigsuspend(mask): wait for a signal with mask in place; the old mask
 * comes back when the handler returns (P_OLDMASK).  Always EINTR.
 */
int
sys_sigsuspend(struct proc *p, struct sigsuspend_args *uap)
{
	sigset_t mask;
	int error;

	if ((error = copyin(uap->sigmask, &mask, sizeof(mask))) != 0)
		return (error);
	sigset_clear_unmaskable(&mask);
	spin_lock(&p->p_lock);
	p->p_oldsigmask = p->p_sigmask;
	p->p_flag |= P_OLDMASK;
	p->p_sigmask = mask;
	spin_unlock(&p->p_lock);
	while (msleep(&p->p_sigmask, NULL, PCATCH, "pause", 0) == 0)
		;
	return (EINTR);
}

/* sigreturn(uc): back from a handler to the interrupted registers. */
int
sys_sigreturn(struct proc *p, struct sigreturn_args *uap)
{
	struct trapframe *tf = p->p_frame;
	ucontext_t uc;
	int error;

	if ((error = copyin(uap->sigcntxp, &uc, sizeof(uc))) != 0)
		return (error);
	tf->tf_ra = uc.uc_mcontext.mc_ra;
	tf->tf_sp = uc.uc_mcontext.mc_sp;
	tf->tf_gp = uc.uc_mcontext.mc_gp;
	tf->tf_tp = uc.uc_mcontext.mc_tp;
	memcpy(tf->tf_t, uc.uc_mcontext.mc_t, sizeof(tf->tf_t));
	memcpy(tf->tf_s, uc.uc_mcontext.mc_s, sizeof(tf->tf_s));
	memcpy(tf->tf_a, uc.uc_mcontext.mc_a, sizeof(tf->tf_a));
	tf->tf_sepc = uc.uc_mcontext.mc_sepc;
	sigset_clear_unmaskable(&uc.uc_sigmask);
	spin_lock(&p->p_lock);
	p->p_sigmask = uc.uc_sigmask;
	spin_unlock(&p->p_lock);
	return (EJUSTRETURN);
}

/* ---- kill ---- */

/*
 * May cred signal p?  Root may signal anyone; others only processes
 * whose real or saved uid is their real or effective uid (FreeBSD's
 * cr_cansignal without the set-id subtleties).
 */
static int
cansignal(struct ucred *cr, struct proc *p)
{
	struct ucred *tc = p->p_ucred;

	if (priv_check_cred(cr, PRIV_SIGNAL_OTHER) == 0)
		return (0);
	if (cr->cr_ruid == tc->cr_ruid || cr->cr_ruid == tc->cr_svuid ||
	    cr->cr_uid == tc->cr_ruid || cr->cr_uid == tc->cr_svuid)
		return (0);
	return (EPERM);
}

/* Send sig to one process p from td.  p_lock held. */
int
proc_kill_checked(struct proc *td, struct proc *p, int sig)
{
	int error;

	if ((error = cansignal(td->p_ucred, p)) != 0)
		return (error);
	if (sig != 0) {
		sig_set_source(p, sig, td->p_pid, td->p_ucred->cr_ruid,
		    SI_USER, 0);
		psignal(p, sig);
	}
	return (0);
}

/*
 * kill(pid, sig): pid > 0 one process; 0 the caller's group; -1 every
 * process the caller may signal but init, kernel processes and itself;
 * < -1 the group -pid.  ESRCH if none matched, EPERM if none permitted.
 */
int
kern_kill(struct proc *td, pid_t pid, int sig)
{
	struct proc *p;
	pid_t pgid = 0;
	int found = 0, sent = 0, error = 0;

	if (sig < 0 || sig > _SIG_MAXSIG)
		return (EINVAL);
	if (pid > 0) {
		if ((p = pfind(pid)) == NULL)
			return (ESRCH);
		if (p->p_flag & P_SYSTEM)
			error = EPERM;
		else if (p->p_state != PRS_ZOMBIE)
			error = proc_kill_checked(td, p, sig);
		spin_unlock(&p->p_lock);
		return (error);
	}
	if (pid == 0) {
		spin_lock(&proctree_lock);
		pgid = td->p_pgrp != NULL ? td->p_pgrp->pg_id : 0;
		spin_unlock(&proctree_lock);
	} else if (pid < -1)
		pgid = -pid;
	/* One hold of proctree_lock for the scan: see pgsignal. */
	spin_lock(&proctree_lock);
	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_state == PRS_UNUSED || p->p_state == PRS_NEW ||
		    p->p_state == PRS_ZOMBIE || (p->p_flag & P_SYSTEM) ||
		    (pid == -1 && (p->p_pid <= 1 || p == td)) ||
		    (pid != -1 && (p->p_pgrp == NULL ||
		    p->p_pgrp->pg_id != pgid)))
			continue;
		spin_lock(&p->p_lock);
		found++;
		if (proc_kill_checked(td, p, sig) == 0)
			sent++;
		spin_unlock(&p->p_lock);
	}
	spin_unlock(&proctree_lock);
	if (found == 0)
		return (ESRCH);
	return (sent == 0 ? EPERM : 0);
}

int
sys_kill(struct proc *p, struct kill_args *uap)
{
	return (kern_kill(p, uap->pid, uap->signum));
}

/* ---- interval timer: alarm(3) ---- */

static uint64
tv_to_ticks(const struct timeval *tv)
{
	uint64 us = tv->tv_sec * 1000000UL + tv->tv_usec;

	return ((us * HZ + 999999) / 1000000);
}

static void
ticks_to_tv(uint64 t, struct timeval *tv)
{
	tv->tv_sec = t / HZ;
	tv->tv_usec = (t % HZ) * (1000000 / HZ);
}

static void
itimer_get(struct proc *p, struct itimerval *itv)
{
	uint64 now = ticks;

	memset(itv, 0, sizeof(*itv));
	spin_lock(&p->p_lock);
	if (p->p_itimer_next != 0)
		ticks_to_tv(p->p_itimer_next > now ? p->p_itimer_next - now :
		    1, &itv->it_value);
	ticks_to_tv(p->p_itimer_interval, &itv->it_interval);
	spin_unlock(&p->p_lock);
}

int
sys_getitimer(struct proc *p, struct getitimer_args *uap)
{
	struct itimerval itv;

	if (uap->which != ITIMER_REAL)
		return (EINVAL);
	itimer_get(p, &itv);
	return (copyout(&itv, uap->itv, sizeof(itv)));
}

int
sys_setitimer(struct proc *p, struct setitimer_args *uap)
{
	struct itimerval itv, old;
	int error;

	if (uap->which != ITIMER_REAL)
		return (EINVAL);
	if ((error = copyin(uap->itv, &itv, sizeof(itv))) != 0)
		return (error);
	if (itv.it_value.tv_sec < 0 || itv.it_value.tv_usec < 0 ||
	    itv.it_value.tv_usec >= 1000000 || itv.it_interval.tv_sec < 0 ||
	    itv.it_interval.tv_usec < 0 || itv.it_interval.tv_usec >= 1000000 ||
	    itv.it_value.tv_sec > 100000000)
		return (EINVAL);
	itimer_get(p, &old);
	spin_lock(&p->p_lock);
	if (itv.it_value.tv_sec == 0 && itv.it_value.tv_usec == 0)
		p->p_itimer_next = 0;
	else
		p->p_itimer_next = ticks + MAX(tv_to_ticks(&itv.it_value), 1);
	p->p_itimer_interval = tv_to_ticks(&itv.it_interval);
	spin_unlock(&p->p_lock);
	if (uap->oitv != NULL)
		return (copyout(&old, uap->oitv, sizeof(old)));
	return (0);
}

/* Every tick, from the clock: fire the alarms that are due. */
void
itimer_scan(uint64 now)
{
	struct proc *p;

	for (p = proc; p < &proc[NPROC]; p++) {
		if (p->p_itimer_next == 0 || p->p_itimer_next > now)
			continue;
		spin_lock(&p->p_lock);
		if (p->p_itimer_next != 0 && p->p_itimer_next <= now) {
			p->p_itimer_next = p->p_itimer_interval != 0 ?
			    now + p->p_itimer_interval : 0;
			sig_set_source(p, SIGALRM, 0, 0, SI_KERNEL, 0);
			psignal(p, SIGALRM);
		}
		spin_unlock(&p->p_lock);
	}
}
