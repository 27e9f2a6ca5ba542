/* sys/procdesc.h: process descriptors (the flags are the kernel's). */
#ifndef _USER_SYS_PROCDESC_H_
#define _USER_SYS_PROCDESC_H_

#include_next <sys/procdesc.h>
#include <sys/types.h>
#include <sys/resource.h>
#include <signal.h>

pid_t	pdfork(int *fdp, int flags);
pid_t	pdrfork(int *fdp, int pdflags, int rfflags);
int	pdgetpid(int fd, pid_t *pidp);
int	pdkill(int fd, int signum);
int	pdwait(int fd, int *status, int options, struct __wrusage *wrusage,
	    siginfo_t *info);

#endif /* !_USER_SYS_PROCDESC_H_ */
