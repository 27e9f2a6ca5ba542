/* sleeplock.c: locks whose waiters sleep instead of spinning. */
#include "types.h"
#include "systm.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "proc.h"

void
sleeplock_init(struct sleeplock *lk, const char *name)
{
	spinlock_init(&lk->slk_interlock, "sleeplock");
	lk->slk_name = name;
	lk->slk_locked = 0;
	lk->slk_owner = 0;
}

/* May sleep; not interruptible, since callers hold no way to back out. */
void
sleep_lock(struct sleeplock *lk)
{
	spin_lock(&lk->slk_interlock);
	while (lk->slk_locked)
		msleep(lk, &lk->slk_interlock, 0, lk->slk_name, 0);
	lk->slk_locked = 1;
	lk->slk_owner = curproc != NULL ? curproc->p_pid : -1;
	spin_unlock(&lk->slk_interlock);
}

void
sleep_unlock(struct sleeplock *lk)
{
	spin_lock(&lk->slk_interlock);
	lk->slk_locked = 0;
	lk->slk_owner = 0;
	wakeup(lk);
	spin_unlock(&lk->slk_interlock);
}

int
sleep_owned(struct sleeplock *lk)
{
	int r;

	spin_lock(&lk->slk_interlock);
	r = lk->slk_locked && curproc != NULL &&
	    lk->slk_owner == curproc->p_pid;
	spin_unlock(&lk->slk_interlock);
	return (r);
}
