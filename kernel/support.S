/*
 * support.S: touching user memory from the kernel.  Each routine sets
 * *onfault (the process's p_onfault) to its fault label and turns on
 * sstatus.SUM for the duration; a page fault that the VM layer cannot
 * resolve makes the trap handler resume at that label, which returns
 * EFAULT.  The range checks are done by the C callers in kern_subr.c.
 */
#define	SSTATUS_SUM	(1 << 18)
#define	EFAULT		14
#define	ENAMETOOLONG	63

	.text
/* int copy_user(void *dst, const void *src, size_t len, void **onfault) */
	.globl	copy_user
copy_user:
	lla	t0, copy_fault
	sd	t0, 0(a3)
	li	t1, SSTATUS_SUM
	csrs	sstatus, t1
	/* Whole words when both ends are 8-aligned, bytes otherwise. */
	or	t2, a0, a1
	andi	t2, t2, 7
	bnez	t2, 2f
1:	li	t2, 8
	bltu	a2, t2, 2f
	ld	t3, 0(a1)
	sd	t3, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	1b
2:	beqz	a2, 3f
	lbu	t3, 0(a1)
	sb	t3, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	2b
3:	csrc	sstatus, t1
	sd	zero, 0(a3)
	li	a0, 0
	ret

copy_fault:
	li	t1, SSTATUS_SUM
	csrc	sstatus, t1
	sd	zero, 0(a3)
	li	a0, EFAULT
	ret

/*
 * int copy_user_str(char *dst, const char *usrc, size_t max, size_t *done,
 *     void **onfault): copy up to max bytes, stopping after a NUL.
 * Returns 0, ENAMETOOLONG (no NUL within max) or EFAULT.  *done counts
 * the bytes copied, the NUL included.
 */
	.globl	copy_user_str
copy_user_str:
	lla	t0, copystr_fault
	sd	t0, 0(a4)
	li	t1, SSTATUS_SUM
	csrs	sstatus, t1
	li	t4, 0			/* bytes copied */
1:	beq	t4, a2, 3f
	add	t5, a1, t4
	lbu	t3, 0(t5)
	add	t5, a0, t4
	sb	t3, 0(t5)
	addi	t4, t4, 1
	bnez	t3, 1b
	li	a0, 0
	j	4f
3:	li	a0, ENAMETOOLONG
4:	csrc	sstatus, t1
	sd	zero, 0(a4)
	beqz	a3, 5f
	sd	t4, 0(a3)
5:	ret

copystr_fault:
	li	t1, SSTATUS_SUM
	csrc	sstatus, t1
	sd	zero, 0(a4)
	li	a0, EFAULT
	ret
