/*
 * kern_prot.c: credentials and the system calls that read and change
 * them.  A process that changes its ids gets a private ucred (crcopy) and
 * drops the shared one.  Rules as FreeBSD's kern_prot.c: root may set
 * any id; others may set an id only to their real or saved one.
 */
#include "types.h"
#include "systm.h"
#include "malloc.h"
#include "proc.h"
#include "ucred.h"
#include "sysproto.h"
#include "resourcevar.h"

struct ucred *
crget(void)
{
	struct ucred *cr = malloc(sizeof(*cr), M_ZERO);

	if (cr != NULL)
		cr->cr_ref = 1;
	return (cr);
}

struct ucred *
crhold(struct ucred *cr)
{
	__atomic_add_fetch(&cr->cr_ref, 1, __ATOMIC_RELAXED);
	return (cr);
}

void
crfree(struct ucred *cr)
{
	if (__atomic_sub_fetch(&cr->cr_ref, 1, __ATOMIC_ACQ_REL) == 0)
		free(cr);
}

struct ucred *
crcopy(struct ucred *cr)
{
	struct ucred *ncr = crget();

	if (ncr != NULL) {
		*ncr = *cr;
		ncr->cr_ref = 1;
	}
	return (ncr);
}

/* Every privilege is root's in this kernel; one place to change that. */
int
priv_check_cred(struct ucred *cr, int priv)
{
	return (cr->cr_uid == 0 ? 0 : EPERM);
}

/*
 * Install a modified copy of p's credentials.  A new real uid takes the
 * process with it in the per-uid counts, as FreeBSD's proc_set_cred.
 */
static void
proc_set_cred(struct proc *p, struct ucred *ncr)
{
	struct ucred *old = p->p_ucred;

	if (ncr->cr_ruid != old->cr_ruid) {
		(void)chgproccnt(ncr->cr_ruid, 1, RLIM_INFINITY);
		(void)chgproccnt(old->cr_ruid, -1, 0);
	}
	p->p_ucred = ncr;
	crfree(old);
}

int
sys_getuid(struct proc *p, struct getuid_args *uap)
{
	p->p_retval[0] = p->p_ucred->cr_ruid;
	return (0);
}

int
sys_geteuid(struct proc *p, struct geteuid_args *uap)
{
	p->p_retval[0] = p->p_ucred->cr_uid;
	return (0);
}

int
sys_getgid(struct proc *p, struct getgid_args *uap)
{
	p->p_retval[0] = p->p_ucred->cr_rgid;
	return (0);
}

int
sys_getegid(struct proc *p, struct getegid_args *uap)
{
	p->p_retval[0] = p->p_ucred->cr_gid;
	return (0);
}

int
sys_getpid(struct proc *p, struct getpid_args *uap)
{
	p->p_retval[0] = p->p_pid;
	return (0);
}

int
sys_getppid(struct proc *p, struct getppid_args *uap)
{
	spin_lock(&proctree_lock);
	p->p_retval[0] = p->p_pptr != NULL ? p->p_pptr->p_pid : 0;
	spin_unlock(&proctree_lock);
	return (0);
}

int
sys_setuid(struct proc *p, struct setuid_args *uap)
{
	struct ucred *cr = p->p_ucred, *ncr;
	uid_t uid = uap->uid;
	int priv = priv_check_cred(cr, PRIV_CRED_SETUID) == 0;

	if (uid != cr->cr_ruid && uid != cr->cr_svuid && !priv)
		return (EPERM);
	if ((ncr = crcopy(cr)) == NULL)
		return (ENOMEM);
	if (uid == cr->cr_ruid || priv) {
		ncr->cr_ruid = uid;
		ncr->cr_svuid = uid;
	}
	ncr->cr_uid = uid;
	proc_set_cred(p, ncr);
	return (0);
}

int
sys_seteuid(struct proc *p, struct seteuid_args *uap)
{
	struct ucred *cr = p->p_ucred, *ncr;
	uid_t euid = uap->euid;

	if (euid != cr->cr_ruid && euid != cr->cr_svuid &&
	    priv_check_cred(cr, PRIV_CRED_SETUID) != 0)
		return (EPERM);
	if ((ncr = crcopy(cr)) == NULL)
		return (ENOMEM);
	ncr->cr_uid = euid;
	proc_set_cred(p, ncr);
	return (0);
}

int
sys_setgid(struct proc *p, struct setgid_args *uap)
{
	struct ucred *cr = p->p_ucred, *ncr;
	gid_t gid = uap->gid;
	int priv = priv_check_cred(cr, PRIV_CRED_SETGID) == 0;

	if (gid != cr->cr_rgid && gid != cr->cr_svgid && !priv)
		return (EPERM);
	if ((ncr = crcopy(cr)) == NULL)
		return (ENOMEM);
	if (gid == cr->cr_rgid || priv) {
		ncr->cr_rgid = gid;
		ncr->cr_svgid = gid;
	}
	ncr->cr_gid = gid;
	proc_set_cred(p, ncr);
	return (0);
}

int
sys_setegid(struct proc *p, struct setegid_args *uap)
{
	struct ucred *cr = p->p_ucred, *ncr;
	gid_t egid = uap->egid;

	if (egid != cr->cr_rgid && egid != cr->cr_svgid &&
	    priv_check_cred(cr, PRIV_CRED_SETGID) != 0)
		return (EPERM);
	if ((ncr = crcopy(cr)) == NULL)
		return (ENOMEM);
	ncr->cr_gid = egid;
	proc_set_cred(p, ncr);
	return (0);
}
