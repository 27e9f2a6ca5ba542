/* console.h: the console: 16550 UART plus the line discipline. */
#ifndef _CONSOLE_H_
#define _CONSOLE_H_

#include "types.h"

void	uart_init(void);
void	uart_putc_sync(int c);
int	uart_getc(void);		/* -1 if nothing waiting */
void	uart_intr(void);
void	console_init(void);
void	cons_putc_kernel(int c);	/* kernel output: SBI, then UART */
void	console_rx(int c);		/* one received character */
struct proc;
void	console_set_session(pid_t sid, pid_t pgid);
int	console_session_leader_exit(struct proc *p);
int	console_ioctl(struct proc *p, unsigned long cmd, void *udata);

#endif /* !_CONSOLE_H_ */
