/*
 * sleeplock.h: a lock that sleeps while it waits, for long holds that
 * may themselves sleep (disk I/O on a buffer or inode).
 */
#ifndef _SLEEPLOCK_H_
#define _SLEEPLOCK_H_

#include "spinlock.h"

struct sleeplock {
	struct spinlock	slk_interlock;	/* guards the two fields below */
	int		slk_locked;
	int		slk_owner;	/* pid of the holder, for debugging */
	const char	*slk_name;
};

void	sleeplock_init(struct sleeplock *lk, const char *name);
void	sleep_lock(struct sleeplock *lk);
void	sleep_unlock(struct sleeplock *lk);
int	sleep_owned(struct sleeplock *lk);	/* held by curproc? */

#endif /* !_SLEEPLOCK_H_ */
