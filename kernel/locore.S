/*
 * locore.S: the first instructions.  OpenSBI enters _start at physical
 * 0x80200000 in S-mode with paging off, a0 = hart id, a1 = device tree.
 * We turn on a boot page table that maps the first GiB of RAM both at its
 * physical address and at its direct-map alias, jump to the alias (where
 * the kernel is linked), and call boot_main().  Other harts come in at
 * secondary_start (sbi_hart_start) with a1 = their pcpu index.
 */
#include "param.h"

#define	BOOTSTACK_SIZE	16384
#define	SATP_SV39	(8 << 60)
/* A 1 GiB leaf onto physical gigabyte g: V R W X A D. */
#define	GIGAPAGE(g)	((((g) << 30) >> 12) << 10) | 0xcf

	.section .text.boot, "ax"
	.globl	_start
_start:
	csrw	sie, zero
	csrw	sscratch, zero
	/*
	 * Only one hart may boot.  OpenSBI normally sends just its lottery
	 * winner here, but a hart that missed our HSM start while the
	 * machine was slow has been seen to arrive too: it must not zero
	 * the bss under the boot hart's feet, so it parks.
	 */
	lla	t0, boot_claimed
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, park
	/* Paging on with the boot table; pc is still physical. */
	lla	t0, boot_pagetable
	srli	t0, t0, 12
	li	t1, SATP_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	/* Jump to the linked (direct-map) address. */
	lla	t0, 1f
	ld	t0, 0(t0)
	jr	t0
	.balign	8
1:	.dword	boot_high

boot_high:
	/* Zero the bss: OpenSBI does not, and the loaded image has none. */
	la	t0, bss_start
	la	t1, bss_end
2:	bgeu	t0, t1, 3f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	2b
3:
	la	sp, bootstacks
	li	t0, BOOTSTACK_SIZE
	add	sp, sp, t0
	mv	fp, zero
	mv	ra, zero
	la	tp, pcpu		/* pcpu[0] */
	call	boot_main		/* (hartid, dtb physical address) */
4:	wfi
	j	4b

park:
	wfi
	j	park

	.globl	secondary_start
secondary_start:
	csrw	sie, zero
	csrw	sscratch, zero
	lla	t0, boot_pagetable
	srli	t0, t0, 12
	li	t1, SATP_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	lla	t0, 5f
	ld	t0, 0(t0)
	jr	t0
	.balign	8
5:	.dword	secondary_high

secondary_high:
	/* sp = bootstacks + (index + 1) * BOOTSTACK_SIZE */
	addi	t0, a1, 1
	li	t1, BOOTSTACK_SIZE
	mul	t0, t0, t1
	la	sp, bootstacks
	add	sp, sp, t0
	mv	fp, zero
	mv	ra, zero
	mv	tp, zero
	call	secondary_main		/* (hartid, pcpu index) */
6:	wfi
	j	6b

/*
 * The boot page table: root entries 2-5 (identity, 0x80000000) and
 * 258-261 (DMAP_BASE + 0x80000000) are 1 GiB leaves onto the first 4 GiB
 * of RAM, enough to reach the device tree wherever OpenSBI put it.
 * Initialised data, because the bss is not yet zero when it is used.
 */
	.section .data
	.balign	4
boot_claimed:
	.word	0

	.balign	4096
	.globl	boot_pagetable
boot_pagetable:
	.dword	0
	.dword	0
	.dword	GIGAPAGE(2)
	.dword	GIGAPAGE(3)
	.dword	GIGAPAGE(4)
	.dword	GIGAPAGE(5)
	.fill	252, 8, 0
	.dword	GIGAPAGE(2)
	.dword	GIGAPAGE(3)
	.dword	GIGAPAGE(4)
	.dword	GIGAPAGE(5)
	.fill	250, 8, 0

	.section .bss
	.balign	16
	.globl	bootstacks
bootstacks:
	.space	BOOTSTACK_SIZE * MAXCPU
