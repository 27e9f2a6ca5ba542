/* sys/resource.h: resource limits, FreeBSD's numbering. */
#ifndef _SYS_RESOURCE_H_
#define _SYS_RESOURCE_H_

#include <sys/types.h>
#include <sys/time.h>

#define	RLIMIT_CPU	0
#define	RLIMIT_FSIZE	1
#define	RLIMIT_DATA	2
#define	RLIMIT_STACK	3
#define	RLIMIT_CORE	4
#define	RLIMIT_RSS	5
#define	RLIMIT_MEMLOCK	6
#define	RLIMIT_NPROC	7
#define	RLIMIT_NOFILE	8
#define	RLIM_NLIMITS	9

#define	RLIM_INFINITY	((rlim_t)(((unsigned long)1 << 63) - 1))

struct rlimit {
	rlim_t	rlim_cur;	/* soft limit */
	rlim_t	rlim_max;	/* hard limit */
};

struct rusage {
	struct timeval	ru_utime;
	struct timeval	ru_stime;
	long		ru_maxrss;
	long		ru_nvcsw;
	long		ru_nivcsw;
};

/* wait6(2) and pdwait(2): the child's and its children's usage. */
struct __wrusage {
	struct rusage	wru_self;
	struct rusage	wru_children;
};

#endif /* !_SYS_RESOURCE_H_ */
