/*
 * kern_sysctl.c: named kernel variables, read and set with
 * sysctlbyname(2).  Nodes come from the set_sysctl linker set and are
 * sorted by name at boot, which gives "sysctl -a" its order.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "malloc.h"
#include "proc.h"
#include "ucred.h"
#include "sysctl.h"
#include "vm_page.h"
#include "sysproto.h"

#define	SYSCTL_NAMELEN	128

extern struct sysctl_oid *__start_set_sysctl[], *__stop_set_sysctl[];

static int
oid_count(void)
{
	return (__stop_set_sysctl - __start_set_sysctl);
}

/* Sort the set by name (insertion sort: a few dozen nodes, once). */
void
sysctl_init(void)
{
	struct sysctl_oid **set = __start_set_sysctl;
	int n = oid_count(), i, j;

	for (i = 1; i < n; i++) {
		struct sysctl_oid *o = set[i];

		for (j = i; j > 0 && strcmp(set[j - 1]->oid_name,
		    o->oid_name) > 0; j--)
			set[j] = set[j - 1];
		set[j] = o;
	}
}

static struct sysctl_oid *
sysctl_find(const char *name)
{
	int i;

	for (i = 0; i < oid_count(); i++)
		if (strcmp(__start_set_sysctl[i]->oid_name, name) == 0)
			return (__start_set_sysctl[i]);
	return (NULL);
}

/*
 * Hand len bytes to the caller.  The needed size is counted even when
 * the buffer is absent or too small (then ENOMEM), as FreeBSD does, so
 * a first call with no buffer learns the size.
 */
int
sysctl_out(struct sysctl_req *req, const void *buf, size_t len)
{
	int error = 0;

	if (req->oldp != NULL) {
		if (req->oldidx + len > req->oldlen)
			error = ENOMEM;
		else
			error = copyout(buf, (char *)req->oldp + req->oldidx,
			    len);
	}
	req->oldidx += len;
	return (error);
}

int
sysctl_in(struct sysctl_req *req, void *buf, size_t len)
{
	if (req->newlen != len)
		return (EINVAL);
	return (copyin(req->newp, buf, len));
}

int
sysctl_handle_int(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	int *ptr = oidp->oid_arg, val = *ptr, error;

	if ((error = sysctl_out(req, &val, sizeof(val))) != 0 ||
	    req->newp == NULL)
		return (error);
	if ((error = sysctl_in(req, &val, sizeof(val))) != 0)
		return (error);
	if (val < oidp->oid_min || val > oidp->oid_max)
		return (EINVAL);
	*ptr = val;
	return (0);
}

int
sysctl_handle_ulong(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	unsigned long val = *(volatile unsigned long *)oidp->oid_arg;
	int error;

	if ((error = sysctl_out(req, &val, sizeof(val))) != 0 ||
	    req->newp == NULL)
		return (error);
	if ((error = sysctl_in(req, &val, sizeof(val))) != 0)
		return (error);
	*(unsigned long *)oidp->oid_arg = val;
	return (0);
}

int
sysctl_handle_string(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	const char *s = oidp->oid_arg;

	return (sysctl_out(req, s, strlen(s) + 1));
}

/* "sysctl.next": the node after the one named by the new value. */
static int
sysctl_next(struct sysctl_oid *oidp, struct sysctl_req *req)
{
	char prev[SYSCTL_NAMELEN];
	int i, error;

	prev[0] = '\0';
	if (req->newp != NULL) {
		if (req->newlen >= sizeof(prev))
			return (EINVAL);
		if ((error = copyin(req->newp, prev, req->newlen)) != 0)
			return (error);
		prev[req->newlen] = '\0';
	}
	for (i = 0; i < oid_count(); i++) {
		const char *name = __start_set_sysctl[i]->oid_name;

		if (strcmp(name, prev) > 0 && strcmp(name,
		    SYSCTL_NEXT_NAME) != 0)
			return (sysctl_out(req, name, strlen(name) + 1));
	}
	return (ENOENT);
}
SYSCTL_PROC(SYSCTL_NEXT_NAME, CTLTYPE_STRING, CTLFLAG_RD, NULL, sysctl_next,
    "the node after the given name (enumeration)");

/*
 * sysctlbyname(name, namelen, old, oldlenp, new, newlen).  ENOENT for an
 * unknown name; EPERM to write a read-only node, or as a user.
 */
int
sys_sysctlbyname(struct proc *p, struct sysctlbyname_args *uap)
{
	char name[SYSCTL_NAMELEN];
	struct sysctl_oid *oidp;
	struct sysctl_req req;
	int error;

	if (uap->namelen == 0)
		return (ENOENT);		/* no node has the empty name */
	if (uap->namelen >= sizeof(name))
		return (ENAMETOOLONG);
	if ((error = copyin(uap->name, name, uap->namelen)) != 0)
		return (error);
	name[uap->namelen] = '\0';
	if ((oidp = sysctl_find(name)) == NULL)
		return (ENOENT);

	memset(&req, 0, sizeof(req));
	req.p = p;
	if (uap->oldlenp != NULL &&
	    (error = copyin(uap->oldlenp, &req.oldlen, sizeof(size_t))) != 0)
		return (error);
	if (uap->old != NULL && uap->oldlenp == NULL)
		return (EINVAL);
	req.oldp = uap->old;
	if (uap->new != NULL && oidp->oid_handler != sysctl_next) {
		if (!(oidp->oid_flags & CTLFLAG_WR))
			return (EPERM);
		if ((error = priv_check_cred(p->p_ucred,
		    PRIV_SYSCTL_WRITE)) != 0)
			return (error);
	}
	req.newp = uap->new;
	req.newlen = uap->newlen;
	error = oidp->oid_handler(oidp, &req);
	if (uap->oldlenp != NULL) {
		int error2 = copyout(&req.oldidx, uap->oldlenp,
		    sizeof(size_t));

		if (error == 0)
			error = error2;
	}
	return (error);
}

/* Nodes of the base system. */
static char ostype[] = "teachos";
SYSCTL_STRING("kern.ostype", ostype, "operating system type");
SYSCTL_ULONG("vm.stats.vm.v_free_count", CTLFLAG_RD, &v_free_count,
    "free physical pages");
SYSCTL_ULONG("vm.stats.vm.v_page_count", CTLFLAG_RD, &v_page_count,
    "physical pages managed");
SYSCTL_ULONG("vm.stats.vm.v_zero_count", CTLFLAG_RD, &v_zero_count,
    "free pages zeroed by the pagezero process");
SYSCTL_ULONG("vm.stats.vm.v_zero_hits", CTLFLAG_RD, &v_zero_hits,
    "zeroed allocations that found the work done");
SYSCTL_INT("kern.nprocs", CTLFLAG_RD, &nprocs, 0, 0,
    "processes in the table, zombies and kernel processes included");
