/*
 * kern_time.c: clocks and sleeping.  CLOCK_MONOTONIC counts from boot
 * (the time CSR); CLOCK_REALTIME adds the wall-clock time read at boot
 * from QEMU virt's Goldfish RTC (0x101000: nanoseconds since 1970).
 */
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "systm.h"
#include "proc.h"
#include "clock.h"
#include "sysctl.h"
#include "sysproto.h"
#include <sys/time.h>

#define	NSEC_PER_SEC	1000000000UL

static uint64 boottime_ns;		/* wall clock at boot */
static int hz = HZ;
SYSCTL_INT("kern.hz", CTLFLAG_RD, &hz, 0, 0, "clock ticks per second");

void
rtc_init(void)
{
	volatile uint32 *rtc = (uint32 *)PHYS_TO_DMAP(GOLDFISH_RTC_PA);
	uint64 lo, hi;

	lo = rtc[0];		/* TIME_LOW: reading it latches TIME_HIGH */
	hi = rtc[1];
	boottime_ns = (hi << 32 | lo) - nanouptime();
	boottime_sec = boottime_ns / NSEC_PER_SEC;
}

int
sys_clock_gettime(struct proc *p, struct clock_gettime_args *uap)
{
	struct timespec ts;
	uint64 ns;

	switch (uap->clock_id) {
	case CLOCK_MONOTONIC:
		ns = nanouptime();
		break;
	case CLOCK_REALTIME:
		ns = boottime_ns + nanouptime();
		break;
	default:
		return (EINVAL);
	}
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	return (copyout(&ts, uap->tp, sizeof(ts)));
}

/*
 * nanosleep: sleep at least the given time, in whole ticks (rounded up).
 * A kill ends it early with EINTR and the time left in *rmtp.
 */
int
sys_nanosleep(struct proc *p, struct nanosleep_args *uap)
{
	struct timespec ts;
	uint64 ns, start, end, left;
	int error, timo;

	if ((error = copyin(uap->rqtp, &ts, sizeof(ts))) != 0)
		return (error);
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return (EINVAL);
	if (ts.tv_sec > 100000000)
		ts.tv_sec = 100000000;	/* about three years */
	ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (ns == 0)
		return (0);
	start = nanouptime();
	end = start + ns;
	for (;;) {
		uint64 now = nanouptime();

		if (now >= end)
			return (0);
		timo = (end - now + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ);
		error = pause_ticks("nanslp", timo);
		if (error != 0)
			break;
	}
	if (uap->rmtp != NULL) {
		uint64 now = nanouptime();

		left = now < end ? end - now : 0;
		ts.tv_sec = left / NSEC_PER_SEC;
		ts.tv_nsec = left % NSEC_PER_SEC;
		(void)copyout(&ts, uap->rmtp, sizeof(ts));
	}
	return (error);
}

int
sys_sched_yield(struct proc *p, struct sched_yield_args *uap)
{
	yield();
	return (0);
}
