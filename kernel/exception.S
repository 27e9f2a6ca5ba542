/*
 * exception.S: trap entry and exit.  stvec points at trap_vector on every
 * hart.  sscratch tells where the trap came from: 0 while the hart is in
 * the kernel, else the address of the running process's trap frame (at
 * the top of its own kernel stack), set on the way out to user mode.  So
 * two processes that share one address space still have their own frames.
 */
#include "trap.h"

#define	SSTATUS_SUM	(1 << 18)

/* Save the registers that both paths save the same way. */
.macro save_common
	sd	ra, TF_RA(sp)
	sd	gp, TF_GP(sp)
	sd	t0, TF_T + 0*8(sp)
	sd	t1, TF_T + 1*8(sp)
	sd	t2, TF_T + 2*8(sp)
	sd	t3, TF_T + 3*8(sp)
	sd	t4, TF_T + 4*8(sp)
	sd	t5, TF_T + 5*8(sp)
	sd	t6, TF_T + 6*8(sp)
	sd	s0, TF_S + 0*8(sp)
	sd	s1, TF_S + 1*8(sp)
	sd	s2, TF_S + 2*8(sp)
	sd	s3, TF_S + 3*8(sp)
	sd	s4, TF_S + 4*8(sp)
	sd	s5, TF_S + 5*8(sp)
	sd	s6, TF_S + 6*8(sp)
	sd	s7, TF_S + 7*8(sp)
	sd	s8, TF_S + 8*8(sp)
	sd	s9, TF_S + 9*8(sp)
	sd	s10, TF_S + 10*8(sp)
	sd	s11, TF_S + 11*8(sp)
	sd	a0, TF_A + 0*8(sp)
	sd	a1, TF_A + 1*8(sp)
	sd	a2, TF_A + 2*8(sp)
	sd	a3, TF_A + 3*8(sp)
	sd	a4, TF_A + 4*8(sp)
	sd	a5, TF_A + 5*8(sp)
	sd	a6, TF_A + 6*8(sp)
	sd	a7, TF_A + 7*8(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
.endm

/* Restore all but sp and the base register (given), then sepc/sstatus. */
.macro restore_common base
	ld	t0, TF_SEPC(\base)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(\base)
	csrw	sstatus, t0
	ld	ra, TF_RA(\base)
	ld	gp, TF_GP(\base)
	ld	t0, TF_T + 0*8(\base)
	ld	t1, TF_T + 1*8(\base)
	ld	t2, TF_T + 2*8(\base)
	ld	t3, TF_T + 3*8(\base)
	ld	t4, TF_T + 4*8(\base)
	ld	t5, TF_T + 5*8(\base)
	ld	t6, TF_T + 6*8(\base)
	ld	s0, TF_S + 0*8(\base)
	ld	s1, TF_S + 1*8(\base)
	ld	s2, TF_S + 2*8(\base)
	ld	s3, TF_S + 3*8(\base)
	ld	s4, TF_S + 4*8(\base)
	ld	s5, TF_S + 5*8(\base)
	ld	s6, TF_S + 6*8(\base)
	ld	s7, TF_S + 7*8(\base)
	ld	s8, TF_S + 8*8(\base)
	ld	s9, TF_S + 9*8(\base)
	ld	s10, TF_S + 10*8(\base)
	ld	s11, TF_S + 11*8(\base)
	ld	a1, TF_A + 1*8(\base)
	ld	a2, TF_A + 2*8(\base)
	ld	a3, TF_A + 3*8(\base)
	ld	a4, TF_A + 4*8(\base)
	ld	a5, TF_A + 5*8(\base)
	ld	a6, TF_A + 6*8(\base)
	ld	a7, TF_A + 7*8(\base)
.endm

	.text
	.balign	4
	.globl	trap_vector
trap_vector:
	csrrw	sp, sscratch, sp
	bnez	sp, trap_from_user

	/* From the kernel: sscratch held 0, now the interrupted sp. */
	csrrw	sp, sscratch, sp
	addi	sp, sp, -TF_SIZE
	save_common
	sd	tp, TF_TP(sp)
	addi	t0, sp, TF_SIZE
	sd	t0, TF_SP(sp)
	/* The handler runs without SUM: only copyin/copyout turn it on. */
	li	t0, SSTATUS_SUM
	csrc	sstatus, t0
	mv	a0, sp
	call	do_trap_kernel
	/* Back to the interrupted kernel code (tp is per-hart: keep it). */
	restore_common sp
	ld	a0, TF_A + 0*8(sp)
	ld	sp, TF_SP(sp)
	sret

trap_from_user:
	/* sp is this process's trap frame; sscratch holds the user sp. */
	save_common
	sd	tp, TF_TP(sp)
	csrrw	t0, sscratch, zero	/* user sp; and we are in the kernel */
	sd	t0, TF_SP(sp)
	ld	tp, TF_PCPU(sp)		/* this hart's pcpu */
	mv	fp, zero
	mv	a0, sp
	call	do_trap_user		/* does not return here */
1:	j	1b

/*
 * exception_return_user(tf): leave for user mode with the registers in
 * tf.  Interrupts are off.  The next trap from user mode lands on tf.
 */
	.globl	exception_return_user
exception_return_user:
	sd	tp, TF_PCPU(a0)
	csrw	sscratch, a0
	restore_common a0
	ld	tp, TF_TP(a0)
	ld	sp, TF_SP(a0)
	ld	a0, TF_A + 0*8(a0)
	sret
