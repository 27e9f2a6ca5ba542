/* sys/ioctl.h: ioctl(2) and the terminal requests of sys/ttycom.h. */
#ifndef _SYS_IOCTL_H_
#define _SYS_IOCTL_H_

#include <sys/types.h>
#include <sys/ttycom.h>

int	ioctl(int fd, unsigned long request, ...);

#endif /* !_SYS_IOCTL_H_ */
