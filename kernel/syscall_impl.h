/* syscall_impl.h: the system call dispatcher (kern_syscall.c). */
#ifndef _SYSCALL_IMPL_H_
#define _SYSCALL_IMPL_H_

struct proc;
struct trapframe;

void	syscall(struct proc *p, struct trapframe *tf);

#endif /* !_SYSCALL_IMPL_H_ */
