/*
 * sysctl.c: read and set kernel state by name.
 *   sysctl [-n] name[=value] ...	read, or set then show old -> new
 *   sysctl [-n] [-o] -a		every node ("sysctl.next" enumeration)
 * A name with no node of its own lists the nodes under it.
 *
 * The kernel doesn't report types, so a value's length decides: sizeof(int)
 * is an int, sizeof(long) an unsigned long, a NUL-terminated run of
 * printable bytes a string (checked first, so "abc" is not an int), and
 * anything else opaque.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <unistd.h>

#define	NAMELEN		128	/* longest node name we handle */

enum vtype { V_INT, V_ULONG, V_STRING, V_OPAQUE };

static int	nflag, oflag;

static enum vtype
vtype(const unsigned char *buf, size_t len)
{
	size_t i;

	if (len > 0 && buf[len - 1] == '\0') {
		for (i = 0; i + 1 < len; i++)
			if (!isprint(buf[i]) && buf[i] != '\t' && buf[i] != '\n')
				break;
		if (i + 1 == len)
			return (V_STRING);
	}
	if (len == sizeof(int))
		return (V_INT);
	if (len == sizeof(long))
		return (V_ULONG);
	return (V_OPAQUE);
}

/* Fetch name's value into a malloc'd buffer; -1 with errno set on error. */
static int
getvalue(const char *name, unsigned char **bufp, size_t *lenp)
{
	unsigned char *buf;
	size_t len;
	int tries;

	for (tries = 0;; tries++) {
		if (sysctlbyname(name, NULL, &len, NULL, 0) != 0)
			return (-1);
		/* Slack for values that grow in between (kern.proc.all). */
		len += len / 4 + 16;
		if ((buf = malloc(len + 1)) == NULL)
			return (-1);
		if (sysctlbyname(name, buf, &len, NULL, 0) == 0)
			break;
		free(buf);
		if (errno != ENOMEM || tries == 5)
			return (-1);
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return (0);
}

static void
printvalue(const unsigned char *buf, size_t len)
{
	size_t i;
	int iv;
	unsigned long ulv;

	switch (vtype(buf, len)) {
	case V_INT:
		memcpy(&iv, buf, sizeof(iv));
		printf("%d", iv);
		break;
	case V_ULONG:
		memcpy(&ulv, buf, sizeof(ulv));
		printf("%lu", ulv);
		break;
	case V_STRING:
		printf("%s", (const char *)buf);
		break;
	default:
		printf("Format:opaque Length:%zu Dump:0x", len);
		for (i = 0; i < len && i < 16; i++)
			printf("%02x", buf[i]);
		if (len > 16)
			printf("...");
		break;
	}
}

/* Show one node; in a listing (-a), opaque nodes need -o, as in BSD. */
static int
shownode(const char *name, int listing)
{
	unsigned char *buf;
	size_t len;

	if (getvalue(name, &buf, &len) != 0) {
		if (listing)
			return (0);
		return (-1);
	}
	if (!listing || oflag || vtype(buf, len) != V_OPAQUE) {
		if (!nflag)
			printf("%s: ", name);
		printvalue(buf, len);
		putchar('\n');
	}
	free(buf);
	return (0);
}

/*
 * Enumerate nodes: "sysctl.next" with the previous name (NUL included)
 * as the new value returns the next name; "" starts the walk.  Shows
 * every node whose name starts with prefix.  Returns how many matched.
 */
static int
listnodes(const char *prefix)
{
	char prev[NAMELEN], next[NAMELEN];
	size_t plen = strlen(prefix), len;
	int count = 0, n;

	prev[0] = '\0';
	/* The bound only guards against a kernel that loops. */
	for (n = 0; n < 100000; n++) {
		len = sizeof(next) - 1;
		if (sysctlbyname(SYSCTL_NEXT_NAME, next, &len, prev,
		    strlen(prev) + 1) != 0) {
			if (errno != ENOENT)
				warn("%s", SYSCTL_NEXT_NAME);
			break;
		}
		next[len < sizeof(next) ? len : sizeof(next) - 1] = '\0';
		if (next[0] == '\0' || strcmp(next, prev) == 0)
			break;
		if (strncmp(next, prefix, plen) == 0 &&
		    (plen == 0 || next[plen] == '.' || next[plen] == '\0') &&
		    strcmp(next, SYSCTL_NEXT_NAME) != 0) {
			shownode(next, 1);
			count++;
		}
		strlcpy(prev, next, sizeof(prev));
	}
	return (count);
}

/* "name=value": parse value by the node's current type and set it. */
static int
setnode(char *arg)
{
	char *name = arg, *value, *end;
	unsigned char *old;
	size_t oldlen, newlen;
	const void *newp;
	unsigned long ulv;
	long lv;
	int iv;

	value = strchr(arg, '=');
	*value++ = '\0';
	if (getvalue(name, &old, &oldlen) != 0) {
		warn("%s", name);
		return (1);
	}
	switch (vtype(old, oldlen)) {
	case V_STRING:
		newp = value;
		newlen = strlen(value) + 1;
		break;
	case V_INT:
		errno = 0;
		lv = strtol(value, &end, 0);
		if (*value == '\0' || *end != '\0' || errno != 0 ||
		    lv < INT_MIN || lv > INT_MAX) {
			warnx("%s: invalid integer '%s'", name, value);
			free(old);
			return (1);
		}
		iv = (int)lv;
		newp = &iv;
		newlen = sizeof(iv);
		break;
	case V_ULONG:
		errno = 0;
		ulv = strtoul(value, &end, 0);
		if (*value == '\0' || *end != '\0' || errno != 0) {
			warnx("%s: invalid unsigned long '%s'", name, value);
			free(old);
			return (1);
		}
		newp = &ulv;
		newlen = sizeof(ulv);
		break;
	default:
		warnx("%s: cannot set an opaque value", name);
		free(old);
		return (1);
	}
	if (sysctlbyname(name, NULL, NULL, newp, newlen) != 0) {
		warn("%s=%s", name, value);
		free(old);
		return (1);
	}
	/* As BSD's sysctl: "name: old -> new". */
	if (!nflag) {
		printf("%s: ", name);
		printvalue(old, oldlen);
		printf(" -> ");
	}
	free(old);
	if (getvalue(name, &old, &oldlen) == 0) {
		printvalue(old, oldlen);
		free(old);
	}
	putchar('\n');
	return (0);
}

static void
usage(void)
{
	fprintf(stderr, "usage: sysctl [-no] name[=value] ...\n"
	    "       sysctl [-no] -a\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	int ch, i, aflag = 0, status = 0;

	while ((ch = getopt(argc, argv, "ano")) != -1) {
		switch (ch) {
		case 'a':
			aflag = 1;
			break;
		case 'n':
			nflag = 1;
			break;
		case 'o':
			oflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (aflag) {
		listnodes("");
		return (0);
	}
	if (argc == 0)
		usage();
	for (i = 0; i < argc; i++) {
		if (strchr(argv[i], '=') != NULL) {
			status |= setnode(argv[i]);
			continue;
		}
		if (shownode(argv[i], 0) == 0)
			continue;
		/* No such node: perhaps a prefix of some. */
		if (errno == ENOENT && listnodes(argv[i]) > 0)
			continue;
		warn("%s", argv[i]);
		status = 1;
	}
	return (status);
}
