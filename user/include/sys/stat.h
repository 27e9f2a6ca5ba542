/* sys/stat.h: user-side prototypes over the kernel's struct stat and modes. */
#ifndef _USER_SYS_STAT_H_
#define _USER_SYS_STAT_H_

#include_next <sys/stat.h>

int	stat(const char *path, struct stat *sb);
int	lstat(const char *path, struct stat *sb);
int	fstat(int fd, struct stat *sb);
int	fstatat(int fd, const char *path, struct stat *sb, int flag);
int	mkdir(const char *path, mode_t mode);
int	mknod(const char *path, mode_t mode, dev_t dev);
int	chmod(const char *path, mode_t mode);
mode_t	umask(mode_t mask);

#endif /* !_USER_SYS_STAT_H_ */
