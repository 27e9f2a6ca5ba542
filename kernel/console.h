/* console.h: the console: 16550 UART plus the line discipline. */
#ifndef _CONSOLE_H_
#define _CONSOLE_H_

void	uart_init(void);
void	uart_putc_sync(int c);
int	uart_getc(void);		/* -1 if nothing waiting */
void	uart_intr(void);
void	console_init(void);
void	cons_putc_kernel(int c);	/* kernel output: SBI, then UART */
void	console_rx(int c);		/* one received character */

#endif /* !_CONSOLE_H_ */
