/* dirent.h: reading directories (opendir(3) over read(2)). */
#ifndef _DIRENT_H_
#define _DIRENT_H_

#include <sys/types.h>
#include <sys/dirent.h>

typedef struct _dirdesc DIR;

DIR	*opendir(const char *path);
DIR	*fdopendir(int fd);
struct dirent *readdir(DIR *dirp);
void	rewinddir(DIR *dirp);
int	closedir(DIR *dirp);
int	dirfd(DIR *dirp);

#endif /* !_DIRENT_H_ */
