/*
 * ucred.h: credentials.  A ucred is immutable once shared: a process that
 * changes its ids makes a new one (crcopy) and drops its reference to the
 * old, so processes can share one ucred safely (FreeBSD's scheme).
 */
#ifndef _UCRED_H_
#define _UCRED_H_

#include "types.h"

struct ucred {
	int	cr_ref;		/* atomic reference count */
	uid_t	cr_uid;		/* effective user id */
	uid_t	cr_ruid;	/* real user id */
	uid_t	cr_svuid;	/* saved user id */
	gid_t	cr_gid;		/* effective group id */
	gid_t	cr_rgid;	/* real group id */
	gid_t	cr_svgid;	/* saved group id */
};

struct ucred	*crget(void);			/* new, ids 0, ref 1 */
struct ucred	*crhold(struct ucred *cr);	/* ref++ */
void		crfree(struct ucred *cr);	/* ref--, freed at 0 */
struct ucred	*crcopy(struct ucred *cr);	/* private copy, ref 1 */

/*
 * Privilege check, in one place (FreeBSD's priv_check): 0 if the
 * credential may do the privileged thing, else EPERM.
 */
#define	PRIV_ROOT		1	/* generic: needs euid 0 */
#define	PRIV_VFS_ADMIN		2	/* chmod/chown of others' files */
#define	PRIV_VFS_ACCESS		3	/* bypass file permission bits */
#define	PRIV_REBOOT		4
#define	PRIV_SYSCTL_WRITE	5
#define	PRIV_CRED_SETUID	6
#define	PRIV_CRED_SETGID	7
#define	PRIV_SIGNAL_OTHER	8
int	priv_check_cred(struct ucred *cr, int priv);

#endif /* !_UCRED_H_ */
