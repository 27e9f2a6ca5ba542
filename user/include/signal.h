/* signal.h: signal numbers and the calls that send signals. */
#ifndef _SIGNAL_H_
#define _SIGNAL_H_

#include <sys/types.h>
#include <sys/signal.h>

/*
 * Only what the kernel implements today; sigaction(2) and the signal
 * sets arrive with the kernel's signal delivery.
 */
int	kill(pid_t pid, int sig);
int	raise(int sig);

/* Signal names without the SIG prefix, indexed by number; NULL if none. */
extern const char *const sys_signame[NSIG];

#endif /* !_SIGNAL_H_ */
