/*
 * spinlock.c: spin locks.  Interrupts stay off on a hart while it holds
 * any spinlock, so an interrupt handler can never spin on a lock its own
 * hart holds.
 */
#include "types.h"
#include "riscv.h"
#include "systm.h"
#include "spinlock.h"
#include "pcpu.h"

void
spinlock_init(struct spinlock *lk, const char *name)
{
	lk->sl_locked = 0;
	lk->sl_name = name;
	lk->sl_owner = NULL;
}

void
spin_lock(struct spinlock *lk)
{
	push_intr_off();
	if (spin_owned(lk))
		panic("spin_lock: %s already held by this hart", lk->sl_name);
	while (__atomic_exchange_n(&lk->sl_locked, 1, __ATOMIC_ACQUIRE) != 0)
		;
	lk->sl_owner = curpcpu();
}

void
spin_unlock(struct spinlock *lk)
{
	if (!spin_owned(lk))
		panic("spin_unlock: %s not held", lk->sl_name);
	lk->sl_owner = NULL;
	__atomic_store_n(&lk->sl_locked, 0, __ATOMIC_RELEASE);
	pop_intr_off();
}

/* Call with interrupts off. */
int
spin_owned(struct spinlock *lk)
{
	return (lk->sl_locked && lk->sl_owner == curpcpu());
}

/*
 * push/pop nest: the first push remembers whether interrupts were on,
 * the last pop restores that.
 */
void
push_intr_off(void)
{
	int old = intr_get();
	struct pcpu *pc;

	intr_off();
	pc = curpcpu();
	if (pc->pc_noff == 0)
		pc->pc_intena = old;
	pc->pc_noff++;
}

void
pop_intr_off(void)
{
	struct pcpu *pc = curpcpu();

	if (intr_get())
		panic("pop_intr_off: interrupts on");
	if (pc->pc_noff < 1)
		panic("pop_intr_off: unbalanced");
	pc->pc_noff--;
	if (pc->pc_noff == 0 && pc->pc_intena)
		intr_on();
}
