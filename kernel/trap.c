/*
 * trap.c: what happens after exception.S has saved the registers:
 * system calls, page faults, other exceptions, and interrupts, for traps
 * from user mode (do_trap_user) and from the kernel (do_trap_kernel).
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "memlayout.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "trap.h"
#include "vm.h"
#include "vm_map.h"
#include "plic.h"
#include "clock.h"
#include "console.h"
#include "syscall_impl.h"
#include <sys/signal.h>
#include "signalvar.h"
#include "fork.h"

extern char trap_vector[];
void	virtio_blk_intr(void);

void
trap_init_hart(void)
{
	csr_write(stvec, (uint64)trap_vector);
	csr_write(sscratch, 0);
	csr_set(sie, SIE_SEIE | SIE_SSIE);
}

static const char *
cause_name(uint64 code)
{
	static const char *names[] = {
		[SCAUSE_INST_MISALIGNED] = "instruction address misaligned",
		[SCAUSE_INST_ACCESS_FAULT] = "instruction access fault",
		[SCAUSE_ILLEGAL_INSTRUCTION] = "illegal instruction",
		[SCAUSE_BREAKPOINT] = "breakpoint",
		[SCAUSE_LOAD_MISALIGNED] = "load address misaligned",
		[SCAUSE_LOAD_ACCESS_FAULT] = "load access fault",
		[SCAUSE_STORE_MISALIGNED] = "store address misaligned",
		[SCAUSE_STORE_ACCESS_FAULT] = "store access fault",
		[SCAUSE_ECALL_USER] = "ecall from user mode",
		[SCAUSE_ECALL_SUPERVISOR] = "ecall from supervisor mode",
		[SCAUSE_INST_PAGE_FAULT] = "instruction page fault",
		[SCAUSE_LOAD_PAGE_FAULT] = "load page fault",
		[SCAUSE_STORE_PAGE_FAULT] = "store page fault",
	};

	if (code < nitems(names) && names[code] != NULL)
		return (names[code]);
	return ("unknown exception");
}

void
dump_trapframe(struct trapframe *tf)
{
	static const char *tn[] = { "t0", "t1", "t2", "t3", "t4", "t5", "t6" };
	int i;

	printf("sepc %p stval %p scause %p sstatus %p\n",
	    (void *)tf->tf_sepc, (void *)tf->tf_stval, (void *)tf->tf_scause,
	    (void *)tf->tf_sstatus);
	printf("ra %p sp %p gp %p tp %p\n", (void *)tf->tf_ra,
	    (void *)tf->tf_sp, (void *)tf->tf_gp, (void *)tf->tf_tp);
	for (i = 0; i < 8; i++)
		printf("a%d %p%s", i, (void *)tf->tf_a[i], i % 4 == 3 ? "\n" :
		    " ");
	for (i = 0; i < 12; i++)
		printf("s%d %p%s", i, (void *)tf->tf_s[i], i % 4 == 3 ? "\n" :
		    " ");
	for (i = 0; i < 7; i++)
		printf("%s %p%s", tn[i], (void *)tf->tf_t[i], i == 6 ? "\n" :
		    " ");
}

/*
 * Device and timer interrupts, from either mode.  Returns 1 for a timer
 * tick, after which the interrupted process should give up the hart.
 */
static int
handle_interrupt(uint64 cause)
{
	int irq;

	switch (SCAUSE_CODE(cause)) {
	case SCAUSE_SUPERVISOR_TIMER:
		clock_intr();
		return (1);
	case SCAUSE_SUPERVISOR_EXTERNAL:
		while ((irq = plic_claim()) != 0) {
			if (irq == UART0_IRQ)
				uart_intr();
			else if (irq >= VIRTIO0_IRQ &&
			    irq < VIRTIO0_IRQ + VIRTIO_NSLOTS)
				virtio_blk_intr();
			plic_complete(irq);
		}
		return (0);
	case SCAUSE_SUPERVISOR_SOFTWARE:
		/* An IPI: only to wake an idle hart; nothing to do. */
		csr_clear(sip, SIE_SSIE);
		return (0);
	default:
		panic("unexpected interrupt, scause %p", (void *)cause);
	}
}

static int
fault_type(uint64 code)
{
	switch (code) {
	case SCAUSE_STORE_PAGE_FAULT:
		return (VM_PROT_WRITE);
	case SCAUSE_INST_PAGE_FAULT:
		return (VM_PROT_EXECUTE);
	default:
		return (VM_PROT_READ);
	}
}

static int
is_page_fault(uint64 code)
{
	return (code == SCAUSE_LOAD_PAGE_FAULT ||
	    code == SCAUSE_STORE_PAGE_FAULT || code == SCAUSE_INST_PAGE_FAULT);
}

/* The signal a user exception raises (FreeBSD's choices on RISC-V). */
static int
exception_signal(uint64 code)
{
	switch (code) {
	case SCAUSE_ILLEGAL_INSTRUCTION:
		return (SIGILL);
	case SCAUSE_BREAKPOINT:
		return (SIGTRAP);
	case SCAUSE_INST_MISALIGNED:
	case SCAUSE_LOAD_MISALIGNED:
	case SCAUSE_STORE_MISALIGNED:
		return (SIGBUS);
	default:
		return (SIGSEGV);
	}
}

/*
 * A page fault that found no free page: kill the faulting process only
 * (FORK.md Part 1 item 15), never the kernel.
 */
static void
fault_oom(struct proc *p, vaddr_t va)
{
	printf("pid %d (%s): out of memory at %p: killed\n", p->p_pid,
	    p->p_comm, (void *)va);
	kern_psignal(p, SIGKILL);
}

/* A trap from user mode.  Interrupts are off on entry. */
void
do_trap_user(struct trapframe *tf)
{
	struct proc *p = curproc;
	uint64 cause = tf->tf_scause, code = SCAUSE_CODE(cause);
	int error;

	if (cause & SCAUSE_INTR) {
		if (handle_interrupt(cause))
			yield();
		userret(tf);
	}
	intr_on();
	if (code == SCAUSE_ECALL_USER) {
		tf->tf_sepc += 4;
		syscall(p, tf);
	} else if (is_page_fault(code) &&
	    (error = vm_fault(p->p_vmspace, tf->tf_stval,
	    fault_type(code))) != EFAULT) {
		/* Resolved: retry the access.  No memory: only we die. */
		if (error == ENOMEM)
			fault_oom(p, tf->tf_stval);
	} else {
		/* A signal the process may catch (FORK.md Part 1, 15). */
		trapsignal(p, exception_signal(code), is_page_fault(code) ?
		    SEGV_MAPERR : 0, (void *)(is_page_fault(code) ?
		    tf->tf_stval : tf->tf_sepc));
	}
	userret(tf);
}

/*
 * The way out to user mode: act on a pending kill, then restore the
 * user registers with interrupts off.
 */
void
userret(struct trapframe *tf)
{
	struct proc *p = curproc;
	int more;

	/* LAB vfork: begin
	 * A vfork parent (p_vforkwait set by fork1) waits here, on its
	 * way back from the system call, until the child execs or exits.
	 */
	if (p->p_vforkwait)
		vfork_wait(p);		/* vfork: until the child execs */
	/* LAB vfork: end */
	/*
	 * Take pending signals; one that arrives after the last look but
	 * before we leave is seen at the next trap (a tick at most).
	 */
	do {
		postsig_all(p, tf);
		intr_off();
		spin_lock(&p->p_lock);
		more = sig_deliverable(p) && !(p->p_flag & P_OLDMASK);
		spin_unlock(&p->p_lock);
		if (more)
			intr_on();
	} while (more);
	tf->tf_sstatus &= ~(SSTATUS_SPP | SSTATUS_SUM | SSTATUS_FS_MASK |
	    SSTATUS_SIE);
	tf->tf_sstatus |= SSTATUS_SPIE;
	exception_return_user(tf);
}

extern char bootstacks[];

/*
 * Is the trap frame on a stack we know: this hart's boot stack or the
 * running process's kernel stack?  A frame anywhere else means the stack
 * pointer was corrupted; say so at once rather than fault again.
 */
static int
trapframe_on_known_stack(struct trapframe *tf, struct proc *p)
{
	vaddr_t va = (vaddr_t)tf;
	vaddr_t boot = (vaddr_t)bootstacks;

	if (va >= boot && va < boot + MAXCPU * 16384)
		return (1);
	return (p != NULL && va >= p->p_kstack &&
	    va < p->p_kstack + KSTACK_PAGES * PGSIZE);
}

/* A trap taken while the hart was in the kernel. */
void
do_trap_kernel(struct trapframe *tf)
{
	uint64 cause = tf->tf_scause, code = SCAUSE_CODE(cause);
	struct proc *p = curproc;

	if (!trapframe_on_known_stack(tf, p)) {
		dump_trapframe(tf);
		panic("kernel trap with a stack pointer %p off every stack",
		    (void *)tf);
	}

	if (cause & SCAUSE_INTR) {
		if (handle_interrupt(cause) && p != NULL &&
		    p->p_state == PRS_RUNNING)
			yield();
		return;
	}
	/*
	 * A fault in copyin/copyout on a user address: let the VM layer
	 * try, and if it cannot, resume at the copy routine's fault label.
	 */
	if (is_page_fault(code) && p != NULL && p->p_onfault != NULL &&
	    tf->tf_stval < VM_MAXUSER_ADDRESS) {
		void *onfault = p->p_onfault;
		int error;

		if (curpcpu()->pc_noff != 0)
			panic("page fault on user memory with a spinlock held");
		if (tf->tf_sstatus & SSTATUS_SPIE)
			intr_on();
		error = vm_fault(p->p_vmspace, tf->tf_stval, fault_type(code));
		intr_off();
		if (error == ENOMEM)
			fault_oom(p, tf->tf_stval);
		if (error != 0)
			tf->tf_sepc = (uint64)onfault;
		return;
	}
	printf("\nkernel trap: %s at %p\n", cause_name(code),
	    (void *)tf->tf_stval);
	dump_trapframe(tf);
	printf("kernel backtrace from the trap:\n");
	backtrace(tf->tf_s[0]);
	panic("%s in the kernel at pc %p, address %p", cause_name(code),
	    (void *)tf->tf_sepc, (void *)tf->tf_stval);
}
