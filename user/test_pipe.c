/*
 * test_pipe.c: pipes: data through, EOF, EPIPE, many writers, a big
 * transfer between processes, poll (POLLIN, POLLHUP, POLLOUT, POLLNVAL,
 * timeouts, wakeups), pipe2 flags, and no pages lost.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

/* Byte i of the big transfer's stream: not periodic in any pipe size. */
static unsigned char
pattern(long i)
{
	return ((unsigned char)(i * 7 + i / 251));
}

static void
t_basic(void)
{
	char buf[32];
	int p[2];

	SYS(pipe(p));
	check(p[0] >= 0 && p[1] >= 0 && p[0] != p[1], "pipe gave %d, %d",
	    p[0], p[1]);
	check(write(p[1], "hello", 5) == 5, "write: errno %d", errno);
	memset(buf, 0, sizeof(buf));
	/* A read returns what is there; it does not wait to fill buf. */
	check(read(p[0], buf, sizeof(buf)) == 5 && strcmp(buf, "hello") == 0,
	    "read back \"%s\"", buf);
	check_errno(write(p[0], "x", 1), EBADF);	/* the read end */
	check_errno(read(p[1], buf, 1), EBADF);		/* the write end */
	check_errno(lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
}

static void
t_eof(void)
{
	char buf[8];
	int p[2];

	SYS(pipe(p));
	check(write(p[1], "ab", 2) == 2, "write");
	close(p[1]);
	check(read(p[0], buf, sizeof(buf)) == 2, "data before EOF");
	check(read(p[0], buf, sizeof(buf)) == 0, "no EOF after the writer "
	    "closed");
	check(read(p[0], buf, sizeof(buf)) == 0, "EOF is not sticky");
	close(p[0]);

	/* A dup of the write end keeps the pipe open. */
	SYS(pipe(p));
	int d = SYS(dup(p[1]));
	close(p[1]);
	check(write(d, "c", 1) == 1, "write on the dup");
	close(d);
	check(read(p[0], buf, sizeof(buf)) == 1 && buf[0] == 'c',
	    "byte through the dup");
	check(read(p[0], buf, sizeof(buf)) == 0, "no EOF after the dup "
	    "closed");
	close(p[0]);
}

static void
t_epipe(void)
{
	pid_t pid;
	int p[2], st;

	SYS(pipe(p));
	close(p[0]);
	/* In a child: with signals, SIGPIPE may end it instead. */
	pid = tap_fork();
	if (pid == 0) {
		check_errno(write(p[1], "x", 1), EPIPE);
		_exit(0);
	}
	st = tap_wait(pid);
	check((WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
	    (WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE),
	    "writer to a pipe with no reader: %s, want EPIPE or SIGPIPE",
	    tap_status_str(st));
	close(p[1]);
}

/* A writer blocked on a full pipe gets EPIPE when the reader goes. */
static void
t_epipe_blocked(void)
{
	static char buf[4096];
	pid_t pid;
	int p[2], st;

	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		ssize_t n;

		close(p[0]);
		for (;;) {
			n = write(p[1], buf, sizeof(buf));
			if (n == -1)
				_exit(errno == EPIPE ? 0 : 1);
		}
	}
	close(p[1]);
	tap_sleep_ms(200);		/* let it fill the pipe and block */
	close(p[0]);
	st = tap_wait(pid);
	check((WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
	    (WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE),
	    "blocked writer after the reader closed: %s", tap_status_str(st));
}

#define	BIG	(1024 * 1024)

static void
t_big_transfer(void)
{
	static unsigned char buf[8192];
	long got = 0, i;
	ssize_t n;
	pid_t pid;
	int p[2], k = 0;

	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		long sent = 0, len;

		close(p[0]);
		while (sent < BIG) {
			/* Odd sizes, to straddle the pipe's buffer. */
			len = 1 + (sent * 13) % 5000;
			if (len > BIG - sent)
				len = BIG - sent;
			for (i = 0; i < len; i++)
				buf[i] = pattern(sent + i);
			n = write(p[1], buf, len);
			check(n > 0, "write at %ld: errno %d", sent, errno);
			sent += n;
		}
		_exit(0);
	}
	close(p[1]);
	for (;;) {
		n = read(p[0], buf, 1 + (k++ * 7) % sizeof(buf));
		check(n >= 0, "read at %ld: errno %d", got, errno);
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
			check(buf[i] == pattern(got + i), "byte %ld is %d, want "
			    "%d", got + i, buf[i], pattern(got + i));
		got += n;
	}
	check(got == BIG, "read %ld bytes, want %d", got, BIG);
	tap_wait_ok(pid);
	close(p[0]);
}

#define	NWRITERS	8
#define	NRECORDS	200

/* Records of 16 bytes (< PIPE_BUF, so atomic): "Wn seq=NNNNNNNN\n". */
static void
t_many_writers(void)
{
	int next[NWRITERS], p[2], i, w, seq, total = 0;
	char rec[17], buf[16 * 64];
	size_t have = 0;
	pid_t pids[NWRITERS];
	ssize_t n;

	SYS(pipe(p));
	for (w = 0; w < NWRITERS; w++) {
		pids[w] = tap_fork();
		if (pids[w] == 0) {
			close(p[0]);
			for (i = 0; i < NRECORDS; i++) {
				snprintf(rec, sizeof(rec), "W%d seq=%08d\n", w,
				    i);
				check(write(p[1], rec, 16) == 16,
				    "writer %d: errno %d", w, errno);
			}
			_exit(0);
		}
		next[w] = 0;
	}
	close(p[1]);
	for (;;) {
		n = read(p[0], buf + have, sizeof(buf) - have);
		check(n >= 0, "read: errno %d", errno);
		if (n == 0)
			break;
		have += n;
		for (i = 0; i + 16 <= (int)have; i += 16) {
			check(buf[i] == 'W' && buf[i + 15] == '\n',
			    "record %d is torn: \"%.16s\"", total, buf + i);
			w = buf[i + 1] - '0';
			seq = atoi(buf + i + 7);
			check(w >= 0 && w < NWRITERS && seq == next[w],
			    "writer %d's record %d came when %d was due", w,
			    seq, w >= 0 && w < NWRITERS ? next[w] : -1);
			next[w]++;
			total++;
		}
		memmove(buf, buf + i, have - i);
		have -= i;
	}
	check(have == 0, "%lu stray bytes at EOF", (unsigned long)have);
	check(total == NWRITERS * NRECORDS, "%d records, want %d", total,
	    NWRITERS * NRECORDS);
	for (w = 0; w < NWRITERS; w++)
		tap_wait_ok(pids[w]);
	close(p[0]);
}

static void
t_poll_in(void)
{
	struct pollfd pfd;
	char c;
	int p[2], r;
	long t0;

	SYS(pipe(p));
	pfd.fd = p[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	r = poll(&pfd, 1, 0);
	check(r == 0 && pfd.revents == 0, "empty pipe: poll %d revents 0x%x",
	    r, pfd.revents);
	t0 = tap_now_ms();
	r = poll(&pfd, 1, 200);
	check(r == 0, "empty pipe, 200 ms timeout: poll returned %d", r);
	check(tap_now_ms() - t0 >= 150, "a 200 ms poll returned after %ld ms",
	    tap_now_ms() - t0);
	SYS(write(p[1], "x", 1));
	r = poll(&pfd, 1, 0);
	check(r == 1 && (pfd.revents & POLLIN), "after a write: poll %d "
	    "revents 0x%x, want POLLIN", r, pfd.revents);
	SYS(read(p[0], &c, 1));
	r = poll(&pfd, 1, 0);
	check(r == 0, "drained again: poll %d revents 0x%x", r, pfd.revents);
	close(p[0]);
	close(p[1]);
}

static void
t_poll_wakeup(void)
{
	struct pollfd pfd;
	pid_t pid;
	int p[2], r;
	long t0;

	SYS(pipe(p));
	pid = tap_fork();
	if (pid == 0) {
		tap_sleep_ms(200);
		(void)write(p[1], "y", 1);
		_exit(0);
	}
	pfd.fd = p[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	t0 = tap_now_ms();
	r = poll(&pfd, 1, 30000);
	check(r == 1 && (pfd.revents & POLLIN), "poll with a writer coming: "
	    "%d revents 0x%x", r, pfd.revents);
	check(tap_now_ms() - t0 < 20000, "woken only after %ld ms",
	    tap_now_ms() - t0);
	tap_wait_ok(pid);
	close(p[0]);
	close(p[1]);
}

static void
t_poll_hup(void)
{
	struct pollfd pfd[2];
	int p[2], q[2], r;

	SYS(pipe(p));
	close(p[1]);
	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	r = poll(pfd, 1, 1000);
	check(r == 1 && (pfd[0].revents & POLLHUP), "read end of a pipe "
	    "with no writer: poll %d revents 0x%x, want POLLHUP", r,
	    pfd[0].revents);
	close(p[0]);

	/* A writer that goes away while we wait wakes us with POLLHUP. */
	SYS(pipe(q));
	pid_t pid = tap_fork();
	if (pid == 0) {
		close(q[0]);
		tap_sleep_ms(200);
		_exit(0);		/* closes q[1] */
	}
	close(q[1]);
	pfd[0].fd = q[0];
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	r = poll(pfd, 1, 30000);
	check(r == 1 && (pfd[0].revents & POLLHUP), "writer exited while we "
	    "polled: poll %d revents 0x%x, want POLLHUP", r, pfd[0].revents);
	tap_wait_ok(pid);
	close(q[0]);
}

static void
t_poll_out_nval(void)
{
	struct pollfd pfd[3];
	int p[2], r;

	SYS(pipe(p));
	pfd[0].fd = p[1];
	pfd[0].events = POLLOUT;
	pfd[1].fd = p[0];
	pfd[1].events = POLLIN;
	pfd[2].fd = 60;			/* not open */
	pfd[2].events = POLLIN;
	pfd[0].revents = pfd[1].revents = pfd[2].revents = 0;
	close(60);
	r = poll(pfd, 3, 0);
	check(r == 2, "poll returned %d, want 2 (POLLOUT and POLLNVAL)", r);
	check(pfd[0].revents & POLLOUT, "write end: revents 0x%x, want "
	    "POLLOUT", pfd[0].revents);
	check(pfd[1].revents == 0, "empty read end: revents 0x%x",
	    pfd[1].revents);
	check(pfd[2].revents & POLLNVAL, "closed fd: revents 0x%x, want "
	    "POLLNVAL", pfd[2].revents);
	/* A negative fd is ignored. */
	pfd[2].fd = -1;
	r = poll(pfd, 3, 0);
	check(r == 1 && pfd[2].revents == 0, "fd -1: poll %d revents 0x%x",
	    r, pfd[2].revents);
	close(p[0]);
	close(p[1]);
}

static void
t_pipe2_flags(void)
{
	int p[2], fd;

	SYS(pipe2(p, O_CLOEXEC));
	check(fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
	    fcntl(p[1], F_GETFD) == FD_CLOEXEC,
	    "pipe2(O_CLOEXEC): F_GETFD %d %d", fcntl(p[0], F_GETFD),
	    fcntl(p[1], F_GETFD));
	close(p[0]);
	close(p[1]);
	SYS(pipe(p));
	check(fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0,
	    "pipe(): F_GETFD %d %d", fcntl(p[0], F_GETFD),
	    fcntl(p[1], F_GETFD));
	/* pipe gives the lowest free descriptors. */
	fd = p[0] < p[1] ? p[0] : p[1];
	close(p[0]);
	close(p[1]);
	SYS(pipe(p));
	check((p[0] < p[1] ? p[0] : p[1]) == fd, "pipe reused %d, %d, not "
	    "the lowest %d", p[0], p[1], fd);
	close(p[0]);
	close(p[1]);
	check_errno(pipe2(p, 0x40000000), EINVAL);	/* unknown flag */
}

static void
t_no_leak(void)
{
	unsigned long before = 0;
	char buf[512];
	int i, p[2];

	memset(buf, 'z', sizeof(buf));
	for (i = 0; i < 103; i++) {
		if (i == 3)
			before = tap_free_pages();
		SYS(pipe(p));
		check(write(p[1], buf, sizeof(buf)) == sizeof(buf), "write");
		close(p[1]);
		close(p[0]);
	}
	tap_check_free_pages(before, 4, "100 pipes, with data left unread");
}

static const struct tap_case cases[] = {
	{ "basic", t_basic },
	{ "eof", t_eof },
	{ "epipe", t_epipe },
	{ "epipe_blocked_writer", t_epipe_blocked },
	{ "big_transfer", t_big_transfer },
	{ "many_writers", t_many_writers },
	{ "poll_in", t_poll_in },
	{ "poll_wakeup", t_poll_wakeup },
	{ "poll_hup", t_poll_hup },
	{ "poll_out_nval", t_poll_out_nval },
	{ "pipe2_flags", t_pipe2_flags },
	{ "no_leak", t_no_leak },
};

int
main(int argc, char **argv)
{
	return (tap_main(cases, TAP_NCASES(cases), argc, argv));
}
