/* sys/time.h: time structures and clock ids, FreeBSD's values. */
#ifndef _SYS_TIME_H_
#define _SYS_TIME_H_

#include <sys/types.h>

struct timespec {
	time_t	tv_sec;
	long	tv_nsec;
};

struct timeval {
	time_t		tv_sec;
	suseconds_t	tv_usec;
};

struct itimerval {
	struct timeval	it_interval;	/* reload value (0: one shot) */
	struct timeval	it_value;	/* time left (0: disarmed) */
};

#define	CLOCK_REALTIME	0
#define	CLOCK_MONOTONIC	4

#endif /* !_SYS_TIME_H_ */
