/*
 * memlayout.h: the virtual memory map (Sv39, 39-bit virtual addresses).
 *
 * Every address space has the same upper half, the kernel's; the lower
 * half belongs to the process.  docs/memory.md draws this map.
 *
 *   0x0000000000000000  +---------------------------+
 *                       | unmapped: NULL page(s)    |
 *   USER_TEXT_BASE      +---------------------------+ 0x10000
 *                       | text, data, bss           |
 *                       | heap (sbrk), grows up     |
 *                       |          ...              |
 *                       | user stack, grows down    |
 *   USRSTACK            +---------------------------+ 0x3fffff0000
 *                       | unmapped gap              |
 *   VM_MAXUSER_ADDRESS  +---------------------------+ 0x4000000000
 *                       | non-canonical hole        |
 *   DMAP_BASE           +---------------------------+ 0xffffffc000000000
 *                       | direct map of physical    |
 *                       | memory and devices:       |
 *                       | va = DMAP_BASE + pa       |
 *                       | (kernel image: 0x80200000 |
 *                       |  + DMAP_BASE)             |
 *   KSTACK_BASE         +---------------------------+ 0xffffffe000000000
 *                       | kernel stacks, one slot   |
 *                       | per process table entry,  |
 *                       | each below a guard page   |
 *                       +---------------------------+
 */
#ifndef _MEMLAYOUT_H_
#define _MEMLAYOUT_H_

/* Physical addresses on QEMU virt (hw/riscv/virt.c). */
#define	VIRT_TEST_PA	0x00100000UL	/* sifive_test: exit and reset */
#define	GOLDFISH_RTC_PA	0x00101000UL	/* real-time clock */
#define	PLIC_PA		0x0c000000UL
#define	PLIC_SIZE	0x00400000UL
#define	UART0_PA	0x10000000UL
#define	UART0_IRQ	10
#define	VIRTIO0_PA	0x10001000UL	/* eight virtio-mmio slots, 4 KiB each */
#define	VIRTIO_STRIDE	0x1000UL
#define	VIRTIO_NSLOTS	8
#define	VIRTIO0_IRQ	1
#define	RAM_BASE_PA	0x80000000UL
#define	FIRMWARE_END_PA	0x80080000UL	/* OpenSBI owns [RAM_BASE, here) */
#define	KERNEL_LOAD_PA	0x80200000UL	/* where OpenSBI enters us */

/* User half. */
#define	USER_TEXT_BASE		0x10000UL
#define	VM_MAXUSER_ADDRESS	0x4000000000UL	/* 256 GiB: Sv39's lower half */
#define	USRSTACK		(VM_MAXUSER_ADDRESS - 0x10000UL)

/* Kernel half. */
#define	DMAP_BASE	0xffffffc000000000UL
#define	DMAP_SIZE	(64UL << 30)		/* room for 64 GiB of RAM */
#define	KSTACK_BASE	0xffffffe000000000UL
#define	KSTACK_SLOT	((KSTACK_PAGES + 1) * PGSIZE)	/* guard + stack */
#define	KERNEL_VA(pa)	((pa) + DMAP_BASE)

#define	PHYS_TO_DMAP(pa)	((vaddr_t)(pa) + DMAP_BASE)
#define	DMAP_TO_PHYS(va)	((paddr_t)(va) - DMAP_BASE)

#endif /* !_MEMLAYOUT_H_ */
