/* errno.h: the error numbers and the per-process errno variable. */
#ifndef _ERRNO_H_
#define _ERRNO_H_

#include <sys/errno.h>

/* One thread per address space (for now), so a plain global will do. */
extern int	errno;

#endif /* !_ERRNO_H_ */
