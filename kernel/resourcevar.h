/*
 * resourcevar.h: resource limits and per-uid process counts.
 *
 * A plimit is shared copy-on-write between a parent and its children
 * (FreeBSD's scheme): setrlimit copies a shared one first.  A uidinfo
 * counts the processes of one real uid, zombies included, for
 * RLIMIT_NPROC; uidinfo_lock guards the counts and the list.
 */
#ifndef _RESOURCEVAR_H_
#define _RESOURCEVAR_H_

#include "types.h"
#include <sys/resource.h>

struct proc;

struct plimit {
	int		pl_refcnt;	/* processes sharing it (atomic) */
	struct rlimit	pl_rlimit[RLIM_NLIMITS];
};

struct uidinfo {
	struct uidinfo	*ui_next;
	uid_t		ui_uid;
	int		ui_proccnt;	/* processes of this real uid */
};

extern int maxprocperuid;		/* kern.maxprocperuid */

struct plimit	*lim_alloc(void);
struct plimit	*lim_hold(struct plimit *lim);
void		lim_free(struct plimit *lim);
void		lim_init0(struct plimit *lim);
rlim_t		lim_cur(struct proc *p, int which);

/* Change uid's process count by diff; with a limit, fail past it. */
int		chgproccnt(uid_t uid, int diff, rlim_t max);
int		uid_proccnt(uid_t uid);

#endif /* !_RESOURCEVAR_H_ */
