/*
 * kern_shutdown.c: panic, poweroff and reboot.
 *
 * A panic prints its cause, the registers and a frame-pointer backtrace,
 * then makes QEMU exit with a non-zero status through the virt test
 * device (PLATFORM.md: write (code << 16) | 0x3333 to 0x100000), so that
 * a grader never hangs on a crash nor mistakes one for success.
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "systm.h"
#include "sbi.h"
#include "pcpu.h"
#include "proc.h"
#include "ucred.h"
#include "sysproto.h"
#include "sysctl.h"
#include "ksyms.h"

#define	TEST_FAIL	0x3333
#define	TEST_PASS	0x5555

volatile int panicstr_set;
void	vprintf_panic(const char *fmt, va_list ap);

/* Stop the machine with QEMU's exit status code (0 = success). */
static void __noreturn
machine_exit(int code)
{
	volatile uint32 *test = (uint32 *)PHYS_TO_DMAP(VIRT_TEST_PA);

	if (code == 0)
		sbi_system_reset(SBI_RESET_SHUTDOWN, SBI_RESET_REASON_NONE);
	*test = ((uint32)code << 16) | TEST_FAIL;
	for (;;)
		wfi();
}

/* Print "name+offset" for a kernel text address, from ksyms[]. */
static void
ksym_print(uint64 addr)
{
	const struct ksym *k, *best = NULL;

	for (k = ksyms; k->name != NULL; k++) {
		if (k->addr > addr)
			break;
		best = k;
	}
	if (best != NULL)
		printf("%s+0x%lx\n", best->name, addr - best->addr);
	else
		printf("?\n");
}

/*
 * Walk the frame-pointer chain: with -fno-omit-frame-pointer each frame
 * keeps the return address at fp-8 and the caller's fp at fp-16.
 */
void
backtrace(uint64 fp)
{
	int depth;

	printf("backtrace:\n");
	for (depth = 0; depth < 24; depth++) {
		uint64 ra, next;

		if (fp < DMAP_BASE || (fp & 7) != 0)
			break;
		ra = ((uint64 *)fp)[-1];
		next = ((uint64 *)fp)[-2];
		if (ra < DMAP_BASE)
			break;
		printf("  #%d %p ", depth, (void *)(ra - 4));
		ksym_print(ra - 4);
		if (next <= fp)
			break;
		fp = next;
	}
	printf("(file and line: addr2line -e build/kernel/kernel ADDR)\n");
}

void
panic(const char *fmt, ...)
{
	struct proc *p;
	uint64 ra, sp, fp;
	va_list ap;

	intr_off();
	__asm__ __volatile__("mv %0, ra; mv %1, sp; mv %2, s0"
	    : "=r"(ra), "=r"(sp), "=r"(fp));
	if (__atomic_exchange_n(&panicstr_set, 1, __ATOMIC_SEQ_CST) != 0) {
		/* Another hart is already reporting; let it finish. */
		for (;;)
			wfi();
	}
	p = curproc;
	printf("\npanic: ");
	va_start(ap, fmt);
	vprintf_panic(fmt, ap);
	va_end(ap);
	printf("\nhart %d, process %d (%s)\n", curpcpu()->pc_hartid,
	    p != NULL ? p->p_pid : -1, p != NULL ? p->p_comm : "none");
	printf("ra %p sp %p fp %p\n", (void *)ra, (void *)sp, (void *)fp);
	printf("sstatus %p scause %p stval %p sepc %p\n",
	    (void *)csr_read(sstatus), (void *)csr_read(scause),
	    (void *)csr_read(stval), (void *)csr_read(sepc));
	backtrace(fp);
	machine_exit(1);
}

#define	RB_HALT		0x0008
#define	RB_POWEROFF	0x4000

/* reboot(2): root only.  RB_POWEROFF and RB_HALT stop QEMU (status 0). */
int
sys_reboot(struct proc *p, struct reboot_args *uap)
{
	int error;

	if ((error = priv_check_cred(p->p_ucred, PRIV_REBOOT)) != 0)
		return (error);
	printf("%s: %s\n", p->p_comm,
	    uap->opt & (RB_POWEROFF | RB_HALT) ? "powering off" :
	    "rebooting");
	if (uap->opt & (RB_POWEROFF | RB_HALT))
		machine_exit(0);
	sbi_system_reset(SBI_RESET_COLD_REBOOT, SBI_RESET_REASON_NONE);
}

/*
 * debug.kdb.panic (FreeBSD's name): root writes 1 to panic on purpose,
 * so that the grader can check what a panic looks like from outside.
 */
static int
sysctl_debug_kdb_panic(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	int val = 0, error;

	if ((error = sysctl_out(req, &val, sizeof(val))) != 0 ||
	    req->newp == NULL)
		return (error);
	if ((error = sysctl_in(req, &val, sizeof(val))) != 0)
		return (error);
	if (val != 0)
		panic("debug.kdb.panic set by pid %d", req->p->p_pid);
	return (0);
}
SYSCTL_PROC("debug.kdb.panic", CTLTYPE_INT, CTLFLAG_RW, NULL,
    sysctl_debug_kdb_panic, "set to panic the kernel (testing)");
