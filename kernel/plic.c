/*
 * plic.c: the platform-level interrupt controller of QEMU virt.  Each
 * hart's S-mode context is 2 * hartid + 1 (hw/riscv/virt.c); every
 * device interrupt is enabled on every hart, and whichever claims it
 * first handles it.
 */
#include "types.h"
#include "memlayout.h"
#include "pcpu.h"
#include "plic.h"

#define	PLIC_PRIORITY(irq)	(PLIC_PA + 4 * (irq))
#define	PLIC_ENABLE(ctx)	(PLIC_PA + 0x2000 + 0x80 * (ctx))
#define	PLIC_THRESHOLD(ctx)	(PLIC_PA + 0x200000 + 0x1000 * (ctx))
#define	PLIC_CLAIM(ctx)		(PLIC_THRESHOLD(ctx) + 4)

static volatile uint32 *
plic_reg(paddr_t pa)
{
	return ((volatile uint32 *)PHYS_TO_DMAP(pa));
}

static int
plic_context(void)
{
	return (2 * curpcpu()->pc_hartid + 1);
}

void
plic_init(void)
{
	int irq;

	*plic_reg(PLIC_PRIORITY(UART0_IRQ)) = 1;
	for (irq = VIRTIO0_IRQ; irq < VIRTIO0_IRQ + VIRTIO_NSLOTS; irq++)
		*plic_reg(PLIC_PRIORITY(irq)) = 1;
}

void
plic_init_hart(void)
{
	int ctx = plic_context();
	uint32 mask = 1U << UART0_IRQ;
	int irq;

	for (irq = VIRTIO0_IRQ; irq < VIRTIO0_IRQ + VIRTIO_NSLOTS; irq++)
		mask |= 1U << irq;
	*plic_reg(PLIC_ENABLE(ctx)) = mask;
	*plic_reg(PLIC_THRESHOLD(ctx)) = 0;
}

int
plic_claim(void)
{
	return (*plic_reg(PLIC_CLAIM(plic_context())));
}

void
plic_complete(int irq)
{
	*plic_reg(PLIC_CLAIM(plic_context())) = irq;
}
