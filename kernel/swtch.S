/*
 * swtch.S: cpu_switch(from, to) saves the callee-saved registers of the
 * running kernel thread in *from and resumes the one saved in *to.
 * fork_trampoline is where a new process's first cpu_switch lands.
 */
	.text
	.globl	cpu_switch
cpu_switch:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	sd	s0, 16(a0)
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)

	ld	ra, 0(a1)
	ld	sp, 8(a1)
	ld	s0, 16(a1)
	ld	s1, 24(a1)
	ld	s2, 32(a1)
	ld	s3, 40(a1)
	ld	s4, 48(a1)
	ld	s5, 56(a1)
	ld	s6, 64(a1)
	ld	s7, 72(a1)
	ld	s8, 80(a1)
	ld	s9, 88(a1)
	ld	s10, 96(a1)
	ld	s11, 104(a1)
	ret

/*
 * A new process starts here with s1 = callout, s2 = its argument and
 * s3 = its trap frame (set by cpu_fork); fork_exit() never returns.
 */
	.globl	fork_trampoline
fork_trampoline:
	mv	a0, s1
	mv	a1, s2
	mv	a2, s3
	mv	fp, zero
	call	fork_exit
1:	j	1b
