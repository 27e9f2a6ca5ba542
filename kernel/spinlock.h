/*
 * spinlock.h: mutual exclusion between harts, with interrupts off on
 * the holding hart.  Never sleep holding one (msleep releases the lock it
 * is given).  The lock order is documented at the top of proc.h.
 */
#ifndef _SPINLOCK_H_
#define _SPINLOCK_H_

#include "types.h"

struct pcpu;

struct spinlock {
	volatile uint32	sl_locked;	/* 1 while held */
	const char	*sl_name;	/* for panics and gdb */
	struct pcpu	*sl_owner;	/* hart holding it */
};

void	spinlock_init(struct spinlock *lk, const char *name);
void	spin_lock(struct spinlock *lk);
void	spin_unlock(struct spinlock *lk);
int	spin_owned(struct spinlock *lk);	/* held by this hart? */

/* Interrupt-disable nesting, per hart (the spinlock's building block). */
void	push_intr_off(void);
void	pop_intr_off(void);

#endif /* !_SPINLOCK_H_ */
