/*
 * kern_exec.c: execve(2).  Builds a fresh address space from an ELF
 * executable, with the argument and environment strings on a new stack,
 * and only then replaces the old one: a failed exec returns to the
 * caller with everything as it was.
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "memlayout.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "trap.h"
#include "vm_page.h"
#include "vm_map.h"
#include "file.h"
#include "fs.h"
#include "uio.h"
#include "elf.h"
#include "ucred.h"
#include "malloc.h"
#include "sysproto.h"
#include "signalvar.h"
#include "fork.h"
#include <sys/stat.h>
#include <sys/mman.h>

#define	EXEC_ARG_PAGES	(ARG_MAX / PGSIZE)

/* The argument and environment strings, copied in back to back. */
struct exec_args {
	char	*page[EXEC_ARG_PAGES];
	size_t	len;		/* bytes used, NULs included */
	int	argc;
	int	envc;
};

static void
exec_args_free(struct exec_args *ea)
{
	int i;

	for (i = 0; i < EXEC_ARG_PAGES; i++)
		if (ea->page[i] != NULL)
			kmem_free_page(ea->page[i]);
}

/* Append one user string; it may straddle two pages.  E2BIG if full. */
static int
exec_args_add_string(struct exec_args *ea, const char *ustr)
{
	size_t done;
	int error;

	for (;;) {
		size_t pg = ea->len / PGSIZE, off = ea->len % PGSIZE;

		if (pg >= EXEC_ARG_PAGES)
			return (E2BIG);
		if (ea->page[pg] == NULL &&
		    (ea->page[pg] = kmem_alloc_page()) == NULL)
			return (ENOMEM);
		done = 0;
		error = copyinstr(ustr, ea->page[pg] + off, PGSIZE - off,
		    &done);
		ea->len += done;
		ustr += done;
		if (error != ENAMETOOLONG)
			return (error);
	}
}

/* Copy a NULL-terminated user vector of strings; returns the count. */
static int
exec_args_add_vector(struct exec_args *ea, char *const *uvec, int *countp)
{
	long uptr;
	int error, n = 0;

	if (uvec == NULL) {
		*countp = 0;
		return (0);
	}
	for (;;) {
		if ((error = fueword(&uvec[n], &uptr)) != 0)
			return (error);
		if (uptr == 0)
			break;
		if (ea->argc + ea->envc + n >= MAXARG)
			return (E2BIG);
		if ((error = exec_args_add_string(ea, (char *)uptr)) != 0)
			return (error);
		n++;
	}
	*countp = n;
	return (0);
}

static int
exec_read(struct inode *ip, void *buf, size_t len, off_t off)
{
	struct uio uio;
	int error;

	uio.uio_base = buf;
	uio.uio_resid = len;
	uio.uio_offset = off;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_rw = UIO_READ;
	if ((error = readi(ip, &uio)) != 0)
		return (error);
	return (uio.uio_resid == 0 ? 0 : ENOEXEC);
}

static int
elf_prot(uint32 flags)
{
	int prot = 0;

	if (flags & PF_R)
		prot |= VM_PROT_READ;
	if (flags & PF_W)
		prot |= VM_PROT_WRITE;
	if (flags & PF_X)
		prot |= VM_PROT_EXECUTE;
	return (prot);
}

/* Map one PT_LOAD segment into vm and read its file bytes in. */
static int
exec_load_segment(struct vmspace *vm, struct inode *ip,
    struct elf64_phdr *ph)
{
	vaddr_t start = trunc_page(ph->p_vaddr);
	vaddr_t end = round_page(ph->p_vaddr + ph->p_memsz);
	vaddr_t va;
	int error;

	if (ph->p_memsz < ph->p_filesz || ph->p_vaddr + ph->p_memsz <
	    ph->p_vaddr || end > USRSTACK - PGSIZE ||
	    ph->p_vaddr < USER_TEXT_BASE)
		return (ENOEXEC);
	error = vm_map_insert(vm, start, end, elf_prot(ph->p_flags),
	    INHERIT_COPY, (ph->p_flags & PF_W) ? 0 : MAP_ENTRY_TEXT);
	if (error != 0)
		return (error == EINVAL ? ENOEXEC : error);
	for (va = ph->p_vaddr; va < ph->p_vaddr + ph->p_filesz;) {
		size_t n = MIN(PGSIZE - (va & PGOFSET),
		    ph->p_vaddr + ph->p_filesz - va);
		paddr_t pa = vm_map_wire_page(vm, va);

		if (pa == 0)
			return (ENOMEM);
		error = exec_read(ip, (void *)(PHYS_TO_DMAP(pa) +
		    (va & PGOFSET)), n,
		    ph->p_offset + (va - ph->p_vaddr));
		if (error != 0)
			return (error);
		va += n;
	}
	return (0);
}

/*
 * Read the ELF file into a new address space: its segments, a heap
 * after the highest one, nothing else yet.  *entryp gets the entry.
 */
static int
exec_load_elf(struct vmspace *vm, struct inode *ip, uint64 *entryp)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	vaddr_t top = 0;
	int i, error;

	if (exec_read(ip, &eh, sizeof(eh), 0) != 0 ||
	    eh.e_magic != ELF_MAGIC || eh.e_class != ELFCLASS64 ||
	    eh.e_data != ELFDATA2LSB || eh.e_type != ET_EXEC ||
	    eh.e_machine != EM_RISCV || eh.e_phentsize != sizeof(ph) ||
	    eh.e_phnum > 16)
		return (ENOEXEC);
	for (i = 0; i < eh.e_phnum; i++) {
		if (exec_read(ip, &ph, sizeof(ph), eh.e_phoff + i *
		    sizeof(ph)) != 0)
			return (ENOEXEC);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if ((error = exec_load_segment(vm, ip, &ph)) != 0)
			return (error);
		top = MAX(top, round_page(ph.p_vaddr + ph.p_memsz));
	}
	if (top == 0)
		return (ENOEXEC);
	vm->vm_daddr = top;
	vm->vm_brk = top;
	if ((error = vm_map_insert(vm, top, top + PGSIZE, VM_PROT_RW,
	    INHERIT_COPY, MAP_ENTRY_HEAP)) != 0)
		return (error);
	*entryp = eh.e_entry;
	return (0);
}

/*
 * Make the stack and lay out on it, from the top down: the strings,
 * then envp[] and argv[] (NULL-terminated), 16-byte aligned.
 * *spp, *argvp, *envpp get the user addresses.
 */
static int
exec_copyout_args(struct vmspace *vm, struct exec_args *ea, vaddr_t *spp,
    vaddr_t *argvp, vaddr_t *envpp)
{
	int nptr = ea->argc + 1 + ea->envc + 1, i, error;
	vaddr_t strings = (USRSTACK - ea->len) & ~15UL;
	vaddr_t vec = (strings - nptr * sizeof(uint64)) & ~15UL;
	size_t off;
	vaddr_t s;

	/* The whole stack region exists at once; pages come on first touch. */
	if (USRSTACK - vec + USTACK_PAGES * PGSIZE > MAXSSIZ)
		return (E2BIG);
	error = vm_map_insert(vm, USRSTACK - MAXSSIZ, USRSTACK, VM_PROT_RW,
	    INHERIT_COPY, MAP_ENTRY_STACK);
	if (error != 0)
		return (error);
	for (off = 0; off < ea->len; off += PGSIZE) {
		size_t n = MIN(PGSIZE, ea->len - off);

		error = vmspace_copyout(vm, strings + off,
		    ea->page[off / PGSIZE], n);
		if (error != 0)
			return (error);
	}
	/* One pointer per string, in order; a NULL after argv and envp. */
	s = strings;
	for (i = 0; i < nptr; i++) {
		uint64 ptr = 0;

		if (i != ea->argc && i != nptr - 1) {
			ptr = s;
			off = s - strings;
			while (ea->page[off / PGSIZE][off % PGSIZE] != '\0')
				off++;
			s = strings + off + 1;
		}
		error = vmspace_copyout(vm, vec + i * sizeof(uint64), &ptr,
		    sizeof(ptr));
		if (error != 0)
			return (error);
	}
	*spp = vec;
	*argvp = vec;
	*envpp = vec + (ea->argc + 1) * sizeof(uint64);
	return (0);
}

/*
 * The point of no return: switch p to the new image.  The old address
 * space goes; an fd table shared with other processes is unshared first
 * (as FreeBSD's exec does) so that close-on-exec affects only p.
 */
static void
exec_commit(struct proc *p, struct vmspace *vm, const char *path)
{
	const char *name;

	vmspace_free(vmspace_install(p, vm));

	if (__atomic_load_n(&p->p_fd->fd_refcnt, __ATOMIC_RELAXED) > 1) {
		struct filedesc *copy = fdcopy(p->p_fd);

		if (copy != NULL) {
			fdfree(p->p_fd);
			p->p_fd = copy;
		}
	}
	fdcloseexec(p->p_fd);
	execsigs(p);
	spin_lock(&p->p_lock);
	p->p_flag |= P_EXEC;		/* setpgid from the parent: EACCES */
	spin_unlock(&p->p_lock);
	/* LAB vfork: begin
	 * The exec has succeeded and the child has its own address space
	 * now: let a vfork parent run again.
	 */
	vfork_release(p);		/* a vfork parent runs again */
	/* LAB vfork: end */

	name = path;
	for (const char *c = path; *c != '\0'; c++)
		if (*c == '/' && c[1] != '\0')
			name = c + 1;
	strlcpy(p->p_comm, name, sizeof(p->p_comm));
}

int
kern_execve(struct proc *p, const char *upath, char *const *uargv,
    char *const *uenvv)
{
	struct exec_args *ea;
	struct vmspace *vm = NULL;
	struct inode *ip;
	struct trapframe *tf = p->p_frame;
	char *path;
	uint64 entry = 0;
	vaddr_t sp = 0, argv = 0, envp = 0;
	int error;

	if ((path = malloc(MAXPATH, 0)) == NULL)
		return (ENOMEM);
	if ((ea = malloc(sizeof(*ea), M_ZERO)) == NULL) {
		free(path);
		return (ENOMEM);
	}
	if ((error = copyinstr(upath, path, MAXPATH, NULL)) != 0)
		goto out;
	if (uargv == NULL) {
		error = EFAULT;
		goto out;
	}
	if ((error = exec_args_add_vector(ea, uargv, &ea->argc)) != 0)
		goto out;
	if ((error = exec_args_add_vector(ea, uenvv, &ea->envc)) != 0)
		goto out;

	begin_op();
	if ((ip = namei(path, &error)) == NULL) {
		end_op();
		goto out;
	}
	ilock(ip);
	if (!S_ISREG(ip->i_mode))
		error = EACCES;
	else
		error = inode_access(ip, VEXEC, p->p_ucred);
	if (error == 0 && (vm = vmspace_alloc()) == NULL)
		error = ENOMEM;
	if (error == 0)
		error = exec_load_elf(vm, ip, &entry);
	iunlockput(ip);
	end_op();
	if (error == 0)
		error = exec_copyout_args(vm, ea, &sp, &argv, &envp);
	if (error == 0)
		error = sigcode_map(p, vm);
	if (error != 0) {
		if (vm != NULL)
			vmspace_free(vm);
		goto out;
	}

	exec_commit(p, vm, path);
	memset(tf, 0, sizeof(*tf));
	tf->tf_sepc = entry;
	tf->tf_sp = sp;
	tf->tf_a[0] = ea->argc;
	tf->tf_a[1] = argv;
	tf->tf_a[2] = envp;
	error = EJUSTRETURN;
out:
	exec_args_free(ea);
	free(ea);
	free(path);
	return (error);
}

int
sys_execve(struct proc *p, struct execve_args *uap)
{
	return (kern_execve(p, uap->fname, uap->argv, uap->envv));
}
