/* sys/mman.h: memory mapping calls (the constants are the kernel's). */
#ifndef _USER_SYS_MMAN_H_
#define _USER_SYS_MMAN_H_

#include_next <sys/mman.h>
#include <sys/types.h>

void	*mmap(void *addr, size_t len, int prot, int flags, int fd, off_t pos);
int	munmap(void *addr, size_t len);
int	minherit(void *addr, size_t len, int inherit);

#endif /* !_USER_SYS_MMAN_H_ */
