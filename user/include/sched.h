/* sched.h: scheduling calls. */
#ifndef _SCHED_H_
#define _SCHED_H_

#include <sys/types.h>
#include <sys/sched.h>

int	sched_yield(void);
/* NetBSD's clone: fn(arg) runs in the child on stack (its top). */
pid_t	__clone(int (*fn)(void *), void *stack, int flags, void *arg);
pid_t	clone(int (*fn)(void *), void *stack, int flags, void *arg);

#endif /* !_SCHED_H_ */
