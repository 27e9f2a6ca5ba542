/*
 * kern_syscall.c: the system call dispatcher.  The user stub puts the
 * number in t0 and the arguments in a0-a7 (FreeBSD's RISC-V ABI); the
 * result goes back in a0 (and a1) with t0 = 0, or the errno in a0 with
 * t0 = 1.  ERESTART backs sepc up so that the ecall runs again, and
 * EJUSTRETURN (exec) leaves the frame as the handler set it.
 */
#include "types.h"
#include "systm.h"
#include "proc.h"
#include "trap.h"
#include "sysproto.h"
#include "syscall_impl.h"
#include <sys/syscall.h>

void
syscall(struct proc *p, struct trapframe *tf)
{
	uint64 code = tf->tf_t[0];
	register_t args[8];
	int error, i;

	p->p_retval[0] = 0;
	p->p_retval[1] = tf->tf_a[1];
	if (code >= (uint64)nsysent || sysent[code].sy_call == NULL) {
		error = ENOSYS;
	} else {
		for (i = 0; i < 8; i++)
			args[i] = tf->tf_a[i];
		error = sysent[code].sy_call(p, args);
	}
	switch (error) {
	case 0:
		tf->tf_a[0] = p->p_retval[0];
		tf->tf_a[1] = p->p_retval[1];
		tf->tf_t[0] = 0;
		break;
	case ERESTART:
		tf->tf_sepc -= 4;
		break;
	case EJUSTRETURN:
		break;
	default:
		tf->tf_a[0] = error;
		tf->tf_t[0] = 1;
		break;
	}
}
