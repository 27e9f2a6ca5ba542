/* sys/procctl.h: procctl(2) commands, FreeBSD's values (reapers only). */
#ifndef _SYS_PROCCTL_H_
#define _SYS_PROCCTL_H_

#include <sys/types.h>

#define	PROC_REAP_ACQUIRE	2	/* become a reaper */
#define	PROC_REAP_RELEASE	3	/* stop being one */
#define	PROC_REAP_STATUS	4	/* struct procctl_reaper_status */

struct procctl_reaper_status {
	u_int	rs_flags;	/* REAPER_STATUS_* */
	u_int	rs_children;	/* children of the reaper */
	u_int	rs_descendants;	/* all processes in its subtree */
	pid_t	rs_reaper;	/* the reaper of the caller */
	pid_t	rs_pid;		/* a pid of a child, or -1 */
	u_int	rs_pad0[15];
};

#define	REAPER_STATUS_OWNED	0x00000001	/* the caller is a reaper */
#define	REAPER_STATUS_REALINIT	0x00000002	/* the reaper is init */

#endif /* !_SYS_PROCCTL_H_ */
