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

#endif /* !_SYS_SIGNAL_H_ */
