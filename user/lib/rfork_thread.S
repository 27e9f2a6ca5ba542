/*
 * rfork_thread.S: rfork_thread(3) and NetBSD's __clone(2) (with clone as
 * another name), for RISC-V.  Both start a process that runs func(arg) on
 * a stack of its own and exits with func's return value.
 *
 * Why assembly: with RFMEM (or CLONE_VM) parent and child share memory, so
 * the child must not touch the caller's stack after the system call; it
 * may only use registers until it has switched sp to its own stack.  So
 * func, arg and stack are kept in callee-saved registers (s1-s4), which
 * the kernel copies into the child's trap frame and the ecall preserves.
 *
 * The kernel's convention (kernel/syscalls.master): number in t0, result
 * in a0 with t0 == 0, or an errno in a0 with t0 == 1.  A new child returns
 * a0 = 0, a1 = 0; the parent gets the child's pid.
 */
#include <sys/syscall.h>

/* sys/unistd.h spells these (1<<4) and (1U<<31): not for the assembler. */
#define	RFPROC_BIT	0x10
#define	EINVAL_ERRNO	22	/* sys/errno.h EINVAL */

	.text

/*
 * pid_t rfork_thread(int flags, void *stack, int (*func)(void *), void *arg)
 *
 * The child is the side that gets a0 == 0 when flags asks for a process:
 * RFPROC, or RFSPAWN (bit 31, which carries no RFPROC bit).  Without
 * either, rfork changes the caller and returns 0 here, in the caller.
 */
	.globl	rfork_thread
	.type	rfork_thread, @function
rfork_thread:
	addi	sp, sp, -48
	sd	ra, 40(sp)
	sd	s1, 32(sp)
	sd	s2, 24(sp)
	sd	s3, 16(sp)
	sd	s4, 8(sp)
	mv	s1, a1			/* stack */
	mv	s2, a2			/* func */
	mv	s3, a3			/* arg */
	sext.w	s4, a0			/* flags (an int) */
	li	t0, SYS_rfork
	ecall
	bnez	t0, 3f			/* error: a0 is the errno */
	bnez	a0, 2f			/* a pid: we are the parent */
	andi	t1, s4, RFPROC_BIT
	bnez	t1, child
	bltz	s4, child		/* RFSPAWN: bit 31 makes flags < 0 */
2:	ld	ra, 40(sp)		/* parent (or no new process) */
	ld	s1, 32(sp)
	ld	s2, 24(sp)
	ld	s3, 16(sp)
	ld	s4, 8(sp)
	addi	sp, sp, 48
	ret
3:	ld	ra, 40(sp)
	ld	s1, 32(sp)
	ld	s2, 24(sp)
	ld	s3, 16(sp)
	ld	s4, 8(sp)
	addi	sp, sp, 48
	tail	__cerror

/*
 * The child of both calls: switch to the new stack (its top, aligned down
 * to 16 bytes as the ABI wants), call func(arg), exit with its result.
 * s0 = ra = 0 ends backtraces here rather than in the parent's frames.
 */
child:
	andi	sp, s1, -16
	li	s0, 0
	li	ra, 0
	mv	a0, s3
	jalr	s2
	li	t0, SYS_exit		/* a0 is func's return value */
	ecall
	ebreak				/* exit does not return */
	.size	rfork_thread, . - rfork_thread

/*
 * pid_t __clone(int (*fn)(void *), void *stack, int flags, void *arg)
 *
 * The kernel's clone(flags, stack) starts the child with sp = stack; we
 * still align it.  fn or stack NULL is EINVAL, as NetBSD's libc says.
 */
	.globl	__clone
	.type	__clone, @function
__clone:
	beqz	a0, 4f
	beqz	a1, 4f
	addi	sp, sp, -48
	sd	ra, 40(sp)
	sd	s1, 32(sp)
	sd	s2, 24(sp)
	sd	s3, 16(sp)
	sd	s4, 8(sp)
	mv	s1, a1			/* stack */
	mv	s2, a0			/* fn */
	mv	s3, a3			/* arg */
	mv	a0, a2			/* clone(flags, stack) */
	li	t0, SYS_clone
	ecall
	bnez	t0, 3b			/* error: restore and __cerror */
	beqz	a0, child		/* a new process always: a0 == 0 */
	j	2b
4:	li	a0, EINVAL_ERRNO
	tail	__cerror
	.size	__clone, . - __clone

	.globl	clone
	.set	clone, __clone
