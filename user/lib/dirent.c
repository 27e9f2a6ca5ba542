/*
 * dirent.c: opendir(3) and friends.  read(2) on a directory returns its
 * fixed-size struct dirent slots as stored; free slots (d_fileno 0) are
 * skipped here.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define	DIRBUF_ENTRIES	16

struct _dirdesc {
	int		dd_fd;
	size_t		dd_len;		/* bytes valid in dd_buf */
	size_t		dd_off;		/* next byte to look at */
	struct dirent	dd_ent;		/* what readdir returns */
	char		dd_buf[DIRBUF_ENTRIES * sizeof(struct dirent)];
};

DIR *
fdopendir(int fd)
{
	struct stat sb;
	DIR *dirp;

	if (fstat(fd, &sb) != 0)
		return (NULL);
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return (NULL);
	}
	if ((dirp = malloc(sizeof(*dirp))) == NULL)
		return (NULL);
	dirp->dd_fd = fd;
	dirp->dd_len = dirp->dd_off = 0;
	return (dirp);
}

DIR *
opendir(const char *path)
{
	DIR *dirp;
	int fd, error;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (NULL);
	if ((dirp = fdopendir(fd)) == NULL) {
		error = errno;
		close(fd);
		errno = error;
	}
	return (dirp);
}

/*
 * Hand out the next used slot.  A read may in principle stop in the
 * middle of a slot, so a partial slot is kept and completed by the next
 * read.  Returns NULL at the end (errno untouched) or on error.
 */
struct dirent *
readdir(DIR *dirp)
{
	struct dirent *d;
	ssize_t n;

	for (;;) {
		if (dirp->dd_len - dirp->dd_off < sizeof(struct dirent)) {
			memmove(dirp->dd_buf, dirp->dd_buf + dirp->dd_off,
			    dirp->dd_len - dirp->dd_off);
			dirp->dd_len -= dirp->dd_off;
			dirp->dd_off = 0;
			n = read(dirp->dd_fd, dirp->dd_buf + dirp->dd_len,
			    sizeof(dirp->dd_buf) - dirp->dd_len);
			if (n <= 0)
				return (NULL);
			dirp->dd_len += n;
			continue;
		}
		d = (struct dirent *)(dirp->dd_buf + dirp->dd_off);
		dirp->dd_off += sizeof(struct dirent);
		if (d->d_fileno == 0)
			continue;
		/* Copy out: dd_buf may not be aligned for the caller. */
		memcpy(&dirp->dd_ent, d, sizeof(struct dirent));
		dirp->dd_ent.d_name[MAXNAMLEN] = '\0';
		return (&dirp->dd_ent);
	}
}

void
rewinddir(DIR *dirp)
{
	lseek(dirp->dd_fd, 0, SEEK_SET);
	dirp->dd_len = dirp->dd_off = 0;
}

int
dirfd(DIR *dirp)
{
	return (dirp->dd_fd);
}

int
closedir(DIR *dirp)
{
	int fd = dirp->dd_fd;

	free(dirp);
	return (close(fd));
}
