/* sys/signal.h: BSD signal numbers (FreeBSD's values). */
#ifndef _SYS_SIGNAL_H_
#define _SYS_SIGNAL_H_

#define	SIGHUP		1
#define	SIGINT		2
#define	SIGQUIT		3
#define	SIGILL		4
#define	SIGTRAP		5
#define	SIGABRT		6
#define	SIGIOT		SIGABRT
#define	SIGEMT		7
#define	SIGFPE		8
#define	SIGKILL		9
#define	SIGBUS		10
#define	SIGSEGV		11
#define	SIGSYS		12
#define	SIGPIPE		13
#define	SIGALRM		14
#define	SIGTERM		15
#define	SIGURG		16
#define	SIGSTOP		17
#define	SIGTSTP		18
#define	SIGCONT		19
#define	SIGCHLD		20
#define	SIGTTIN		21
#define	SIGTTOU		22
#define	SIGIO		23
#define	SIGXCPU		24
#define	SIGXFSZ		25
#define	SIGVTALRM	26
#define	SIGPROF		27
#define	SIGWINCH	28
#define	SIGINFO		29
#define	SIGUSR1		30
#define	SIGUSR2		31
#define	SIGTHR		32
#define	SIGLIBRT	33

#define	NSIG		32	/* number of old-style signals (1..31) + 1 */
#define	_SIG_MAXSIG	128	/* highest valid signal number */
#define	_SIG_WORDS	4

#ifndef __ASSEMBLER__
#include <sys/types.h>

/* A set of signals 1.._SIG_MAXSIG: bit (sig - 1), as FreeBSD's. */
typedef struct __sigset {
	uint32_t	__bits[_SIG_WORDS];
} sigset_t;

#define	_SIG_IDX(sig)	((sig) - 1)
#define	_SIG_WORD(sig)	(_SIG_IDX(sig) >> 5)
#define	_SIG_BIT(sig)	(1U << (_SIG_IDX(sig) & 31))
#define	_SIG_VALID(sig)	((sig) <= _SIG_MAXSIG && (sig) > 0)

typedef void __sighandler_t(int);

#define	SIG_DFL		((__sighandler_t *)0)
#define	SIG_IGN		((__sighandler_t *)1)
#define	SIG_ERR		((__sighandler_t *)-1)

union sigval {
	int	sival_int;
	void	*sival_ptr;
};

/* What the kernel tells a handler installed with SA_SIGINFO (a subset). */
typedef struct __siginfo {
	int	si_signo;	/* signal number */
	int	si_errno;
	int	si_code;	/* SI_* or a CLD_* code */
	pid_t	si_pid;		/* sending process */
	uid_t	si_uid;		/* sender's real uid */
	int	si_status;	/* exit value or signal (SIGCHLD) */
	void	*si_addr;	/* faulting address (SIGSEGV, SIGBUS...) */
	union sigval si_value;
	long	__spare__[4];
} siginfo_t;

#define	SI_NOINFO	0
#define	SI_USER		0x10001		/* kill(2) */
#define	SI_KERNEL	0x10006
#define	SEGV_MAPERR	1
#define	SEGV_ACCERR	2
#define	CLD_EXITED	1
#define	CLD_KILLED	2
#define	CLD_DUMPED	3
#define	CLD_TRAPPED	4
#define	CLD_STOPPED	5
#define	CLD_CONTINUED	6

struct sigaction {
	union {
		void	(*__sa_handler)(int);
		void	(*__sa_sigaction)(int, struct __siginfo *, void *);
	} __sigaction_u;
	int		sa_flags;	/* SA_* below */
	sigset_t	sa_mask;	/* blocked while the handler runs */
};
#define	sa_handler	__sigaction_u.__sa_handler
#define	sa_sigaction	__sigaction_u.__sa_sigaction

#define	SA_ONSTACK	0x0001
#define	SA_RESTART	0x0002	/* restart system calls the signal ends */
#define	SA_RESETHAND	0x0004	/* back to SIG_DFL when delivered */
#define	SA_NODEFER	0x0010	/* do not block the signal in its handler */
#define	SA_NOCLDWAIT	0x0020	/* children leave no zombies */
#define	SA_SIGINFO	0x0040	/* handler takes (sig, info, context) */
#define	SA_NOCLDSTOP	0x0008	/* no SIGCHLD when children stop */

#define	SIG_BLOCK	1
#define	SIG_UNBLOCK	2
#define	SIG_SETMASK	3

/*
 * The machine state a handler's third argument points at, and that
 * sigreturn(2) restores (ours: FreeBSD's names, RISC-V's registers).
 */
typedef struct __mcontext {
	unsigned long	mc_ra;
	unsigned long	mc_sp;
	unsigned long	mc_gp;
	unsigned long	mc_tp;
	unsigned long	mc_t[7];
	unsigned long	mc_s[12];
	unsigned long	mc_a[8];
	unsigned long	mc_sepc;
} mcontext_t;

typedef struct __ucontext {
	sigset_t	uc_sigmask;	/* the mask to restore */
	mcontext_t	uc_mcontext;
	int		uc_flags;
	int		__spare__[3];
} ucontext_t;

/* setitimer(2), for alarm(3). */
#define	ITIMER_REAL	0
#endif /* !__ASSEMBLER__ */

#endif /* !_SYS_SIGNAL_H_ */
