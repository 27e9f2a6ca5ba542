/*
 * sbi.h: calls into the firmware (OpenSBI) through the RISC-V Supervisor
 * Binary Interface, spec 1.0: ecall with a7 = extension, a6 = function.
 */
#ifndef _SBI_H_
#define _SBI_H_

#include "types.h"

#define	SBI_EXT_LEGACY_PUTCHAR	0x01
#define	SBI_EXT_LEGACY_GETCHAR	0x02
#define	SBI_EXT_BASE		0x10
#define	SBI_EXT_TIME		0x54494D45	/* "TIME" */
#define	SBI_EXT_IPI		0x735049	/* "sPI" */
#define	SBI_EXT_RFENCE		0x52464E43	/* "RFNC" */
#define	SBI_EXT_HSM		0x48534D	/* "HSM" */
#define	SBI_EXT_SRST		0x53525354	/* "SRST" */

struct sbiret {
	long	error;		/* 0 or a negative SBI error */
	long	value;
};

struct sbiret	sbi_call(uint64 ext, uint64 fid, uint64 a0, uint64 a1,
		    uint64 a2, uint64 a3);
void	sbi_console_putchar(int c);
int	sbi_probe_extension(uint64 ext);	/* nonzero if present */
void	sbi_set_timer(uint64 stime);
void	sbi_send_ipi(uint64 hart_mask, uint64 hart_mask_base);
void	sbi_remote_sfence_vma(uint64 hart_mask, uint64 hart_mask_base,
	    vaddr_t start, size_t size);
long	sbi_hart_start(uint64 hartid, paddr_t start, uint64 opaque);
void	sbi_system_reset(uint32 type, uint32 reason) __noreturn;

#define	SBI_RESET_SHUTDOWN	0
#define	SBI_RESET_COLD_REBOOT	1
#define	SBI_RESET_REASON_NONE	0
#define	SBI_RESET_REASON_FAILURE 1

#endif /* !_SBI_H_ */
