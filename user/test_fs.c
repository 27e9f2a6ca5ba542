/*
 * test_fs.c: the file system through its system calls: create, read,
 * write, append, truncate, seek; a 1 MiB file; directories, rmdir and
 * ENOTEMPTY; links and nlink; an unlinked open file; many files in one
 * directory; O_EXCL; O_CLOEXEC and FD_CLOEXEC across exec; getcwd and
 * chdir; fstat; descriptors (dup, EBADF, EMFILE); names too long; several
 * processes at once; and permissions for a user who is not root.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

/* Create path with exactly the given contents. */
static void
put(const char *path, const char *data)
{
	int fd = SYS(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644));
	size_t len = strlen(data);

	check(write(fd, data, len) == (ssize_t)len, "write %s: errno %d",
	    path, errno);
	SYS(close(fd));
}

/* Want path to hold exactly data. */
static void
want(const char *path, const char *data)
{
	char buf[512];
	ssize_t n, len = 0;
	int fd;

	fd = open(path, O_RDONLY);
	check(fd >= 0, "open %s: errno %d", path, errno);
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	check(n == 0, "read %s: errno %d", path, errno);
	buf[len] = '\0';
	close(fd);
	check(strcmp(buf, data) == 0, "%s holds \"%s\", want \"%s\"", path,
	    buf, data);
}

static off_t
size_of(const char *path)
{
	struct stat sb;

	SYS(stat(path, &sb));
	return (sb.st_size);
}

static void
t_create_read_write(void)
{
	struct stat sb;
	char buf[32];
	int fd;

	unlink("/fs.a");
	check_errno(open("/fs.a", O_RDONLY), ENOENT);
	fd = SYS(open("/fs.a", O_CREAT | O_RDWR, 0644));
	check(write(fd, "hello world", 11) == 11, "write");
	/* Reading at the end gives 0; after a seek, the data. */
	check(read(fd, buf, sizeof(buf)) == 0, "read at EOF");
	check(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	memset(buf, 0, sizeof(buf));
	check(read(fd, buf, sizeof(buf)) == 11 && strcmp(buf, "hello world")
	    == 0, "read back \"%s\"", buf);
	SYS(fstat(fd, &sb));
	check(sb.st_size == 11 && S_ISREG(sb.st_mode), "size %ld mode %o",
	    (long)sb.st_size, sb.st_mode);
	close(fd);
	want("/fs.a", "hello world");
	/* Overwrite in the middle. */
	fd = SYS(open("/fs.a", O_WRONLY));
	SYS(lseek(fd, 6, SEEK_SET));
	check(write(fd, "there", 5) == 5, "write");
	close(fd);
	want("/fs.a", "hello there");
	/* Access modes are enforced on the descriptor. */
	fd = SYS(open("/fs.a", O_RDONLY));
	check_errno(write(fd, "x", 1), EBADF);
	close(fd);
	fd = SYS(open("/fs.a", O_WRONLY));
	check_errno(read(fd, buf, 1), EBADF);
	close(fd);
	unlink("/fs.a");
}

static void
t_append_trunc(void)
{
	int fd;

	put("/fs.b", "abc");
	fd = SYS(open("/fs.b", O_WRONLY | O_APPEND));
	SYS(lseek(fd, 0, SEEK_SET));
	check(write(fd, "def", 3) == 3, "append write");
	close(fd);
	want("/fs.b", "abcdef");
	fd = SYS(open("/fs.b", O_WRONLY | O_TRUNC));
	close(fd);
	check(size_of("/fs.b") == 0, "size %ld after O_TRUNC",
	    (long)size_of("/fs.b"));
	want("/fs.b", "");
	put("/fs.b", "xy");
	want("/fs.b", "xy");
	unlink("/fs.b");
}

static void
t_seek(void)
{
	char buf[16];
	int fd, i;

	fd = SYS(open("/fs.c", O_CREAT | O_RDWR | O_TRUNC, 0644));
	check(write(fd, "0123456789", 10) == 10, "write");
	check(lseek(fd, 3, SEEK_SET) == 3, "SEEK_SET");
	check(lseek(fd, 2, SEEK_CUR) == 5, "SEEK_CUR");
	check(lseek(fd, -1, SEEK_END) == 9, "SEEK_END");
	check(read(fd, buf, 5) == 1 && buf[0] == '9', "read after SEEK_END");
	check_errno(lseek(fd, -20, SEEK_CUR), EINVAL);
	check_errno(lseek(fd, 0, 99), EINVAL);
	/* Writing past the end leaves a hole that reads as zeros. */
	check(lseek(fd, 5000, SEEK_SET) == 5000, "seek past the end");
	check(write(fd, "end", 3) == 3, "write past the end");
	check(size_of("/fs.c") == 5003, "size %ld, want 5003",
	    (long)size_of("/fs.c"));
	SYS(lseek(fd, 10, SEEK_SET));
	for (i = 10; i < 5000; i += sizeof(buf)) {
		ssize_t n = read(fd, buf, i + 16 <= 5000 ? 16 : 5000 - i);
		int j;

		check(n > 0, "read the hole at %d", i);
		for (j = 0; j < n; j++)
			check(buf[j] == 0, "hole byte %d is %d", i + j, buf[j]);
	}
	close(fd);
	unlink("/fs.c");
}

#define	BIGFILE	(1024 * 1024)
#define	CHUNK	8192

static unsigned char
fill(long off)
{
	return ((unsigned char)((off >> 12) * 31 + off * 7));
}

static void
t_bigfile(void)
{
	static unsigned char buf[CHUNK];
	long off, i;
	int fd;

	fd = SYS(open("/fs.big", O_CREAT | O_RDWR | O_TRUNC, 0644));
	for (off = 0; off < BIGFILE; off += CHUNK) {
		for (i = 0; i < CHUNK; i++)
			buf[i] = fill(off + i);
		check(write(fd, buf, CHUNK) == CHUNK, "write at %ld: errno %d",
		    off, errno);
	}
	close(fd);
	check(size_of("/fs.big") == BIGFILE, "size %ld, want %d",
	    (long)size_of("/fs.big"), BIGFILE);
	fd = SYS(open("/fs.big", O_RDONLY));
	for (off = 0; off < BIGFILE; off += CHUNK) {
		check(read(fd, buf, CHUNK) == CHUNK, "read at %ld: errno %d",
		    off, errno);
		for (i = 0; i < CHUNK; i++)
			check(buf[i] == fill(off + i), "byte %ld is %d, want %d",
			    off + i, buf[i], fill(off + i));
	}
	check(read(fd, buf, CHUNK) == 0, "no EOF at 1 MiB");
	/* Reads at scattered offsets, across block boundaries. */
	for (off = 1000; off < BIGFILE - 100; off += 99991) {
		SYS(lseek(fd, off, SEEK_SET));
		check(read(fd, buf, 100) == 100, "read 100 at %ld", off);
		for (i = 0; i < 100; i++)
			check(buf[i] == fill(off + i), "scattered byte %ld",
			    off + i);
	}
	close(fd);
	SYS(unlink("/fs.big"));
}

static void
t_dirs(void)
{
	struct stat sb;
	int fd;

	SYS(mkdir("/fs.d1", 0755));
	SYS(mkdir("/fs.d1/d2", 0755));
	put("/fs.d1/d2/f", "deep");
	want("/fs.d1/d2/f", "deep");
	want("/fs.d1/./d2/../d2/f", "deep");
	SYS(stat("/fs.d1/d2", &sb));
	check(S_ISDIR(sb.st_mode), "mode %o is not a directory", sb.st_mode);
	check_errno(mkdir("/fs.d1", 0755), EEXIST);
	check_errno(mkdir("/fs.nope/x", 0755), ENOENT);
	check_errno(open("/fs.d1/d2/f/x", O_RDONLY), ENOTDIR);
	check_errno(open("/fs.d1/d2/f/x", O_CREAT | O_WRONLY, 0644), ENOTDIR);
	fd = open("/fs.d1", O_RDONLY);
	check(fd >= 0, "open a directory for reading: errno %d", errno);
	close(fd);
	check_errno(open("/fs.d1", O_WRONLY), EISDIR);
	check_errno(open("/fs.d1", O_RDWR), EISDIR);
	check_errno(open("/fs.d1/d2/f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	check_errno(open("", O_RDONLY), ENOENT);
	SYS(unlink("/fs.d1/d2/f"));
	SYS(rmdir("/fs.d1/d2"));
	SYS(rmdir("/fs.d1"));
}

static void
t_rmdir(void)
{
	int r;

	SYS(mkdir("/fs.r", 0755));
	SYS(mkdir("/fs.r/sub", 0755));
	check_errno(rmdir("/fs.r"), ENOTEMPTY);
	SYS(rmdir("/fs.r/sub"));
	put("/fs.r/file", "x");
	check_errno(rmdir("/fs.r"), ENOTEMPTY);
	check_errno(rmdir("/fs.r/file"), ENOTDIR);
	errno = 0;
	r = unlink("/fs.r");
	check(r == -1 && (errno == EPERM || errno == EISDIR), "unlink of a "
	    "directory: %d errno %d, want EPERM", r, errno);
	SYS(unlink("/fs.r/file"));
	check_errno(rmdir("/fs.r/."), EINVAL);
	SYS(rmdir("/fs.r"));
	check_errno(stat("/fs.r", &(struct stat){ 0 }), ENOENT);
	check_errno(rmdir("/fs.r"), ENOENT);
	check(rmdir("/") == -1, "rmdir / succeeded");
	/* The name is free again. */
	SYS(mkdir("/fs.r", 0755));
	SYS(rmdir("/fs.r"));
}

static int
count_entries(const char *dir, const char *prefix, int *dots)
{
	struct dirent de;
	int fd, n = 0;
	ssize_t r;

	*dots = 0;
	fd = SYS(open(dir, O_RDONLY));
	while ((r = read(fd, &de, sizeof(de))) == sizeof(de)) {
		if (de.d_fileno == 0)
			continue;
		if (strcmp(de.d_name, ".") == 0 || strcmp(de.d_name, "..") == 0)
			(*dots)++;
		else if (strncmp(de.d_name, prefix, strlen(prefix)) == 0)
			n++;
	}
	check(r == 0, "reading directory %s: %ld, errno %d", dir, (long)r,
	    errno);
	close(fd);
	return (n);
}

static void
t_readdir(void)
{
	int dots;

	SYS(mkdir("/fs.rd", 0755));
	put("/fs.rd/e1", "1");
	put("/fs.rd/e2", "2");
	SYS(mkdir("/fs.rd/e3", 0755));
	check(count_entries("/fs.rd", "e", &dots) == 3, "3 entries not seen");
	check(dots == 2, "%d of . and .., want 2", dots);
	SYS(unlink("/fs.rd/e1"));
	check(count_entries("/fs.rd", "e", &dots) == 2, "unlinked entry seen");
	SYS(unlink("/fs.rd/e2"));
	SYS(rmdir("/fs.rd/e3"));
	SYS(rmdir("/fs.rd"));
}

static void
t_links(void)
{
	struct stat a, b;

	put("/fs.l1", "linked");
	SYS(link("/fs.l1", "/fs.l2"));
	SYS(stat("/fs.l1", &a));
	SYS(stat("/fs.l2", &b));
	check(a.st_nlink == 2 && b.st_nlink == 2, "nlink %d %d, want 2",
	    a.st_nlink, b.st_nlink);
	check(a.st_ino == b.st_ino, "links have inodes %u and %u", a.st_ino,
	    b.st_ino);
	want("/fs.l2", "linked");
	check_errno(link("/fs.l1", "/fs.l2"), EEXIST);
	check_errno(link("/fs.none", "/fs.l3"), ENOENT);
	check_errno(link("/", "/fs.rootlink"), EPERM);	/* a directory */
	SYS(unlink("/fs.l1"));
	check_errno(stat("/fs.l1", &a), ENOENT);
	SYS(stat("/fs.l2", &b));
	check(b.st_nlink == 1, "nlink %d after unlinking the other name",
	    b.st_nlink);
	want("/fs.l2", "linked");
	SYS(unlink("/fs.l2"));
	check_errno(unlink("/fs.l2"), ENOENT);
}

static void
t_unlink_open(void)
{
	struct stat sb;
	char buf[32];
	int fd;

	put("/fs.u", "still here");
	fd = SYS(open("/fs.u", O_RDWR));
	SYS(unlink("/fs.u"));
	check_errno(open("/fs.u", O_RDONLY), ENOENT);
	memset(buf, 0, sizeof(buf));
	check(read(fd, buf, sizeof(buf)) == 10 && strcmp(buf, "still here")
	    == 0, "read of an unlinked open file: \"%s\"", buf);
	check(write(fd, "!", 1) == 1, "write to an unlinked open file");
	SYS(fstat(fd, &sb));
	check(sb.st_nlink == 0 && sb.st_size == 11, "nlink %d size %ld",
	    sb.st_nlink, (long)sb.st_size);
	close(fd);
	/* The name can be made again, as a new file. */
	put("/fs.u", "new");
	want("/fs.u", "new");
	unlink("/fs.u");
}

#define	NFILES	200

static void
t_many_files(void)
{
	char name[32], data[32];
	int i, dots;

	SYS(mkdir("/fs.many", 0755));
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "/fs.many/f%03d", i);
		snprintf(data, sizeof(data), "file %d", i);
		put(name, data);
	}
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "/fs.many/f%03d", i);
		snprintf(data, sizeof(data), "file %d", i);
		want(name, data);
	}
	check(count_entries("/fs.many", "f", &dots) == NFILES, "directory "
	    "lists %d files, want %d", count_entries("/fs.many", "f", &dots),
	    NFILES);
	check_errno(rmdir("/fs.many"), ENOTEMPTY);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "/fs.many/f%03d", i);
		SYS(unlink(name));
	}
	check(count_entries("/fs.many", "f", &dots) == 0, "files left");
	SYS(rmdir("/fs.many"));
}

static void
t_excl(void)
{
	int fd;

	unlink("/fs.x");
	fd = open("/fs.x", O_CREAT | O_EXCL | O_WRONLY, 0644);
	check(fd >= 0, "O_EXCL on a new name: errno %d", errno);
	close(fd);
	check_errno(open("/fs.x", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	check_errno(open("/", O_CREAT | O_EXCL | O_RDONLY, 0644), EEXIST);
	/* Without O_EXCL, O_CREAT opens the existing file. */
	put("/fs.x", "kept");
	fd = SYS(open("/fs.x", O_CREAT | O_RDONLY, 0644));
	close(fd);
	want("/fs.x", "kept");
	unlink("/fs.x");
}

/* Open /fs.ce and move it to descriptor to. */
static void
open_at(int to)
{
	int fd = SYS(open("/fs.ce", O_RDONLY));

	SYS(dup2(fd, to));
	SYS(close(fd));
}

static void
t_cloexec(void)
{
	char *argv[] = { "/bin/thelper_exec", "fd", "10", NULL, "12", "13",
		NULL };
	char *envp[] = { NULL };
	char out[512], fdx[16], line[32];
	int fd, st;

	put("/fs.ce", "data");
	/* 10: plain; 12: FD_CLOEXEC set; 13: set, then cleared. */
	open_at(10);
	open_at(12);
	SYS(fcntl(12, F_SETFD, FD_CLOEXEC));
	check(fcntl(12, F_GETFD) == FD_CLOEXEC, "F_SETFD did not stick");
	open_at(13);
	SYS(fcntl(13, F_SETFD, FD_CLOEXEC));
	SYS(fcntl(13, F_SETFD, 0));
	check(fcntl(13, F_GETFD) == 0, "F_SETFD 0 did not clear it");
	/* An O_CLOEXEC descriptor; dup2 of it gives one without the flag. */
	fd = SYS(open("/fs.ce", O_RDONLY | O_CLOEXEC));
	check(fcntl(fd, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC: F_GETFD %d",
	    fcntl(fd, F_GETFD));
	SYS(dup2(fd, 14));
	check(fcntl(14, F_GETFD) == 0, "dup2 copied FD_CLOEXEC to the new "
	    "descriptor");
	SYS(close(14));
	snprintf(fdx, sizeof(fdx), "%d", fd);
	argv[3] = fdx;
	st = tap_run(argv, envp, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "helper: %s",
	    tap_status_str(st));
	check(strstr(out, "fd 10 open data") != NULL, "plain fd: %s", out);
	snprintf(line, sizeof(line), "fd %d closed", fd);
	check(strstr(out, line) != NULL, "O_CLOEXEC fd %d survived exec: %s",
	    fd, out);
	check(strstr(out, "fd 12 closed") != NULL, "FD_CLOEXEC fd 12 "
	    "survived exec: %s", out);
	check(strstr(out, "fd 13 open data") != NULL, "cleared FD_CLOEXEC: %s",
	    out);
	close(10);
	close(12);
	close(13);
	close(fd);
	unlink("/fs.ce");
}

static void
t_cwd(void)
{
	char buf[256];
	int fd;

	check(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0,
	    "getcwd at start: \"%s\"", buf);
	SYS(mkdir("/fs.cw", 0755));
	SYS(mkdir("/fs.cw/sub", 0755));
	SYS(chdir("/fs.cw/sub"));
	check(getcwd(buf, sizeof(buf)) != NULL &&
	    strcmp(buf, "/fs.cw/sub") == 0, "getcwd: \"%s\"", buf);
	put("rel", "relative");
	want("/fs.cw/sub/rel", "relative");
	SYS(chdir(".."));
	check(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/fs.cw") == 0,
	    "getcwd after ..: \"%s\"", buf);
	want("sub/rel", "relative");
	errno = 0;
	check(getcwd(buf, 3) == NULL && errno == ERANGE, "getcwd into 3 "
	    "bytes: errno %d, want ERANGE", errno);
	check_errno(chdir("sub/rel"), ENOTDIR);
	check_errno(chdir("nowhere"), ENOENT);
	fd = SYS(open("/fs.cw/sub", O_RDONLY));
	SYS(chdir("/"));
	SYS(fchdir(fd));
	close(fd);
	check(getcwd(buf, sizeof(buf)) != NULL &&
	    strcmp(buf, "/fs.cw/sub") == 0, "getcwd after fchdir: \"%s\"",
	    buf);
	SYS(unlink("rel"));
	SYS(chdir("/"));
	/* A child's chdir does not move the parent. */
	pid_t pid = tap_fork();
	if (pid == 0) {
		SYS(chdir("/fs.cw"));
		_exit(0);
	}
	tap_wait_ok(pid);
	check(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0,
	    "a child's chdir moved us to \"%s\"", buf);
	SYS(rmdir("/fs.cw/sub"));
	SYS(rmdir("/fs.cw"));
}

static void
t_fstat(void)
{
	struct stat a, b, d;
	mode_t old;
	int fd;

	old = umask(022);
	unlink("/fs.st");
	fd = SYS(open("/fs.st", O_CREAT | O_RDWR, 0666));
	check(write(fd, "12345", 5) == 5, "write");
	SYS(fstat(fd, &a));
	check(S_ISREG(a.st_mode) && (a.st_mode & 07777) == 0644,
	    "mode %o, want regular 0644 (0666 less umask 022)", a.st_mode);
	check(a.st_size == 5 && a.st_nlink == 1 && a.st_uid == 0,
	    "size %ld nlink %d uid %u", (long)a.st_size, a.st_nlink, a.st_uid);
	check(a.st_ino != 0, "inode 0");
	SYS(stat("/fs.st", &b));
	check(a.st_ino == b.st_ino && a.st_dev == b.st_dev, "fstat and stat "
	    "disagree");
	SYS(stat("/", &d));
	check(S_ISDIR(d.st_mode) && d.st_ino != a.st_ino, "/: mode %o ino %u",
	    d.st_mode, d.st_ino);
	SYS(fstatat(AT_FDCWD, "/fs.st", &b, 0));
	check(b.st_ino == a.st_ino, "fstatat");
	SYS(chmod("/fs.st", 0600));
	SYS(fstat(fd, &a));
	check((a.st_mode & 07777) == 0600, "mode %o after chmod 0600",
	    a.st_mode);
	check_errno(fstat(99, &a), EBADF);
	close(fd);
	unlink("/fs.st");
	umask(old);
}

static void
t_descriptors(void)
{
	char buf[8];
	int fd, d, fds[80], n, i;

	put("/fs.fd", "abcdef");
	fd = SYS(open("/fs.fd", O_RDONLY));
	d = SYS(dup(fd));
	check(d == fd + 1, "dup gave %d, want the lowest free %d", d, fd + 1);
	check(read(fd, buf, 2) == 2 && read(d, buf, 2) == 2 && buf[0] == 'c',
	    "dup'd descriptors do not share the offset");
	close(d);
	check_errno(read(d, buf, 1), EBADF);
	check_errno(close(d), EBADF);
	check_errno(close(-1), EBADF);
	check_errno(dup(77), EBADF);
	check_errno(dup2(fd, -1), EBADF);
	check(dup2(fd, fd) == fd, "dup2 onto itself");
	close(fd);
	/* Fill the table: EMFILE. */
	for (n = 0; n < 80; n++) {
		fds[n] = open("/fs.fd", O_RDONLY);
		if (fds[n] < 0)
			break;
	}
	check(n < 80 && errno == EMFILE, "%d opens, then errno %d, want "
	    "EMFILE", n, errno);
	check(n >= 50, "only %d descriptors", n);
	check_errno(dup(0), EMFILE);
	for (i = 0; i < n; i++)
		close(fds[i]);
	fd = SYS(open("/fs.fd", O_RDONLY));
	check(fd == 3, "after closing, open gave %d", fd);
	close(fd);
	unlink("/fs.fd");
}

static void
t_names(void)
{
	char name[80], path[400];
	int fd;

	/* 59 bytes is the longest name (MAXNAMLEN). */
	memset(name, 'n', 59);
	name[59] = '\0';
	snprintf(path, sizeof(path), "/%s", name);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	check(fd >= 0, "a 59-byte name: errno %d", errno);
	close(fd);
	SYS(unlink(path));
	memset(name, 'n', 70);
	name[70] = '\0';
	snprintf(path, sizeof(path), "/%s", name);
	check_errno(open(path, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
	memset(path, 'p', 300);
	path[0] = '/';
	path[300] = '\0';
	check_errno(open(path, O_RDONLY), ENAMETOOLONG);
}

static void
t_image(void)
{
	struct stat sb;

	SYS(stat("/README", &sb));
	check(S_ISREG(sb.st_mode) && sb.st_size > 0, "/README: mode %o size "
	    "%ld", sb.st_mode, (long)sb.st_size);
	SYS(stat("/bin/sh", &sb));
	check(S_ISREG(sb.st_mode) && (sb.st_mode & 0111), "/bin/sh mode %o",
	    sb.st_mode);
	SYS(stat("/bin/test_fs", &sb));
}

/* Four processes create, write, read and remove files at once. */
static void
t_concurrent(void)
{
	char name[32], data[32];
	pid_t pids[4];
	int w, i, wins, total = 0, fd;

	SYS(mkdir("/fs.cc", 0777));
	for (w = 0; w < 4; w++) {
		pids[w] = tap_fork();
		if (pids[w] == 0) {
			for (i = 0; i < 25; i++) {
				snprintf(name, sizeof(name), "/fs.cc/w%d.%d", w,
				    i);
				snprintf(data, sizeof(data), "%d-%d", w, i);
				put(name, data);
				want(name, data);
				if (i % 2)
					SYS(unlink(name));
			}
			/* All race to create the same names. */
			for (wins = 0, i = 0; i < 20; i++) {
				snprintf(name, sizeof(name), "/fs.cc/race%d", i);
				fd = open(name, O_CREAT | O_EXCL | O_WRONLY,
				    0644);
				if (fd >= 0) {
					wins++;
					close(fd);
				} else {
					check(errno == EEXIST, "race: errno %d",
					    errno);
				}
			}
			_exit(wins);
		}
	}
	for (w = 0; w < 4; w++) {
		int st = tap_wait(pids[w]);

		check(WIFEXITED(st) && WEXITSTATUS(st) <= 20, "writer %d: %s",
		    w, tap_status_str(st));
		total += WEXITSTATUS(st);
	}
	check(total == 20, "O_EXCL races: %d winners for 20 names", total);
	for (w = 0; w < 4; w++)
		for (i = 0; i < 25; i += 2) {
			snprintf(name, sizeof(name), "/fs.cc/w%d.%d", w, i);
			snprintf(data, sizeof(data), "%d-%d", w, i);
			want(name, data);
			SYS(unlink(name));
		}
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/fs.cc/race%d", i);
		SYS(unlink(name));
	}
	SYS(rmdir("/fs.cc"));
}

static void
user_perms(void)
{
	int fd;

	check_errno(open("/fs.p/private", O_RDONLY), EACCES);
	fd = open("/fs.p/public", O_RDONLY);
	check(fd >= 0, "read a 0644 file as a user: errno %d", errno);
	close(fd);
	check_errno(open("/fs.p/public", O_WRONLY), EACCES);
	check_errno(open("/fs.p/new", O_CREAT | O_WRONLY, 0644), EACCES);
	check_errno(unlink("/fs.p/public"), EACCES);
	check_errno(mkdir("/fs.p/dir", 0755), EACCES);
	check_errno(rmdir("/fs.p/sub"), EACCES);
	check_errno(chdir("/fs.p/locked"), EACCES);
	check_errno(open("/fs.p/locked/f", O_RDONLY), EACCES);
	fd = open("/fs.p/open/mine", O_CREAT | O_WRONLY, 0644);
	check(fd >= 0, "create in a 0777 directory: errno %d", errno);
	close(fd);
	check(unlink("/fs.p/open/mine") == 0, "unlink own file: errno %d",
	    errno);
}

static void
t_perms_nonroot(void)
{
	pid_t pid;

	SYS(mkdir("/fs.p", 0755));
	SYS(mkdir("/fs.p/sub", 0755));
	SYS(mkdir("/fs.p/open", 0777));
	SYS(chmod("/fs.p/open", 0777));
	SYS(mkdir("/fs.p/locked", 0700));
	put("/fs.p/locked/f", "x");
	put("/fs.p/private", "p");
	SYS(chmod("/fs.p/private", 0600));
	put("/fs.p/public", "q");
	SYS(chmod("/fs.p/public", 0644));
	pid = tap_fork();
	if (pid == 0) {
		SYS(setuid(1000));
		user_perms();
		_exit(0);
	}
	tap_wait_ok(pid);
}

static const struct tap_case cases[] = {
	{ "image", t_image },
	{ "create_read_write", t_create_read_write },
	{ "append_trunc", t_append_trunc },
	{ "seek", t_seek },
	{ "bigfile", t_bigfile },
	{ "dirs", t_dirs },
	{ "rmdir", t_rmdir },
	{ "readdir", t_readdir },
	{ "links", t_links },
	{ "unlink_open", t_unlink_open },
	{ "many_files", t_many_files },
	{ "excl", t_excl },
	{ "cloexec", t_cloexec },
	{ "cwd", t_cwd },
	{ "fstat", t_fstat },
	{ "descriptors", t_descriptors },
	{ "names", t_names },
	{ "concurrent", t_concurrent },
	{ "perms_nonroot", t_perms_nonroot },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
