/*
 * pmap.c: Sv39 page tables (RISC-V privileged spec, section 4.4).
 *
 * The kernel's half of every address space is built once at boot: the
 * direct map of RAM and devices, and a table for the kernel stacks.  Each
 * user pmap copies the kernel's root entries 256-511, which point at those
 * shared tables, so kernel mappings made later below them (kernel stacks)
 * are seen by every pmap.
 */
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "param.h"
#include "systm.h"
#include "spinlock.h"
#include "vm_page.h"
#include "vm.h"
#include "pcpu.h"
#include "sbi.h"
#include "pmap.h"

#define	KERNEL_ROOT_FIRST	256	/* root entries of the upper half */

struct pmap kernel_pmap;

extern char kernel_start[], etext[], erodata[], kernel_end[];

static pt_entry_t *
pt_va(paddr_t pa)
{
	return ((pt_entry_t *)PHYS_TO_DMAP(pa));
}

static pt_entry_t
prot_to_pte(int prot, int user)
{
	pt_entry_t bits = PTE_V | PTE_A | PTE_D;

	if (prot & VM_PROT_READ)
		bits |= PTE_R;
	if (prot & VM_PROT_WRITE)
		bits |= PTE_R | PTE_W;
	if (prot & VM_PROT_EXECUTE)
		bits |= PTE_X;
	if (user)
		bits |= PTE_U;
	else
		bits |= PTE_G;
	return (bits);
}

/*
 * Find the leaf PTE for va at level 0 (4 KiB), allocating missing tables
 * if alloc.  NULL if absent, or if a table cannot be allocated.  Counts
 * allocated tables in *ptpages.
 */
static pt_entry_t *
pmap_l0(paddr_t root, vaddr_t va, int alloc, long *ptpages)
{
	pt_entry_t *table = pt_va(root);
	int shift;

	for (shift = L2_SHIFT; shift > L0_SHIFT; shift -= 9) {
		pt_entry_t *pte = &table[PTX(va, shift)];

		if (*pte & PTE_V) {
			KASSERT(!PTE_IS_LEAF(*pte), "superpage in pmap_l0");
			table = pt_va(PTE_TO_PA(*pte));
			continue;
		}
		if (!alloc)
			return (NULL);
		paddr_t pa = vm_page_alloc_zero();
		if (pa == 0)
			return (NULL);
		if (ptpages != NULL)
			(*ptpages)++;
		*pte = PA_TO_PTE(pa) | PTE_V;
		table = pt_va(pa);
	}
	return (&table[PTX(va, L0_SHIFT)]);
}

/* End of the 2 MiB block that holds va, clipped to eva. */
static vaddr_t
l0_block_end(vaddr_t va, vaddr_t eva)
{
	vaddr_t end = (va | (L1_SIZE - 1)) + 1;

	return (end < eva && end > va ? end : eva);
}

/* Map [va, va+size) to [pa, ...) in the boot-time kernel table. */
static void
kmap_range(vaddr_t va, paddr_t pa, uint64 size, int prot)
{
	pt_entry_t bits = prot_to_pte(prot, 0);
	uint64 off = 0;

	while (off < size) {
		/* 2 MiB leaves where alignment allows, 4 KiB otherwise. */
		if (((va + off) & (L1_SIZE - 1)) == 0 &&
		    ((pa + off) & (L1_SIZE - 1)) == 0 && size - off >= L1_SIZE) {
			pt_entry_t *l2 = pt_va(kernel_pmap.pm_root);
			pt_entry_t *pte = &l2[PTX(va + off, L2_SHIFT)];
			pt_entry_t *l1;

			if (!(*pte & PTE_V)) {
				paddr_t t = vm_page_alloc_zero();

				KASSERT(t != 0, "out of memory in pmap_bootstrap");
				*pte = PA_TO_PTE(t) | PTE_V;
			}
			l1 = pt_va(PTE_TO_PA(*pte));
			l1[PTX(va + off, L1_SHIFT)] = PA_TO_PTE(pa + off) | bits;
			off += L1_SIZE;
		} else {
			pt_entry_t *pte = pmap_l0(kernel_pmap.pm_root, va + off,
			    1, NULL);

			KASSERT(pte != NULL, "out of memory in pmap_bootstrap");
			*pte = PA_TO_PTE(pa + off) | bits;
			off += PGSIZE;
		}
	}
}

/*
 * Build the kernel page table: the kernel image with its segments'
 * permissions, the rest of RAM read-write, the devices, and the tables
 * under KSTACK_BASE for every process slot's kernel stack.
 */
void
pmap_bootstrap(paddr_t ram_end)
{
	paddr_t ktext = KERNEL_LOAD_PA;
	paddr_t krodata = DMAP_TO_PHYS((vaddr_t)etext);
	paddr_t kdata = DMAP_TO_PHYS((vaddr_t)erodata);
	paddr_t kend = round_page(DMAP_TO_PHYS((vaddr_t)kernel_end));
	vaddr_t va;

	spinlock_init(&kernel_pmap.pm_lock, "kernel_pmap");
	kernel_pmap.pm_root = vm_page_alloc_zero();
	KASSERT(kernel_pmap.pm_root != 0, "no memory for the kernel pmap");

	/* Not the firmware's region: S-mode may not touch it anyway. */
	kmap_range(PHYS_TO_DMAP(FIRMWARE_END_PA), FIRMWARE_END_PA,
	    ktext - FIRMWARE_END_PA,
	    VM_PROT_RW);
	kmap_range(PHYS_TO_DMAP(ktext), ktext, krodata - ktext,
	    VM_PROT_READ | VM_PROT_EXECUTE);
	kmap_range(PHYS_TO_DMAP(krodata), krodata, kdata - krodata,
	    VM_PROT_READ);
	kmap_range(PHYS_TO_DMAP(kdata), kdata, ram_end - kdata, VM_PROT_RW);

	kmap_range(PHYS_TO_DMAP(VIRT_TEST_PA), VIRT_TEST_PA, PGSIZE,
	    VM_PROT_RW);
	kmap_range(PHYS_TO_DMAP(GOLDFISH_RTC_PA), GOLDFISH_RTC_PA, PGSIZE,
	    VM_PROT_RW);
	kmap_range(PHYS_TO_DMAP(PLIC_PA), PLIC_PA, PLIC_SIZE, VM_PROT_RW);
	kmap_range(PHYS_TO_DMAP(UART0_PA), UART0_PA, PGSIZE, VM_PROT_RW);
	kmap_range(PHYS_TO_DMAP(VIRTIO0_PA), VIRTIO0_PA,
	    VIRTIO_NSLOTS * VIRTIO_STRIDE, VM_PROT_RW);
	(void)kend;

	/* Pre-build the kernel-stack tables so they are shared by all. */
	for (va = KSTACK_BASE; va < KSTACK_BASE + NPROC * KSTACK_SLOT;
	    va += PGSIZE)
		KASSERT(pmap_l0(kernel_pmap.pm_root, va, 1, NULL) != NULL,
		    "out of memory for kernel-stack tables");
	pmap_activate_kernel();
}

void
pmap_activate_kernel(void)
{
	sfence_vma();
	csr_write(satp, MAKE_SATP(kernel_pmap.pm_root));
	sfence_vma();
}

/* Map a kernel-stack page; the tables exist already (pmap_bootstrap). */
void
pmap_kenter_kstack(vaddr_t va, paddr_t pa)
{
	pt_entry_t *pte = pmap_l0(kernel_pmap.pm_root, va, 0, NULL);

	KASSERT(pte != NULL && !(*pte & PTE_V), "bad kernel stack slot");
	*pte = PA_TO_PTE(pa) | prot_to_pte(VM_PROT_RW, 0);
	sfence_vma_page(va);
}

/*
 * Unmap a kernel-stack page.  No other hart needs a TLB shootdown: a
 * stack is only used by its own process, every hart flushes its whole
 * TLB when it switches to a process (pmap_activate) and when it comes
 * back to its scheduler (pmap_activate_kernel), and a stack is freed
 * only after its process has left its last hart (proc_reap waits for
 * p_lock, which the scheduler drops after that flush).  So a stale
 * translation of this page can be in no TLB by the time the slot is
 * mapped again.
 */
void
pmap_kremove_kstack(vaddr_t va)
{
	pt_entry_t *pte = pmap_l0(kernel_pmap.pm_root, va, 0, NULL);

	KASSERT(pte != NULL && (*pte & PTE_V), "kernel stack not mapped");
	*pte = 0;
	sfence_vma_page(va);
}

int
pmap_pinit(struct pmap *pm)
{
	pt_entry_t *root, *kroot;
	int i;

	spinlock_init(&pm->pm_lock, "pmap");
	pm->pm_root = vm_page_alloc_zero();
	if (pm->pm_root == 0)
		return (ENOMEM);
	pm->pm_active = 0;
	pm->pm_ptpages = 1;
	root = pt_va(pm->pm_root);
	kroot = pt_va(kernel_pmap.pm_root);
	for (i = KERNEL_ROOT_FIRST; i < Ln_ENTRIES; i++)
		root[i] = kroot[i];
	return (0);
}

/*
 * User page tables.
 *
 * After a fork, a level-0 table (512 PTEs, 2 MiB of address space) may
 * be shared by the parent's and the child's pmaps instead of copied PTE
 * by PTE (pmap_share_table).  The table's own vm_page reference count
 * counts the pmaps that point at it, and the frames it maps are held
 * once, by the table.  A shared table is never written: a pmap that must
 * change one of its PTEs first takes a private copy (table_unshare).  So
 * fork costs one step per 2 MiB instead of one per page.
 */

/* The level-1 entry that points at va's level-0 table. */
static pt_entry_t *
pmap_l1e(struct pmap *pm, vaddr_t va, int alloc)
{
	pt_entry_t *l2e = &pt_va(pm->pm_root)[PTX(va, L2_SHIFT)];

	if (!(*l2e & PTE_V)) {
		paddr_t pa;

		if (!alloc || (pa = vm_page_alloc_zero()) == 0)
			return (NULL);
		pm->pm_ptpages++;
		*l2e = PA_TO_PTE(pa) | PTE_V;
	}
	return (&pt_va(PTE_TO_PA(*l2e))[PTX(va, L1_SHIFT)]);
}

static int
table_is_shared(pt_entry_t l1e)
{
	return (vm_page_refs(PTE_TO_PA(l1e)) > 1);
}

/* Drop one pmap's reference to a level-0 table; the last frees it all. */
static void
table_drop(paddr_t table)
{
	pt_entry_t *tab = pt_va(table);
	int i;

	if (vm_page_unhold_keep(table) != 0)
		return;
	for (i = 0; i < Ln_ENTRIES; i++)
		if (tab[i] & PTE_V)
			vm_page_unhold(PTE_TO_PA(tab[i]));
	vm_page_free_unreferenced(table);
}

/*
 * Give pm a private copy of the shared level-0 table behind *l1e.  The
 * translations do not change, so no TLB needs flushing.  pm_lock held.
 * ENOMEM.
 */
static int
table_unshare(struct pmap *pm, pt_entry_t *l1e)
{
	paddr_t old = PTE_TO_PA(*l1e), new;
	pt_entry_t *src, *dst;
	int i;

	if (vm_page_refs(old) == 1)
		return (0);
	if ((new = vm_page_alloc()) == 0)
		return (ENOMEM);
	src = pt_va(old);
	dst = pt_va(new);
	for (i = 0; i < Ln_ENTRIES; i++) {
		dst[i] = src[i];
		if (dst[i] & PTE_V)
			vm_page_hold(PTE_TO_PA(dst[i]));
	}
	*l1e = PA_TO_PTE(new) | PTE_V;	/* one table for another: */
	table_drop(old);		/* pm_ptpages stays as it is */
	return (0);
}

/* The level-0 table for va, read-only: NULL if there is none. */
static pt_entry_t *
pmap_table_lookup(struct pmap *pm, vaddr_t va)
{
	pt_entry_t *l1e = pmap_l1e(pm, va, 0);

	if (l1e == NULL || !(*l1e & PTE_V))
		return (NULL);
	return (pt_va(PTE_TO_PA(*l1e)));
}

/*
 * The level-0 table for va, private to pm and so writable, made if
 * alloc.  NULL with *errorp = ENOMEM, or with 0 if absent and !alloc.
 * pm_lock held.
 */
static pt_entry_t *
pmap_table_private(struct pmap *pm, vaddr_t va, int alloc, int *errorp)
{
	pt_entry_t *l1e = pmap_l1e(pm, va, alloc);
	paddr_t pa;

	*errorp = alloc ? ENOMEM : 0;
	if (l1e == NULL)
		return (NULL);
	if (!(*l1e & PTE_V)) {
		if (!alloc || (pa = vm_page_alloc_zero()) == 0)
			return (NULL);
		pm->pm_ptpages++;
		*l1e = PA_TO_PTE(pa) | PTE_V;
	} else if ((*errorp = table_unshare(pm, l1e)) != 0)
		return (NULL);
	*errorp = 0;
	return (pt_va(PTE_TO_PA(*l1e)));
}

/*
 * Tear down the lower half of a pmap that no hart runs any more (its
 * address space's last reference is gone): drop every level-0 table (and
 * with the last reference, its frames), then the upper tables and the
 * root.
 */
void
pmap_release(struct pmap *pm)
{
	pt_entry_t *root = pt_va(pm->pm_root);
	int i, j;

	KASSERT(pm->pm_active == 0, "pmap_release of a running pmap");
	for (i = 0; i < KERNEL_ROOT_FIRST; i++) {
		pt_entry_t *l1;

		if (!(root[i] & PTE_V))
			continue;
		l1 = pt_va(PTE_TO_PA(root[i]));
		for (j = 0; j < Ln_ENTRIES; j++)
			if (l1[j] & PTE_V)
				table_drop(PTE_TO_PA(l1[j]));
		vm_page_unhold(PTE_TO_PA(root[i]));
		root[i] = 0;
	}
	vm_page_unhold(pm->pm_root);
	pm->pm_root = 0;
}

/*
 * Map user page va to frame pa (the caller's reference on the frame
 * passes to the mapping).  Replaces any old mapping.  ENOMEM if a table
 * cannot be allocated.
 */
int
pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, int prot)
{
	pt_entry_t *tab, old;
	int error;

	spin_lock(&pm->pm_lock);
	tab = pmap_table_private(pm, va, 1, &error);
	if (tab == NULL) {
		spin_unlock(&pm->pm_lock);
		return (error);
	}
	old = tab[PTX(va, L0_SHIFT)];
	tab[PTX(va, L0_SHIFT)] = PA_TO_PTE(pa) | prot_to_pte(prot, 1);
	spin_unlock(&pm->pm_lock);
	if (old & PTE_V) {
		pmap_shootdown(pm, va, PGSIZE);
		vm_page_unhold(PTE_TO_PA(old));
	}
	return (0);
}

/*
 * Make every hart that may cache translations of pm drop those of
 * [va, va + size): this one with sfence.vma, the others (those running
 * a process on this pmap right now) through the SBI remote fence, which
 * returns once they have done it.  Frames unmapped before the call can
 * be reused after it.
 */
void
pmap_shootdown(struct pmap *pm, vaddr_t va, size_t size)
{
	uint64 active, harts = 0;
	int self, i;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* PTEs before the mask */
	if (size == SHOOTDOWN_ALL)
		va = 0;
	if (size <= 64 * PGSIZE) {
		vaddr_t a;

		for (a = va; a < va + size; a += PGSIZE)
			sfence_vma_page(a);
	} else
		sfence_vma();
	active = __atomic_load_n(&pm->pm_active, __ATOMIC_SEQ_CST);
	push_intr_off();
	self = curpcpu()->pc_cpuid;
	pop_intr_off();
	active &= ~(1UL << self);
	if (active == 0)
		return;
	for (i = 0; i < ncpu; i++)
		if (active & (1UL << i))
			harts |= 1UL << pcpu[i].pc_hartid;
	sbi_remote_sfence_vma(harts, 0, va, size);
}

/* Frames unmapped by pmap_remove wait here until the TLBs are clean. */
#define	FREE_BATCH	128

static int
range_has_mappings(pt_entry_t *tab, int first, int last)
{
	int i;

	for (i = first; i < last; i++)
		if (tab[i] & PTE_V)
			return (1);
	return (0);
}

/*
 * Unmap [sva, eva) and drop the frames' references.  Harts running this
 * pmap forget the old translations before any frame can be reused.  A
 * shared table wholly inside the range is simply let go; one partly
 * inside is copied first, which can fail with ENOMEM (the part before it
 * is unmapped by then).
 */
int
pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva)
{
	paddr_t batch[FREE_BATCH];
	vaddr_t va, next, bstart = sva;
	int n = 0, i, error = 0;

	for (va = sva; va < eva && error == 0; va = next) {
		pt_entry_t *l1e, *tab;
		int first, last;

		next = l0_block_end(va, eva);
		first = PTX(va, L0_SHIFT);
		last = first + ((next - va) >> PGSHIFT);
		spin_lock(&pm->pm_lock);
		l1e = pmap_l1e(pm, va, 0);
		if (l1e == NULL || !(*l1e & PTE_V)) {
			spin_unlock(&pm->pm_lock);
			continue;
		}
		tab = pt_va(PTE_TO_PA(*l1e));
		if (table_is_shared(*l1e)) {
			if (first == 0 && last == Ln_ENTRIES) {
				paddr_t t = PTE_TO_PA(*l1e);

				*l1e = 0;
				spin_unlock(&pm->pm_lock);
				pmap_shootdown(pm, 0, SHOOTDOWN_ALL);
				table_drop(t);
				continue;
			}
			if (!range_has_mappings(tab, first, last)) {
				spin_unlock(&pm->pm_lock);
				continue;
			}
			if ((error = table_unshare(pm, l1e)) != 0) {
				spin_unlock(&pm->pm_lock);
				break;
			}
			tab = pt_va(PTE_TO_PA(*l1e));
		}
		for (i = first; i < last; i++) {
			if (!(tab[i] & PTE_V))
				continue;
			if (n == FREE_BATCH) {
				vaddr_t here = (va & ~(L1_SIZE - 1)) +
				    ((vaddr_t)i << PGSHIFT);

				spin_unlock(&pm->pm_lock);
				pmap_shootdown(pm, bstart, here - bstart);
				while (n > 0)
					vm_page_unhold(batch[--n]);
				bstart = here;
				spin_lock(&pm->pm_lock);
			}
			batch[n++] = PTE_TO_PA(tab[i]);
			tab[i] = 0;
		}
		spin_unlock(&pm->pm_lock);
	}
	pmap_shootdown(pm, bstart, (error == 0 ? eva : va) - bstart);
	while (n > 0)
		vm_page_unhold(batch[--n]);
	return (error);
}

pt_entry_t
pmap_pte(struct pmap *pm, vaddr_t va)
{
	pt_entry_t *tab, v = 0;

	spin_lock(&pm->pm_lock);
	if ((tab = pmap_table_lookup(pm, va)) != NULL)
		v = tab[PTX(va, L0_SHIFT)];
	spin_unlock(&pm->pm_lock);
	return (v);
}

paddr_t
pmap_extract(struct pmap *pm, vaddr_t va)
{
	pt_entry_t v = pmap_pte(pm, va);

	return ((v & PTE_V) ? PTE_TO_PA(v) | (va & PGOFSET) : 0);
}

/*
 * Run on pm on this hart (interrupts off: the caller is the scheduler or
 * holds them off).  pm_active says which harts to shoot down.
 */
void
pmap_activate(struct pmap *pm)
{
	__atomic_or_fetch(&pm->pm_active, 1UL << curpcpu()->pc_cpuid,
	    __ATOMIC_SEQ_CST);
	csr_write(satp, MAKE_SATP(pm->pm_root));
	sfence_vma();
}

void
pmap_deactivate(struct pmap *pm)
{
	__atomic_and_fetch(&pm->pm_active, ~(1UL << curpcpu()->pc_cpuid),
	    __ATOMIC_SEQ_CST);
}

/* Does a valid PTE permit the access prot (VM_PROT_*)? */
int
pmap_pte_allows(pt_entry_t pte, int prot)
{
	if (!(pte & PTE_V))
		return (0);
	if ((prot & VM_PROT_WRITE) && !(pte & PTE_W))
		return (0);
	if ((prot & VM_PROT_READ) && !(pte & PTE_R))
		return (0);
	if ((prot & VM_PROT_EXECUTE) && !(pte & PTE_X))
		return (0);
	return (1);
}

/* Write-protect a private table's writable PTEs, marking them COW. */
static void
table_protect_cow(pt_entry_t *tab, int first, int last)
{
	/* LAB cow: begin
	 * Entries first..last-1 of a level-0 table: every valid,
	 * writable PTE loses PTE_W and gains PTE_COW (the software bit
	 * that tells fault_page the page is copy-on-write, not read-only).
	 */
	int i;

	for (i = first; i < last; i++)
		if ((tab[i] & (PTE_V | PTE_W)) == (PTE_V | PTE_W))
			tab[i] = (tab[i] & ~PTE_W) | PTE_COW;
	/* LAB cow: end */
}

/*
 * Fork, copy-on-write, one 2 MiB block whose regions are all private
 * and inherited by copy: the child's pmap points at the parent's very
 * level-0 table, whose writable PTEs become read-only with PTE_COW.  No
 * PTE and no page is copied; the first write on either side copies the
 * table (table_unshare), then the page.  ENOMEM.  The caller shoots down
 * src afterwards.
 */
int
pmap_share_table(struct pmap *src, struct pmap *dst, vaddr_t va)
{
	pt_entry_t *sl1e, *dl1e;
	int error = 0;

	/* dst is new and private to the fork: src -> dst is safe. */
	spin_lock(&src->pm_lock);
	sl1e = pmap_l1e(src, va, 0);
	if (sl1e == NULL || !(*sl1e & PTE_V)) {
		spin_unlock(&src->pm_lock);
		return (0);
	}
	if (!table_is_shared(*sl1e))
		table_protect_cow(pt_va(PTE_TO_PA(*sl1e)), 0, Ln_ENTRIES);
	spin_lock(&dst->pm_lock);
	dl1e = pmap_l1e(dst, va, 1);
	if (dl1e == NULL)
		error = ENOMEM;
	else {
		KASSERT(!(*dl1e & PTE_V), "pmap_share_table: block in use");
		vm_page_hold(PTE_TO_PA(*sl1e));
		*dl1e = *sl1e;
		dst->pm_ptpages++;	/* counted by every pmap using it */
	}
	spin_unlock(&dst->pm_lock);
	spin_unlock(&src->pm_lock);
	return (error);
}

/*
 * Fork, copy-on-write, PTE by PTE (for a block that also holds regions
 * inherited otherwise): every page of src in [sva, eva) becomes mapped in
 * dst too, read-only, with PTE_COW if the region is writable.  ENOMEM;
 * what was entered stays (the caller frees dst).
 */
int
pmap_copy_cow(struct pmap *src, struct pmap *dst, vaddr_t sva, vaddr_t eva,
    int prot)
{
	pt_entry_t bits = prot_to_pte(prot & ~VM_PROT_WRITE, 1);
	vaddr_t va, next;
	int i, error = 0;

	if (prot & VM_PROT_WRITE)
		bits |= PTE_COW;
	for (va = sva; va < eva && error == 0; va = next) {
		pt_entry_t *sl1e, *stab, *dtab;
		int first, last;

		next = l0_block_end(va, eva);
		first = PTX(va, L0_SHIFT);
		last = first + ((next - va) >> PGSHIFT);
		spin_lock(&src->pm_lock);
		sl1e = pmap_l1e(src, va, 0);
		if (sl1e == NULL || !(*sl1e & PTE_V)) {
			spin_unlock(&src->pm_lock);
			continue;
		}
		stab = pt_va(PTE_TO_PA(*sl1e));
		/* A shared table has no writable PTE: leave it as it is. */
		if ((prot & VM_PROT_WRITE) && !table_is_shared(*sl1e))
			table_protect_cow(stab, first, last);
		spin_lock(&dst->pm_lock);
		dtab = pmap_table_private(dst, va, 1, &error);
		for (i = first; dtab != NULL && i < last; i++) {
			pt_entry_t v = stab[i];

			if (!(v & PTE_V))
				continue;
			vm_page_hold(PTE_TO_PA(v));
			dtab[i] = PA_TO_PTE(PTE_TO_PA(v)) | bits;
		}
		spin_unlock(&dst->pm_lock);
		spin_unlock(&src->pm_lock);
	}
	return (error);
}

/*
 * Fork of a shared region (MAP_SHARED, INHERIT_SHARE): dst maps the very
 * frames src maps, with the region's protection.
 */
int
pmap_share(struct pmap *src, struct pmap *dst, vaddr_t sva, vaddr_t eva,
    int prot)
{
	vaddr_t va;

	for (va = sva; va < eva; va += PGSIZE) {
		pt_entry_t v = pmap_pte(src, va);
		paddr_t pa;

		if (!(v & PTE_V))
			continue;
		pa = PTE_TO_PA(v);
		vm_page_hold(pa);
		if (pmap_enter(dst, va, pa, prot) != 0) {
			vm_page_unhold(pa);
			return (ENOMEM);
		}
	}
	return (0);
}

/*
 * Before a write fault on va is resolved: make sure pm's table for va is
 * its own, so that the frame's reference count tells how many address
 * spaces map the page.  ENOMEM.
 */
int
pmap_make_private(struct pmap *pm, vaddr_t va)
{
	int error;

	spin_lock(&pm->pm_lock);
	(void)pmap_table_private(pm, va, 0, &error);
	spin_unlock(&pm->pm_lock);
	return (error);
}

/*
 * The COW page at va is the last mapping of its frame: write to it in
 * place.  More permission needs no shootdown (a stale read-only entry
 * elsewhere just faults once more, harmlessly).  The table is private
 * (pmap_make_private).
 */
void
pmap_cow_reuse(struct pmap *pm, vaddr_t va, int prot)
{
	pt_entry_t *tab, *pte;

	spin_lock(&pm->pm_lock);
	tab = pmap_table_lookup(pm, va);
	pte = tab != NULL ? &tab[PTX(va, L0_SHIFT)] : NULL;
	if (pte != NULL && (*pte & PTE_V) && (*pte & PTE_COW))
		*pte = PA_TO_PTE(PTE_TO_PA(*pte)) | prot_to_pte(prot, 1);
	spin_unlock(&pm->pm_lock);
	sfence_vma_page(va);
}

/*
 * Replace the COW frame oldpa at va by the private copy newpa, if the
 * PTE still maps oldpa (else EAGAIN, and the caller frees newpa).  Every
 * hart running this pmap drops the old translation before oldpa's
 * reference is released.  The table is private (pmap_make_private).
 */
int
pmap_cow_replace(struct pmap *pm, vaddr_t va, paddr_t oldpa, paddr_t newpa,
    int prot)
{
	pt_entry_t *tab, *pte;
	int error = 0;

	spin_lock(&pm->pm_lock);
	tab = pmap_table_lookup(pm, va);
	pte = tab != NULL ? &tab[PTX(va, L0_SHIFT)] : NULL;
	if (pte == NULL || !(*pte & PTE_V) || !(*pte & PTE_COW) ||
	    PTE_TO_PA(*pte) != oldpa)
		error = EAGAIN;
	else
		*pte = PA_TO_PTE(newpa) | prot_to_pte(prot, 1);
	spin_unlock(&pm->pm_lock);
	if (error != 0)
		return (error);
	pmap_shootdown(pm, va, PGSIZE);
	vm_page_unhold(oldpa);
	return (0);
}
