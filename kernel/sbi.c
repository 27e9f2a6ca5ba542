/* sbi.c: the SBI calls the kernel makes (timer, IPIs, harts, reset). */
#include "types.h"
#include "sbi.h"

struct sbiret
sbi_call(uint64 ext, uint64 fid, uint64 arg0, uint64 arg1, uint64 arg2,
    uint64 arg3)
{
	register uint64 a0 __asm__("a0") = arg0;
	register uint64 a1 __asm__("a1") = arg1;
	register uint64 a2 __asm__("a2") = arg2;
	register uint64 a3 __asm__("a3") = arg3;
	register uint64 a6 __asm__("a6") = fid;
	register uint64 a7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
	    : "+r"(a0), "+r"(a1)
	    : "r"(a2), "r"(a3), "r"(a6), "r"(a7)
	    : "memory");
	ret.error = a0;
	ret.value = a1;
	return (ret);
}

/* The legacy extension is the only console OpenSBI 1.1 offers (no DBCN). */
void
sbi_console_putchar(int c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, c, 0, 0, 0);
}

int
sbi_probe_extension(uint64 ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, 3, ext, 0, 0, 0);

	return (r.error == 0 && r.value != 0);
}

void
sbi_set_timer(uint64 stime)
{
	sbi_call(SBI_EXT_TIME, 0, stime, 0, 0, 0);
}

void
sbi_send_ipi(uint64 hart_mask, uint64 hart_mask_base)
{
	sbi_call(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0, 0);
}

void
sbi_remote_sfence_vma(uint64 hart_mask, uint64 hart_mask_base,
    vaddr_t start, size_t size)
{
	sbi_call(SBI_EXT_RFENCE, 1, hart_mask, hart_mask_base, start, size);
}

long
sbi_hart_start(uint64 hartid, paddr_t start, uint64 opaque)
{
	return (sbi_call(SBI_EXT_HSM, 0, hartid, start, opaque, 0).error);
}

void
sbi_system_reset(uint32 type, uint32 reason)
{
	sbi_call(SBI_EXT_SRST, 0, type, reason, 0, 0);
	for (;;)
		;
}
