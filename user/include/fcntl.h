/* fcntl.h: open(2) and fcntl(2). */
#ifndef _FCNTL_H_
#define _FCNTL_H_

#include <sys/types.h>
#include <sys/fcntl.h>

int	open(const char *path, int flags, ...);
int	creat(const char *path, mode_t mode);
int	fcntl(int fd, int cmd, ...);

#endif /* !_FCNTL_H_ */
