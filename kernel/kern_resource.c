/*
 * kern_resource.c: resource limits (getrlimit, setrlimit) and the count
 * of processes per real uid behind RLIMIT_NPROC.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "malloc.h"
#include "spinlock.h"
#include "proc.h"
#include "ucred.h"
#include "resourcevar.h"
#include "sysctl.h"
#include "sysproto.h"

extern int maxproc;

int maxprocperuid = NPROC * 9 / 10;
SYSCTL_INT("kern.maxprocperuid", CTLFLAG_RW, &maxprocperuid, 1, NPROC,
    "default RLIMIT_NPROC: processes per user");

static struct spinlock uidinfo_lock;
static struct uidinfo *uihead;		/* (uidinfo_lock) */

struct plimit *
lim_alloc(void)
{
	struct plimit *lim = malloc(sizeof(*lim), M_ZERO);

	if (lim != NULL)
		lim->pl_refcnt = 1;
	return (lim);
}

struct plimit *
lim_hold(struct plimit *lim)
{
	__atomic_add_fetch(&lim->pl_refcnt, 1, __ATOMIC_RELAXED);
	return (lim);
}

void
lim_free(struct plimit *lim)
{
	if (__atomic_sub_fetch(&lim->pl_refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		free(lim);
}

/* The limits init starts with (and so every process, unless changed). */
void
lim_init0(struct plimit *lim)
{
	int i;

	spinlock_init(&uidinfo_lock, "uidinfo");
	maxprocperuid = maxproc * 9 / 10;
	for (i = 0; i < RLIM_NLIMITS; i++) {
		lim->pl_rlimit[i].rlim_cur = RLIM_INFINITY;
		lim->pl_rlimit[i].rlim_max = RLIM_INFINITY;
	}
	lim->pl_rlimit[RLIMIT_NOFILE].rlim_cur = NOFILE;
	lim->pl_rlimit[RLIMIT_NOFILE].rlim_max = NOFILE;
	lim->pl_rlimit[RLIMIT_NPROC].rlim_cur = maxprocperuid;
	lim->pl_rlimit[RLIMIT_NPROC].rlim_max = maxprocperuid;
	lim->pl_rlimit[RLIMIT_STACK].rlim_cur = 8UL << 20;
	lim->pl_rlimit[RLIMIT_STACK].rlim_max = 8UL << 20;
}

rlim_t
lim_cur(struct proc *p, int which)
{
	return (p->p_limit->pl_rlimit[which].rlim_cur);
}

int
sys_getrlimit(struct proc *p, struct getrlimit_args *uap)
{
	struct rlimit rl;

	if (uap->which >= RLIM_NLIMITS)
		return (EINVAL);
	rl = p->p_limit->pl_rlimit[uap->which];
	return (copyout(&rl, uap->rlp, sizeof(rl)));
}

/*
 * setrlimit: only root raises a hard limit; the soft one stays at or
 * below the hard one.  RLIMIT_NPROC is clamped to [1, maxprocperuid] and
 * RLIMIT_NOFILE to [1, NOFILE], as FreeBSD clamps them to its maxima.
 */
int
sys_setrlimit(struct proc *p, struct setrlimit_args *uap)
{
	struct plimit *lim = p->p_limit, *nlim;
	struct rlimit rl;
	rlim_t top;
	int error;

	if (uap->which >= RLIM_NLIMITS)
		return (EINVAL);
	if ((error = copyin(uap->rlp, &rl, sizeof(rl))) != 0)
		return (error);
	if (rl.rlim_cur < 0 || rl.rlim_max < 0 || rl.rlim_cur > rl.rlim_max)
		return (EINVAL);
	if (rl.rlim_max > lim->pl_rlimit[uap->which].rlim_max &&
	    (error = priv_check_cred(p->p_ucred, PRIV_ROOT)) != 0)
		return (error);
	if (uap->which == RLIMIT_NPROC || uap->which == RLIMIT_NOFILE) {
		top = uap->which == RLIMIT_NPROC ? maxprocperuid : NOFILE;
		rl.rlim_cur = MAX(MIN(rl.rlim_cur, top), 1);
		rl.rlim_max = MAX(MIN(rl.rlim_max, top), 1);
	}
	if (__atomic_load_n(&lim->pl_refcnt, __ATOMIC_RELAXED) > 1) {
		if ((nlim = lim_alloc()) == NULL)
			return (ENOMEM);
		memcpy(nlim->pl_rlimit, lim->pl_rlimit,
		    sizeof(nlim->pl_rlimit));
		p->p_limit = nlim;
		lim_free(lim);
		lim = nlim;
	}
	lim->pl_rlimit[uap->which] = rl;
	return (0);
}

static struct uidinfo *
uifind(uid_t uid, int create)
{
	struct uidinfo *ui;

	for (ui = uihead; ui != NULL; ui = ui->ui_next)
		if (ui->ui_uid == uid)
			return (ui);
	if (!create || (ui = malloc(sizeof(*ui), M_ZERO)) == NULL)
		return (NULL);
	ui->ui_uid = uid;
	ui->ui_next = uihead;
	uihead = ui;
	return (ui);
}

/*
 * Count diff more (or fewer) processes for uid.  With diff > 0 and the
 * count past max, change nothing and return EAGAIN.  ENOMEM if a new
 * uid's record cannot be made.
 */
int
chgproccnt(uid_t uid, int diff, rlim_t max)
{
	struct uidinfo *ui, **up;
	int error = 0;

	spin_lock(&uidinfo_lock);
	if ((ui = uifind(uid, diff > 0)) == NULL)
		error = diff > 0 ? ENOMEM : 0;
	else if (diff > 0 && (rlim_t)(ui->ui_proccnt + diff) > max)
		error = EAGAIN;
	else {
		ui->ui_proccnt += diff;
		KASSERT(ui->ui_proccnt >= 0, "negative process count");
		if (ui->ui_proccnt == 0) {
			for (up = &uihead; *up != ui; up = &(*up)->ui_next)
				;
			*up = ui->ui_next;
			free(ui);
		}
	}
	spin_unlock(&uidinfo_lock);
	return (error);
}

int
uid_proccnt(uid_t uid)
{
	struct uidinfo *ui;
	int n;

	spin_lock(&uidinfo_lock);
	ui = uifind(uid, 0);
	n = ui != NULL ? ui->ui_proccnt : 0;
	spin_unlock(&uidinfo_lock);
	return (n);
}
