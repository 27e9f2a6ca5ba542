/*
 * uart.c: the NS16550A UART of QEMU virt at 0x10000000 (IRQ 10).
 * OpenSBI has already set the line up; we turn on the FIFOs and the
 * receive interrupt.  Output is written synchronously: QEMU's UART takes
 * a byte as soon as the holding register is empty.
 */
#include "types.h"
#include "memlayout.h"
#include "console.h"

#define	UART_RBR	0	/* receive buffer (read) */
#define	UART_THR	0	/* transmit holding (write) */
#define	UART_IER	1	/* interrupt enable */
#define	UART_IER_RDA	0x01	/* received data available */
#define	UART_FCR	2	/* FIFO control (write) */
#define	UART_FCR_ENABLE	0x01
#define	UART_FCR_CLEAR	0x06	/* clear both FIFOs */
#define	UART_LSR	5	/* line status */
#define	UART_LSR_DR	0x01	/* a byte is waiting */
#define	UART_LSR_THRE	0x20	/* transmit holding register empty */

static volatile uchar *const uart = (volatile uchar *)PHYS_TO_DMAP(UART0_PA);
static int uart_ready;

void
uart_init(void)
{
	uart[UART_FCR] = UART_FCR_ENABLE | UART_FCR_CLEAR;
	uart[UART_IER] = UART_IER_RDA;
	uart_ready = 1;
}

void
uart_putc_sync(int c)
{
	while ((uart[UART_LSR] & UART_LSR_THRE) == 0)
		;
	uart[UART_THR] = c;
}

int
uart_getc(void)
{
	if ((uart[UART_LSR] & UART_LSR_DR) == 0)
		return (-1);
	return (uart[UART_RBR]);
}

/* Receive interrupt: hand every waiting byte to the line discipline. */
void
uart_intr(void)
{
	int c;

	while ((c = uart_getc()) >= 0)
		console_rx(c);
}

int
uart_is_ready(void)
{
	return (uart_ready);
}
