/*
 * sys/sysctl.h: the sysctl interface.  Nodes are looked up by name
 * (sysctlbyname); types are those of the table in kern_sysctl.c.
 */
#ifndef _SYS_SYSCTL_H_
#define _SYS_SYSCTL_H_

#include <sys/types.h>

#define	CTLTYPE_INT	1	/* int */
#define	CTLTYPE_ULONG	2	/* unsigned long */
#define	CTLTYPE_STRING	3	/* NUL-terminated string */
#define	CTLTYPE_OPAQUE	4	/* structures, e.g. kern.proc.all */

/*
 * kern.proc.all returns an array of these, one per process-table entry
 * in use (ours: a subset of FreeBSD's struct kinfo_proc).
 */
#define	KI_NAMELEN	20
struct kinfo_proc {
	pid_t	ki_pid;
	pid_t	ki_ppid;
	pid_t	ki_pgid;
	pid_t	ki_sid;
	uid_t	ki_uid;		/* effective */
	uid_t	ki_ruid;	/* real */
	int	ki_stat;	/* SIDL, SRUN, ... below */
	int	ki_flag;	/* P_* flags */
	long	ki_size;	/* bytes of user memory */
	char	ki_wmesg[8];	/* what it sleeps on */
	char	ki_comm[KI_NAMELEN];
};

/* ki_stat values, FreeBSD's. */
#define	SIDL	1	/* being created */
#define	SRUN	2	/* runnable or running */
#define	SSLEEP	3	/* sleeping */
#define	SSTOP	4	/* stopped */
#define	SZOMB	5	/* zombie */
#define	SWAIT	6
#define	SLOCK	7

/*
 * Enumeration (ours, standing in for FreeBSD's {0, 2} "next" oid):
 * reading "sysctl.next" with the previous name as the new value returns
 * the next name in table order; an empty previous name gives the first.
 */
#define	SYSCTL_NEXT_NAME	"sysctl.next"

#ifndef _KERNEL
int	sysctlbyname(const char *name, void *oldp, size_t *oldlenp,
	    const void *newp, size_t newlen);
#endif

#endif /* !_SYS_SYSCTL_H_ */
