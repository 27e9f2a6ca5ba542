/*
 * trap.h: the trap frame, saved by exception.S on every trap.
 *
 * A trap from user mode saves the user registers at the top of the
 * process's own kernel stack (p_frame); sscratch points there while the
 * process runs in user mode, and is 0 while the hart is in the kernel.
 * The word just above the frame holds the hart's pcpu pointer, stored on
 * the way out to user mode, so the entry code can reload tp.
 * Offsets are used by exception.S: keep TF_* in step with the struct.
 */
#ifndef _TRAP_H_
#define _TRAP_H_

#ifndef __ASSEMBLER__
#include "types.h"

struct trapframe {
	uint64	tf_ra;		/* x1 */
	uint64	tf_sp;		/* x2 */
	uint64	tf_gp;		/* x3 */
	uint64	tf_tp;		/* x4 */
	uint64	tf_t[7];	/* x5-x7, x28-x31 */
	uint64	tf_s[12];	/* x8-x9, x18-x27 */
	uint64	tf_a[8];	/* x10-x17 */
	uint64	tf_sepc;
	uint64	tf_sstatus;
	uint64	tf_stval;
	uint64	tf_scause;
};

void	trap_init(void);
void	trap_init_hart(void);
void	do_trap_user(struct trapframe *tf);
void	do_trap_kernel(struct trapframe *tf);
void	userret(struct trapframe *tf) __noreturn;	/* back to user mode */
void	exception_return_user(struct trapframe *tf) __noreturn;
void	dump_trapframe(struct trapframe *tf);
void	backtrace(uint64 fp);
#endif

#define	TF_RA		(0 * 8)
#define	TF_SP		(1 * 8)
#define	TF_GP		(2 * 8)
#define	TF_TP		(3 * 8)
#define	TF_T		(4 * 8)
#define	TF_S		(11 * 8)
#define	TF_A		(23 * 8)
#define	TF_SEPC		(31 * 8)
#define	TF_SSTATUS	(32 * 8)
#define	TF_STVAL	(33 * 8)
#define	TF_SCAUSE	(34 * 8)
#define	TF_SIZE		(36 * 8)	/* 35 words, rounded to 16 bytes */
#define	TF_PCPU		TF_SIZE		/* pcpu pointer above the frame */
#define	TF_AREA		(TF_SIZE + 16)	/* frame + pcpu slot, 16-aligned */

#endif /* !_TRAP_H_ */
