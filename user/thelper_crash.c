/*
 * thelper_crash.c: a helper for tools/crashtest.py (not a test itself).
 *
 *   thelper_crash DIR N SEED      write mode
 *   thelper_crash -v DIR K SEED   verify mode
 *
 * Write mode creates DIR and then, for K = 0 .. N-1, creates DIR/fK with
 * contents that depend only on SEED and K (see plan() and content()),
 * closes it and prints `committed K`.  The log commits a group when the
 * last operation running together ends (end_op() in kernel/fs_log.c), so
 * with no other process using the file system every write(2) and close(2)
 * has committed when it returns: the file is on disk, crash or not.
 * Between files it exercises more metadata, all left to tools/fsck.py to
 * check: links, scratch files, directories made and removed, big files
 * truncated and unlinked, and a file unlinked while open (a crash then
 * leaves an orphan inode with no links, which the kernel frees only at
 * the last close).  Ends with `done N`.
 *
 * Verify mode checks that DIR/f0 .. DIR/fK exist with exactly their
 * contents, and that any later DIR/fJ that exists is a prefix of its
 * contents (each write chunk is atomic, so a crash may cut a file short
 * but never tear it).  Prints `verified K` and exits 0, or prints
 * `mismatch ...` for the first difference and exits 1.
 *
 * tools/crashtest.py mirrors plan() and content() to check the image from
 * the host as well: keep the two in step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define	BUFSZ	16384

static char buf[BUFSZ];
static char want[BUFSZ];

/* A 32-bit mixing function (the finaliser of MurmurHash3). */
static uint32_t
mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x85ebca6bU;
	x ^= x >> 13;
	x *= 0xc2b2ae35U;
	x ^= x >> 16;
	return (x);
}

/* The key of file k under seed: every other value derives from it. */
static uint32_t
filekey(uint32_t seed, uint32_t k)
{
	return (mix(seed * 0x9e3779b9U + k * 0x7f4a7c15U + 1));
}

/*
 * The shape of file k: its size, and a hole [hole_lo, hole_hi) that is
 * never written (hole_lo == hole_hi: none).  A quarter of the files are
 * tiny (under 1 KiB, some empty), a quarter under 9 KiB (direct blocks
 * only), a quarter reach the single indirect block (up to 200 KiB), and
 * a quarter the double indirect (above 265 KiB: 300 to 420 KiB).
 */
struct plan {
	uint32_t	size;
	uint32_t	hole_lo;
	uint32_t	hole_hi;
};

static void
plan(uint32_t seed, uint32_t k, struct plan *p)
{
	uint32_t key, r;

	key = filekey(seed, k);
	r = mix(key ^ 0x51ed270bU);
	switch (key % 4) {
	case 0:
		p->size = r % 1024;
		break;
	case 1:
		p->size = 1024 + r % (8 * 1024);
		break;
	case 2:
		p->size = 9 * 1024 + r % (191 * 1024);
		break;
	default:
		p->size = 300 * 1024 + r % (120 * 1024);
		break;
	}
	p->hole_lo = p->hole_hi = 0;
	r = mix(r);
	if (p->size >= 20 * 1024 && r % 3 == 0) {
		/* A hole of 1 to 64 KiB somewhere before the last 4 KiB. */
		p->hole_lo = mix(r) % (p->size - 16 * 1024);
		p->hole_hi = p->hole_lo + 1024 + mix(r + 1) % (63 * 1024);
		if (p->hole_hi > p->size - 4096)
			p->hole_hi = p->size - 4096;
	}
}

/* Fill b with bytes [off, off + n) of file k's contents. */
static void
content(uint32_t seed, uint32_t k, const struct plan *p, uint32_t off,
    char *b, uint32_t n)
{
	uint32_t i, key, o, w, widx;

	key = filekey(seed, k);
	w = 0;
	widx = UINT32_MAX;		/* the word w holds: none yet */
	for (i = 0; i < n; i++) {
		o = off + i;
		if (o >= p->hole_lo && o < p->hole_hi) {
			b[i] = 0;
			continue;
		}
		if (o / 4 != widx) {
			widx = o / 4;
			w = mix(key ^ widx * 0x2545f491U);
		}
		b[i] = (char)(w >> (8 * (o % 4)));
	}
}

static uint32_t rng;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return (rng);
}

static void
die(const char *what, const char *path)
{
	dprintf(1, "thelper_crash: %s %s: %s\n", what, path, strerror(errno));
	exit(2);
}

/* Write all of b[0..n) to fd. */
static void
writeall(int fd, const char *b, uint32_t n, const char *path)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, b, n);
		if (w <= 0)
			die("write", path);
		b += w;
		n -= (uint32_t)w;
	}
}

/* Write bytes [from, to) of file k to fd (at its offset) in random pieces. */
static void
write_range(int fd, uint32_t seed, uint32_t k, const struct plan *p,
    uint32_t from, uint32_t to, const char *path)
{
	uint32_t n;

	while (from < to) {
		switch (rnd() % 4) {
		case 0:
			n = 1 + rnd() % 1500;
			break;
		case 1:
			n = 4096;
			break;
		default:
			n = 1 + rnd() % BUFSZ;
			break;
		}
		if (n > to - from)
			n = to - from;
		content(seed, k, p, from, buf, n);
		writeall(fd, buf, n, path);
		from += n;
	}
}

/* Create DIR/fK with its contents, in pieces, skipping its hole. */
static void
make_file(const char *dir, uint32_t seed, uint32_t k)
{
	char path[128];
	struct plan p;
	int fd;

	plan(seed, k, &p);
	snprintf(path, sizeof(path), "%s/f%u", dir, k);
	if ((fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644)) < 0)
		die("create", path);
	if (p.hole_lo < p.hole_hi) {
		write_range(fd, seed, k, &p, 0, p.hole_lo, path);
		if (lseek(fd, p.hole_hi, SEEK_SET) != (off_t)p.hole_hi)
			die("lseek", path);
		write_range(fd, seed, k, &p, p.hole_hi, p.size, path);
	} else {
		write_range(fd, seed, k, &p, 0, p.size, path);
	}
	if (close(fd) != 0)
		die("close", path);
}

/* Create path holding n bytes of junk; returns nothing, dies on error. */
static void
scratch(const char *path, uint32_t n, int flags)
{
	uint32_t m;
	int fd;

	if ((fd = open(path, O_CREAT | O_WRONLY | flags, 0644)) < 0)
		die("create", path);
	memset(buf, 'a' + (int)(n % 26), sizeof(buf));
	while (n > 0) {
		m = n < BUFSZ ? n : BUFSZ;
		writeall(fd, buf, m, path);
		n -= m;
	}
	if (close(fd) != 0)
		die("close", path);
}

/* Metadata traffic between files: links, directories, big unlinks. */
static void
churn(const char *dir, uint32_t k)
{
	char a[128], b[128];
	int fd;

	/* A file with two names, the first removed: lK stays a while. */
	if (rnd() % 3 == 0) {
		snprintf(a, sizeof(a), "%s/s%u", dir, k);
		snprintf(b, sizeof(b), "%s/l%u", dir, k);
		scratch(a, rnd() % 3000, 0);
		if (link(a, b) != 0)
			die("link", b);
		if (unlink(a) != 0)
			die("unlink", a);
	}
	if (k > 0) {
		snprintf(b, sizeof(b), "%s/l%u", dir, k - 1);
		(void)unlink(b);	/* there or not */
	}
	/* A directory with a file: removed again, or left. */
	if (rnd() % 4 == 0) {
		snprintf(a, sizeof(a), "%s/d%u", dir, k);
		if (mkdir(a, 0755) != 0)
			die("mkdir", a);
		snprintf(b, sizeof(b), "%s/d%u/x", dir, k);
		scratch(b, rnd() % 20000, 0);
		if (rnd() % 2 == 0) {
			if (unlink(b) != 0)
				die("unlink", b);
			if (rmdir(a) != 0)
				die("rmdir", a);
		}
	}
	/* A big file, cut short by O_TRUNC, then removed. */
	if (rnd() % 6 == 0) {
		snprintf(a, sizeof(a), "%s/b%u", dir, k);
		scratch(a, 40 * 1024 + rnd() % (300 * 1024), 0);
		scratch(a, rnd() % 2000, O_TRUNC);
		if (unlink(a) != 0)
			die("unlink", a);
	}
	/* A file unlinked while open, written, then closed. */
	if (rnd() % 8 == 0) {
		snprintf(a, sizeof(a), "%s/o%u", dir, k);
		if ((fd = open(a, O_CREAT | O_RDWR, 0644)) < 0)
			die("create", a);
		if (unlink(a) != 0)
			die("unlink", a);
		memset(buf, 'o', sizeof(buf));
		writeall(fd, buf, BUFSZ, a);
		writeall(fd, buf, BUFSZ, a);
		if (close(fd) != 0)
			die("close", a);
	}
}

static int
do_write(const char *dir, uint32_t n, uint32_t seed)
{
	uint32_t k;

	rng = mix(seed ^ 0xa5a5a5a5U) | 1;
	if (mkdir(dir, 0755) != 0)
		die("mkdir", dir);
	for (k = 0; k < n; k++) {
		make_file(dir, seed, k);
		dprintf(1, "committed %u\n", k);
		churn(dir, k);
	}
	dprintf(1, "done %u\n", n);
	return (0);
}

/*
 * Compare file k (open on fd, size st_size) with its contents; whole
 * says whether it must be complete or may be a prefix.  Returns 0 or
 * prints the mismatch and returns 1.
 */
static int
check_file(int fd, const char *path, uint32_t seed, uint32_t k, int whole)
{
	struct stat st;
	struct plan p;
	uint32_t off, n, i;
	ssize_t r;

	plan(seed, k, &p);
	if (fstat(fd, &st) != 0)
		die("fstat", path);
	if (!S_ISREG(st.st_mode)) {
		dprintf(1, "mismatch %s: mode %o, not a regular file\n", path,
		    st.st_mode);
		return (1);
	}
	if ((uint32_t)st.st_size > p.size ||
	    (whole && (uint32_t)st.st_size != p.size)) {
		dprintf(1, "mismatch %s: size %ld, want %s%u\n", path,
		    (long)st.st_size, whole ? "" : "at most ", p.size);
		return (1);
	}
	for (off = 0; off < (uint32_t)st.st_size; off += n) {
		n = (uint32_t)st.st_size - off;
		if (n > BUFSZ)
			n = BUFSZ;
		r = read(fd, buf, n);
		if (r != (ssize_t)n) {
			dprintf(1, "mismatch %s: read at %u gave %ld of %u "
			    "(errno %d)\n", path, off, (long)r, n, errno);
			return (1);
		}
		content(seed, k, &p, off, want, n);
		if (memcmp(buf, want, n) != 0) {
			for (i = 0; buf[i] == want[i]; i++)
				;
			dprintf(1, "mismatch %s: byte %u is %#x, want %#x "
			    "(size %ld of %u%s)\n", path, off + i,
			    buf[i] & 0xff, want[i] & 0xff, (long)st.st_size,
			    p.size, whole ? "" : ", a later file");
			return (1);
		}
	}
	if (read(fd, buf, 1) != 0) {
		dprintf(1, "mismatch %s: data past its size %ld\n", path,
		    (long)st.st_size);
		return (1);
	}
	if (!whole)
		dprintf(1, "# later %s: %ld of %u bytes, a prefix\n", path,
		    (long)st.st_size, p.size);
	return (0);
}

static int
do_verify(const char *dir, long last, uint32_t seed)
{
	char path[128];
	uint32_t k;
	int bad, fd;

	for (k = 0;; k++) {
		snprintf(path, sizeof(path), "%s/f%u", dir, k);
		if ((fd = open(path, O_RDONLY)) < 0) {
			if ((long)k <= last) {
				dprintf(1, "mismatch %s: committed but open "
				    "fails: %s\n", path, strerror(errno));
				return (1);
			}
			break;
		}
		bad = check_file(fd, path, seed, k, (long)k <= last);
		close(fd);
		if (bad)
			return (1);
	}
	dprintf(1, "verified %ld\n", last);
	return (0);
}

static void
usage(void)
{
	dprintf(2, "usage: thelper_crash DIR N SEED\n"
	    "       thelper_crash -v DIR K SEED\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	uint32_t seed;

	if (argc == 5 && strcmp(argv[1], "-v") == 0) {
		seed = (uint32_t)strtoul(argv[4], NULL, 0);
		return (do_verify(argv[2], strtol(argv[3], NULL, 0), seed));
	}
	if (argc != 4 || argv[1][0] == '-')
		usage();
	seed = (uint32_t)strtoul(argv[3], NULL, 0);
	return (do_write(argv[1], (uint32_t)strtoul(argv[2], NULL, 0), seed));
}
