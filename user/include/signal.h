/* signal.h: signal numbers, signal sets and the calls that handle signals. */
#ifndef _SIGNAL_H_
#define _SIGNAL_H_

#include <sys/types.h>
#include <sys/signal.h>

typedef __sighandler_t	*sig_t;		/* BSD's name for a handler */

/* System calls. */
int	kill(pid_t pid, int sig);
int	sigaction(int sig, const struct sigaction *act,
	    struct sigaction *oact);
int	sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int	sigsuspend(const sigset_t *mask);
int	sigpending(sigset_t *set);

/* Library routines over them. */
int	raise(int sig);
int	killpg(pid_t pgrp, int sig);
sig_t	signal(int sig, sig_t func);
int	siginterrupt(int sig, int flag);
int	sigemptyset(sigset_t *set);
int	sigfillset(sigset_t *set);
int	sigaddset(sigset_t *set, int sig);
int	sigdelset(sigset_t *set, int sig);
int	sigismember(const sigset_t *set, int sig);
void	psignal(int sig, const char *s);

/* Signal names without the SIG prefix, indexed by number; NULL if none. */
extern const char *const sys_signame[NSIG];
/* Their descriptions, as strsignal(3) gives them. */
extern const char *const sys_siglist[NSIG];

#endif /* !_SIGNAL_H_ */
