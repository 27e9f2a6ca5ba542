/* sys/wait.h: user-side prototypes over the kernel's wait status macros. */
#ifndef _USER_SYS_WAIT_H_
#define _USER_SYS_WAIT_H_

#include <sys/types.h>
#include_next <sys/wait.h>

struct rusage;

pid_t	wait(int *status);
pid_t	waitpid(pid_t pid, int *status, int options);
pid_t	wait4(pid_t pid, int *status, int options, struct rusage *rusage);

#endif /* !_USER_SYS_WAIT_H_ */
