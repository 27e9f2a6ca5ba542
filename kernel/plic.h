/* plic.h: the interrupt controller. */
#ifndef _PLIC_H_
#define _PLIC_H_

void	plic_init(void);
void	plic_init_hart(void);
int	plic_claim(void);	/* 0 if nothing pending */
void	plic_complete(int irq);

#endif /* !_PLIC_H_ */
