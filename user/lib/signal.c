/* signal.c: signal sets, signal(3), raise(3), killpg(3) over sigaction(2). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* Signals whose signal(3) handlers interrupt system calls (siginterrupt). */
static sigset_t intrset;

int
sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	return (0);
}

int
sigfillset(sigset_t *set)
{
	memset(set, 0xff, sizeof(*set));
	return (0);
}

int
sigaddset(sigset_t *set, int sig)
{
	if (!_SIG_VALID(sig)) {
		errno = EINVAL;
		return (-1);
	}
	set->__bits[_SIG_WORD(sig)] |= _SIG_BIT(sig);
	return (0);
}

int
sigdelset(sigset_t *set, int sig)
{
	if (!_SIG_VALID(sig)) {
		errno = EINVAL;
		return (-1);
	}
	set->__bits[_SIG_WORD(sig)] &= ~_SIG_BIT(sig);
	return (0);
}

int
sigismember(const sigset_t *set, int sig)
{
	if (!_SIG_VALID(sig)) {
		errno = EINVAL;
		return (-1);
	}
	return ((set->__bits[_SIG_WORD(sig)] & _SIG_BIT(sig)) != 0);
}

/*
 * BSD semantics: the handler stays installed, the signal is blocked while
 * it runs, and interrupted system calls restart unless siginterrupt(3)
 * said otherwise.  Returns the old handler, or SIG_ERR.
 */
sig_t
signal(int sig, sig_t func)
{
	struct sigaction sa, osa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = func;
	sigemptyset(&sa.sa_mask);
	if (sigismember(&intrset, sig) != 1)
		sa.sa_flags |= SA_RESTART;
	if (sigaction(sig, &sa, &osa) != 0)
		return (SIG_ERR);
	return (osa.sa_handler);
}

/* flag != 0: system calls the signal interrupts fail with EINTR. */
int
siginterrupt(int sig, int flag)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) != 0)
		return (-1);
	if (flag) {
		sigaddset(&intrset, sig);
		sa.sa_flags &= ~SA_RESTART;
	} else {
		sigdelset(&intrset, sig);
		sa.sa_flags |= SA_RESTART;
	}
	return (sigaction(sig, &sa, NULL));
}

int
raise(int sig)
{
	return (kill(getpid(), sig));
}

int
killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return (-1);
	}
	return (kill(-pgrp, sig));
}
