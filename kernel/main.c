/*
 * main.c: boot.  The boot hart (any hart: OpenSBI picks it by lottery)
 * arrives in boot_main() from locore.S with paging on; it reads the
 * device tree, sets up memory, devices and the process table, makes init
 * and starts the other harts, then becomes a scheduler like them.
 */
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "memlayout.h"
#include "systm.h"
#include "pcpu.h"
#include "proc.h"
#include "trap.h"
#include "sbi.h"
#include "fdt.h"
#include "vm_page.h"
#include "pmap.h"
#include "vm_map.h"
#include "malloc.h"
#include "plic.h"
#include "clock.h"
#include "console.h"
#include "file.h"
#include "buf.h"
#include "fs.h"
#include "ucred.h"
#include "fork.h"
#include "sysctl.h"
#include "signalvar.h"
#include "resourcevar.h"
#include <sys/unistd.h>
#include <sys/mman.h>

extern char kernel_end[];
extern char secondary_start[];
extern char trap_vector[];

void	proc_init(void);
void	fork_init(void);
void	rtc_init(void);
void	virtio_blk_init(void);
void	devnull_init(void);
int	kern_execve(struct proc *p, const char *path, char *const *argv,
	    char *const *envv);

static int hw_ncpu;
SYSCTL_INT("hw.ncpu", CTLFLAG_RD, &hw_ncpu, 0, 0, "harts running");
static unsigned long hw_physmem;
SYSCTL_ULONG("hw.physmem", CTLFLAG_RD, &hw_physmem, "bytes of RAM");

/*
 * init's first moments, in process context: mount the root file system
 * (log recovery may sleep), take / as the current directory, and exec
 * /bin/init.  The exec's frame takes it to user mode.
 */
static void
start_init(void *arg, struct trapframe *frame)
{
	struct proc *p = curproc;
	static const char path[] = "/bin/init";
	vaddr_t page = USER_TEXT_BASE, uargv[2];
	int error;

	/* Init leads session 1, whose controlling terminal is the console. */
	spin_lock(&proctree_lock);
	if (enterpgrp(p, p->p_pid, 1) != 0)
		panic("start_init: no memory for init's session");
	p->p_flag |= P_TREE_REAPER;
	spin_unlock(&proctree_lock);
	console_set_session(p->p_pid, p->p_pid);

	fs_mountroot();
	p->p_pwd = pwd_alloc(fs_rootvnode());
	if (p->p_pwd == NULL)
		panic("start_init: no memory for init's directory");
	/*
	 * exec reads its arguments from user memory, so put them in a page
	 * of init's (still empty) address space, as FreeBSD's start_init
	 * does; the exec then replaces that address space.
	 */
	uargv[0] = page;
	uargv[1] = 0;
	if (vm_map_insert(p->p_vmspace, page, page + PGSIZE, VM_PROT_RW,
	    INHERIT_COPY, 0) ||
	    vmspace_copyout(p->p_vmspace, page, path, sizeof(path)) ||
	    vmspace_copyout(p->p_vmspace, page + 64, uargv, sizeof(uargv)))
		panic("start_init: cannot set up init's arguments");
	error = kern_execve(p, (char *)page, (char *const *)(page + 64),
	    NULL);
	if (error != EJUSTRETURN)
		panic("cannot exec %s: error %d", path, error);
}

/* proc0: the kernel, parent of init and of the kernel processes. */
static void
proc0_init(void)
{
	spinlock_init(&proc0.p_lock, "proc0");
	proc0.p_pid = 0;
	proc0.p_state = PRS_RUNNING;
	proc0.p_flag = P_SYSTEM;
	strlcpy(proc0.p_comm, "kernel", sizeof(proc0.p_comm));
	proc0.p_ucred = crget();
	proc0.p_vmspace = vmspace_alloc();
	proc0.p_fd = fdinit();
	proc0.p_sigacts = sigacts_alloc();
	proc0.p_limit = lim_alloc();
	if (proc0.p_ucred == NULL || proc0.p_vmspace == NULL ||
	    proc0.p_fd == NULL || proc0.p_sigacts == NULL ||
	    proc0.p_limit == NULL)
		panic("proc0_init: out of memory");
	lim_init0(proc0.p_limit);
	/* Kernel processes that end are reaped by init, not proc0. */
	proc0.p_sigacts->ps_flag |= PS_NOCLDWAIT;
}

static void
create_init(void)
{
	struct fork_req fr;
	struct proc *p;
	int error;

	memset(&fr, 0, sizeof(fr));
	fr.fr_flags = RFFDG | RFPROC | RFSTOPPED;
	fr.fr_procp = &p;
	fr.fr_func = start_init;
	if ((error = fork1(&proc0, &fr)) != 0)
		panic("cannot make init: error %d", error);
	KASSERT(p->p_pid == 1, "init is not pid 1");
	strlcpy(p->p_comm, "init", sizeof(p->p_comm));
	initproc = p;
	spin_lock(&p->p_lock);
	setrunnable(p);
	spin_unlock(&p->p_lock);
}

/* A kernel process made through fork1, as kproc_create does on FreeBSD. */
static void
start_pagezero(void)
{
	struct proc *p;
	int error;

	if ((error = kproc_create(vm_pagezero, NULL, &p, "pagezero")) != 0)
		panic("cannot make the pagezero process: error %d", error);
	spin_lock(&p->p_lock);
	setrunnable(p);
	spin_unlock(&p->p_lock);
}

static void
start_other_harts(int boot_hartid)
{
	int i, idx = 1;

	for (i = 0; i < bootinfo.nharts && idx < MAXCPU; i++) {
		int hartid = bootinfo.hartids[i];

		if (hartid == boot_hartid)
			continue;
		pcpu[idx].pc_hartid = hartid;
		pcpu[idx].pc_cpuid = idx;
		if (sbi_hart_start(hartid, DMAP_TO_PHYS((vaddr_t)secondary_start),
		    idx) == 0)
			idx++;
		else
			printf("teachos: hart %d did not start\n", hartid);
	}
	ncpu = idx;
	hw_ncpu = ncpu;
}

void
boot_main(uint64 hartid, paddr_t dtb_pa)
{
	paddr_t kend = round_page(DMAP_TO_PHYS((vaddr_t)kernel_end));
	paddr_t ram_end;

	pcpu[0].pc_hartid = hartid;
	pcpu[0].pc_cpuid = 0;
	csr_write(stvec, (uint64)trap_vector);
	printf("\nteachos: booting on hart %d\n", (int)hartid);
	if (fdt_parse(dtb_pa) != 0)
		panic("unreadable device tree at %p", (void *)dtb_pa);
	ram_end = bootinfo.mem_start + bootinfo.mem_size;

	/* Memory: frames after the kernel, minus the device tree. */
	vm_page_startup(kend, ram_end);
	vm_page_reserve(trunc_page(bootinfo.dtb_start),
	    round_page(bootinfo.dtb_start + bootinfo.dtb_size));
	pmap_bootstrap(ram_end);
	malloc_init();
	hw_physmem = bootinfo.mem_size;

	trap_init_hart();
	plic_init();
	plic_init_hart();
	console_init();
	clock_init();
	rtc_init();
	printf("teachos: %lu MiB RAM, %d harts, timer %s, %lu free pages\n",
	    bootinfo.mem_size >> 20, bootinfo.nharts,
	    bootinfo.has_sstc ? "sstc" : "sbi", v_free_count);

	sysctl_init();
	binit();
	iinit();
	file_init();
	devnull_init();
	virtio_blk_init();
	proc_init();
	fork_init();
	sig_init();
	proc0_init();
	create_init();

	start_pagezero();
	start_other_harts(hartid);
	pcpu[0].pc_started = 1;
	clock_init_hart();
	scheduler();
}

void
secondary_main(uint64 hartid, uint64 idx)
{
	struct pcpu *pc = &pcpu[idx];

	__asm__ __volatile__("mv tp, %0" :: "r"(pc));
	pmap_activate_kernel();
	trap_init_hart();
	plic_init_hart();
	clock_init_hart();
	pc->pc_started = 1;
	scheduler();
}
