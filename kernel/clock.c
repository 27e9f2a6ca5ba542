/*
 * clock.c: the periodic timer, HZ times a second on every hart.  With
 * the Sstc extension the kernel writes stimecmp itself; without it, it
 * asks the firmware (SBI TIME).  The boot hart's interrupt advances
 * `ticks` and wakes sleepers whose timeout has passed.
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "sbi.h"
#include "fdt.h"
#include "clock.h"

#define	CSR_STIMECMP	0x14d		/* Sstc */

volatile uint64 ticks;
uint64 boottime_sec;
static uint64 tick_interval;		/* timer units per tick */

static void
clock_arm(void)
{
	uint64 next = rdtime() + tick_interval;

	if (bootinfo.has_sstc)
		__asm__ __volatile__("csrw 0x14d, %0" :: "r"(next));
	else
		sbi_set_timer(next);
}

void
clock_init(void)
{
	tick_interval = bootinfo.timebase / HZ;
}

void
clock_init_hart(void)
{
	clock_arm();
	csr_set(sie, SIE_STIE);
}

uint64
nanouptime(void)
{
	uint64 t = rdtime(), tb = bootinfo.timebase;

	return (t / tb * 1000000000UL + (t % tb) * 1000000000UL / tb);
}

void	sleepq_timeout_scan(void);

void
clock_intr(void)
{
	clock_arm();
	if (curpcpu()->pc_cpuid == 0) {
		__atomic_add_fetch(&ticks, 1, __ATOMIC_RELAXED);
		sleepq_timeout_scan();
	}
}
