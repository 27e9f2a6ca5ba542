/* sys/time.h: user-side prototypes over the kernel's time structures. */
#ifndef _USER_SYS_TIME_H_
#define _USER_SYS_TIME_H_

#include_next <sys/time.h>

#ifndef ITIMER_REAL
#define	ITIMER_REAL	0	/* the only timer we have: SIGALRM */
#endif

int	setitimer(int which, const struct itimerval *itv,
	    struct itimerval *oitv);
int	getitimer(int which, struct itimerval *itv);

#endif /* !_USER_SYS_TIME_H_ */
