/* sys/unistd.h: rfork(2) flags, FreeBSD's values (sys/sys/unistd.h). */
#ifndef _SYS_UNISTD_H_
#define _SYS_UNISTD_H_

#define	RFNAMEG		(1<<0)	/* Plan 9: new name space; unimplemented */
#define	RFENVG		(1<<1)	/* Plan 9: copy environment; unimplemented */
#define	RFFDG		(1<<2)	/* copy the fd table */
#define	RFNOTEG		(1<<3)	/* Plan 9: note group; unimplemented */
#define	RFPROC		(1<<4)	/* make a new process */
#define	RFMEM		(1<<5)	/* share the address space */
#define	RFNOWAIT	(1<<6)	/* give the child to the reaper */
#define	RFCNAMEG	(1<<10)	/* Plan 9: unimplemented */
#define	RFCENVG		(1<<11)	/* Plan 9: unimplemented */
#define	RFCFDG		(1<<12)	/* child gets an empty fd table */
#define	RFTHREAD	(1<<13)	/* peer of a thread leader */
#define	RFSIGSHARE	(1<<14)	/* share signal actions */
#define	RFLINUXTHPN	(1<<16)	/* exit signal is SIGUSR1 */
#define	RFSTOPPED	(1<<17)	/* kernel only: child not made runnable */
#define	RFHIGHPID	(1<<18)	/* kernel only: pid from 10 up */
#define	RFTSIGZMB	(1<<19)	/* exit signal from bits 20-27 */
#define	RFTSIGSHIFT	20
#define	RFTSIGMASK	0xFF
#define	RFTSIGNUM(flags)	(((flags) >> RFTSIGSHIFT) & RFTSIGMASK)
#define	RFTSIGFLAGS(signum)	((signum) << RFTSIGSHIFT)
#define	RFPROCDESC	(1<<28)	/* kernel only here: return a descriptor */
#define	RFSPAWN		(1U<<31)	/* vfork, caught signals reset */
#define	RFPPWAIT	(1U<<31)	/* kernel: parent waits for exec/exit */
#define	RFFLAGS		(RFFDG | RFPROC | RFMEM | RFNOWAIT | RFCFDG | \
    RFTHREAD | RFSIGSHARE | RFLINUXTHPN | RFSTOPPED | RFHIGHPID | \
    RFTSIGZMB | RFPROCDESC | RFSPAWN | RFPPWAIT)
#define	RFKERNELONLY	(RFSTOPPED | RFHIGHPID | RFPROCDESC)

#endif /* !_SYS_UNISTD_H_ */
