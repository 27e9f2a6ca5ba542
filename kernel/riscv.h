/*
 * riscv.h: RISC-V privileged architecture facts used by the kernel: CSR
 * access, sstatus/sie/scause bits and the Sv39 page-table format.
 * Source: The RISC-V Instruction Set Manual, Volume II (Privileged), 1.12.
 */
#ifndef _RISCV_H_
#define _RISCV_H_

#include "types.h"

#define	csr_read(csr) ({						\
	uint64 __v;							\
	__asm__ __volatile__("csrr %0, " #csr : "=r"(__v) :: "memory");	\
	__v;								\
})
#define	csr_write(csr, val) ({						\
	uint64 __v = (uint64)(val);					\
	__asm__ __volatile__("csrw " #csr ", %0" :: "rK"(__v) : "memory");	\
})
#define	csr_set(csr, bits) ({						\
	uint64 __v = (uint64)(bits);					\
	__asm__ __volatile__("csrs " #csr ", %0" :: "rK"(__v) : "memory");	\
})
#define	csr_clear(csr, bits) ({						\
	uint64 __v = (uint64)(bits);					\
	__asm__ __volatile__("csrc " #csr ", %0" :: "rK"(__v) : "memory");	\
})

/* sstatus */
#define	SSTATUS_SIE	(1UL << 1)	/* interrupts enabled in S-mode */
#define	SSTATUS_SPIE	(1UL << 5)	/* SIE before the trap */
#define	SSTATUS_SPP	(1UL << 8)	/* trap came from S-mode */
#define	SSTATUS_FS_MASK	(3UL << 13)	/* floating-point state */
#define	SSTATUS_FS_OFF	(0UL << 13)
#define	SSTATUS_SUM	(1UL << 18)	/* S-mode may touch user pages */

/* sie / sip */
#define	SIE_SSIE	(1UL << 1)	/* software (IPI) */
#define	SIE_STIE	(1UL << 5)	/* timer */
#define	SIE_SEIE	(1UL << 9)	/* external (PLIC) */

/* scause: the top bit marks interrupts. */
#define	SCAUSE_INTR			(1UL << 63)
#define	SCAUSE_CODE(c)			((c) & ~SCAUSE_INTR)
#define	SCAUSE_SUPERVISOR_SOFTWARE	1
#define	SCAUSE_SUPERVISOR_TIMER		5
#define	SCAUSE_SUPERVISOR_EXTERNAL	9
#define	SCAUSE_INST_MISALIGNED		0
#define	SCAUSE_INST_ACCESS_FAULT	1
#define	SCAUSE_ILLEGAL_INSTRUCTION	2
#define	SCAUSE_BREAKPOINT		3
#define	SCAUSE_LOAD_MISALIGNED		4
#define	SCAUSE_LOAD_ACCESS_FAULT	5
#define	SCAUSE_STORE_MISALIGNED		6
#define	SCAUSE_STORE_ACCESS_FAULT	7
#define	SCAUSE_ECALL_USER		8
#define	SCAUSE_ECALL_SUPERVISOR		9
#define	SCAUSE_INST_PAGE_FAULT		12
#define	SCAUSE_LOAD_PAGE_FAULT		13
#define	SCAUSE_STORE_PAGE_FAULT		15

/* Sv39: three levels of 512 entries, 4 KiB pages. */
#define	PGSHIFT		12
#define	PGSIZE		(1UL << PGSHIFT)
#define	PGOFSET		(PGSIZE - 1)
#define	trunc_page(x)	((x) & ~PGOFSET)
#define	round_page(x)	(((x) + PGOFSET) & ~PGOFSET)
#define	L2_SHIFT	30	/* root level: 1 GiB per entry */
#define	L1_SHIFT	21	/* 2 MiB per entry */
#define	L0_SHIFT	12	/* 4 KiB per entry */
#define	L1_SIZE		(1UL << L1_SHIFT)
#define	Ln_ENTRIES	512
#define	PTX(va, shift)	(((va) >> (shift)) & (Ln_ENTRIES - 1))

#define	PTE_V		(1UL << 0)	/* valid */
#define	PTE_R		(1UL << 1)
#define	PTE_W		(1UL << 2)
#define	PTE_X		(1UL << 3)
#define	PTE_U		(1UL << 4)	/* user accessible */
#define	PTE_G		(1UL << 5)	/* global: in every address space */
#define	PTE_A		(1UL << 6)	/* accessed */
#define	PTE_D		(1UL << 7)	/* dirty */
#define	PTE_SW_SHIFT	8		/* bits 8-9 are for software */
#define	PTE_COW		(1UL << 8)	/* copy-on-write (software bit) */
#define	PTE_SW1		(1UL << 9)
#define	PTE_RWX		(PTE_R | PTE_W | PTE_X)
#define	PTE_PPN_SHIFT	10
#define	PTE_TO_PA(pte)	(((pte) >> PTE_PPN_SHIFT) << PGSHIFT)
#define	PA_TO_PTE(pa)	(((pa) >> PGSHIFT) << PTE_PPN_SHIFT)
#define	PTE_IS_LEAF(pte)	(((pte) & PTE_RWX) != 0)

#define	SATP_MODE_SV39	(8UL << 60)
#define	MAKE_SATP(rootpa)	(SATP_MODE_SV39 | ((rootpa) >> PGSHIFT))

static inline void
sfence_vma(void)
{
	__asm__ __volatile__("sfence.vma zero, zero" ::: "memory");
}

static inline void
sfence_vma_page(vaddr_t va)
{
	__asm__ __volatile__("sfence.vma %0, zero" :: "r"(va) : "memory");
}

static inline void
intr_on(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

static inline void
intr_off(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

static inline int
intr_get(void)
{
	return ((csr_read(sstatus) & SSTATUS_SIE) != 0);
}

static inline uint64
rdtime(void)
{
	uint64 t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return (t);
}

static inline void
wfi(void)
{
	__asm__ __volatile__("wfi");
}

#endif /* !_RISCV_H_ */
