/*
 * test_cred.c: credentials: the ids root starts with, setuid/seteuid/
 * setgid as root and then EPERM, inheritance across fork and exec, and
 * file permission checks (open, create, unlink, mkdir, chmod, chown,
 * exec) for a user who is not root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define	USER	1000
#define	OTHER	1001

/* Run fn in a child that has become USER; want it to exit 0. */
static void
as_user(void (*fn)(void))
{
	pid_t pid = tap_fork();

	if (pid == 0) {
		SYS(setuid(USER));
		fn();
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
t_root_ids(void)
{
	check(getuid() == 0 && geteuid() == 0, "uid %u euid %u, want 0 0 "
	    "(the shell runs as root)", getuid(), geteuid());
	check(getgid() == 0 && getegid() == 0, "gid %u egid %u, want 0 0",
	    getgid(), getegid());
}

static void
user_setuid(void)
{
	check(getuid() == USER && geteuid() == USER, "after setuid(%d): uid "
	    "%u euid %u", USER, getuid(), geteuid());
	check_errno(setuid(0), EPERM);
	check_errno(setuid(OTHER), EPERM);
	check_errno(seteuid(0), EPERM);
	check_errno(setgid(100), EPERM);	/* not our real gid (0) */
	check(setuid(USER) == 0, "setuid to one's own uid: errno %d", errno);
	check(getuid() == USER, "uid changed");
}

static void
t_setuid(void)
{
	as_user(user_setuid);
}

static void
t_seteuid(void)
{
	pid_t pid = tap_fork();

	if (pid == 0) {
		SYS(seteuid(USER));
		check(getuid() == 0 && geteuid() == USER, "after seteuid: uid "
		    "%u euid %u", getuid(), geteuid());
		/* The real uid is still root: we may go back. */
		check(seteuid(0) == 0 && geteuid() == 0, "seteuid(0) back: "
		    "errno %d", errno);
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
t_setgid(void)
{
	pid_t pid = tap_fork();

	if (pid == 0) {
		SYS(setgid(100));
		check(getgid() == 100 && getegid() == 100, "after setgid(100): "
		    "gid %u egid %u", getgid(), getegid());
		SYS(setegid(200));
		check(getgid() == 100 && getegid() == 200, "after "
		    "setegid(200): gid %u egid %u", getgid(), getegid());
		SYS(setuid(USER));
		check_errno(setgid(0), EPERM);
		check_errno(setegid(0), EPERM);
		_exit(0);
	}
	tap_wait_ok(pid);
}

static void
user_inherit(void)
{
	char *argv[] = { "/bin/thelper_exec", "argv", NULL };
	char *envp[] = { NULL };
	char out[1024], want[64];
	pid_t pid;
	int st;

	pid = tap_fork();
	if (pid == 0) {
		check(getuid() == USER && geteuid() == USER, "forked child of "
		    "a user: uid %u euid %u", getuid(), geteuid());
		_exit(0);
	}
	tap_wait_ok(pid);
	st = tap_run(argv, envp, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec as a user: %s",
	    tap_status_str(st));
	snprintf(want, sizeof(want), "uid=%d euid=%d", USER, USER);
	check(strstr(out, want) != NULL, "exec'd program reports: %s", out);
}

static void
t_inherit(void)
{
	as_user(user_inherit);
}

/* Files root makes for the permission cases. */
static void
make_file(const char *path, int mode)
{
	int fd;

	unlink(path);
	fd = SYS(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600));
	check(write(fd, "secret\n", 7) == 7, "write %s", path);
	close(fd);
	SYS(chmod(path, mode));
}

static void
setup_tree(void)
{
	mkdir("/cred", 0755);
	SYS(chmod("/cred", 0755));
	mkdir("/cred/open", 0777);
	SYS(chmod("/cred/open", 0777));
	make_file("/cred/private", 0600);
	make_file("/cred/public", 0644);
	make_file("/cred/nothing", 0000);
}

static void
user_perms(void)
{
	struct stat sb;
	char buf[16];
	int fd;

	check_errno(open("/cred/private", O_RDONLY), EACCES);
	check_errno(open("/cred/private", O_WRONLY), EACCES);
	fd = open("/cred/public", O_RDONLY);
	check(fd >= 0, "read a 0644 file: errno %d", errno);
	check(read(fd, buf, sizeof(buf)) == 7, "read");
	close(fd);
	check_errno(open("/cred/public", O_WRONLY), EACCES);
	check_errno(open("/cred/public", O_RDWR), EACCES);
	check_errno(open("/cred/public", O_WRONLY | O_TRUNC), EACCES);
	/* Root's 0755 directory: no new names, no removals. */
	check_errno(open("/cred/new", O_CREAT | O_WRONLY, 0644), EACCES);
	check_errno(mkdir("/cred/newdir", 0755), EACCES);
	check_errno(unlink("/cred/public"), EACCES);
	check_errno(link("/cred/public", "/cred/link"), EACCES);
	/* Only the owner (or root) changes modes and owners. */
	check_errno(chmod("/cred/public", 0666), EPERM);
	check_errno(chown("/cred/public", USER, 0), EPERM);
	/* A 0777 directory takes new files, owned by us. */
	fd = open("/cred/open/mine", O_CREAT | O_WRONLY | O_TRUNC, 0640);
	check(fd >= 0, "create in a 0777 directory: errno %d", errno);
	SYS(fstat(fd, &sb));
	check(sb.st_uid == USER, "new file's owner %u, want %d", sb.st_uid,
	    USER);
	close(fd);
	check(chmod("/cred/open/mine", 0600) == 0, "chmod own file: errno %d",
	    errno);
	check_errno(chown("/cred/open/mine", OTHER, 0), EPERM);
	check(unlink("/cred/open/mine") == 0, "unlink own file: errno %d",
	    errno);
	/* Only root powers off. */
	check_errno(reboot(RB_POWEROFF), EPERM);
}

static void
t_file_perms(void)
{
	setup_tree();
	as_user(user_perms);
}

static void
t_root_bypasses(void)
{
	int fd;

	setup_tree();
	fd = open("/cred/nothing", O_RDWR);
	check(fd >= 0, "root opens a mode 0000 file: errno %d", errno);
	close(fd);
	SYS(chown("/cred/public", USER, 0));
	SYS(stat("/cred/public", &(struct stat){ 0 }));
}

static void
user_owner(void)
{
	int fd;

	/* The file root gave us: we may chmod it, then write it. */
	check(chmod("/cred/given", 0600) == 0, "chmod a file we own: errno "
	    "%d", errno);
	fd = open("/cred/given", O_WRONLY);
	check(fd >= 0, "open our own 0600 file for writing: errno %d", errno);
	close(fd);
}

static void
t_chown_gives(void)
{
	struct stat sb;

	setup_tree();
	make_file("/cred/given", 0400);
	SYS(chown("/cred/given", USER, 0));
	SYS(stat("/cred/given", &sb));
	check(sb.st_uid == USER, "owner %u after chown to %d", sb.st_uid,
	    USER);
	as_user(user_owner);
}

static void
t_umask(void)
{
	struct stat sb;
	mode_t old;
	int fd;

	old = umask(027);
	unlink("/cred.umask");
	fd = SYS(open("/cred.umask", O_CREAT | O_WRONLY, 0666));
	SYS(fstat(fd, &sb));
	close(fd);
	check((sb.st_mode & 0777) == 0640, "mode %o with umask 027, want 640",
	    sb.st_mode & 0777);
	check(umask(old) == 027, "umask did not return the old mask");
	unlink("/cred.umask");
}

static void
copy_file(const char *from, const char *to, int mode)
{
	static char buf[4096];
	int in, out;
	ssize_t n;

	in = SYS(open(from, O_RDONLY));
	unlink(to);
	out = SYS(open(to, O_CREAT | O_WRONLY | O_TRUNC, 0700));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		check(write(out, buf, n) == n, "copy");
	close(in);
	close(out);
	SYS(chmod(to, mode));
}

static void
user_exec(void)
{
	char *argv[] = { "/cred/prog700", "exit", "0", NULL };
	char *envp[] = { NULL };
	char out[256];
	int st;

	check_errno(execve("/cred/prog700", argv, envp), EACCES);
	argv[0] = "/cred/prog755";
	st = tap_run(argv, envp, out, sizeof(out));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a user runs a 0755 "
	    "program: %s (%s)", tap_status_str(st), out);
}

static void
t_exec_perms(void)
{
	setup_tree();
	copy_file("/bin/thelper_exec", "/cred/prog700", 0700);
	copy_file("/bin/thelper_exec", "/cred/prog755", 0755);
	as_user(user_exec);
}

static const struct tap_case cases[] = {
	{ "root_ids", t_root_ids },
	{ "setuid", t_setuid },
	{ "seteuid", t_seteuid },
	{ "setgid", t_setgid },
	{ "inherit", t_inherit },
	{ "file_perms", t_file_perms },
	{ "root_bypasses", t_root_bypasses },
	{ "chown_gives", t_chown_gives },
	{ "umask", t_umask },
	{ "exec_perms", t_exec_perms },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
