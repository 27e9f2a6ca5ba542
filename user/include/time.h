/* time.h: clocks and sleeping. */
#ifndef _TIME_H_
#define _TIME_H_

#include <sys/types.h>
#include <sys/time.h>

typedef int	clockid_t;

int	clock_gettime(clockid_t clock_id, struct timespec *tp);
int	nanosleep(const struct timespec *rqtp, struct timespec *rmtp);
time_t	time(time_t *tloc);

#endif /* !_TIME_H_ */
