/*
 * grep.c: print lines that match a pattern.  Patterns are a small subset
 * of basic regular expressions: literal characters, '.', '*', '^' and '$'
 * anchors, [...] classes with ranges and '^', and '\' to quote.
 * Options: -c -F -i -l -n -q -v -h, -e pattern.
 */
#include <ctype.h>
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define	MAXATOMS	256

enum atomtype { A_CHAR, A_ANY, A_CLASS };

struct atom {
	enum atomtype	type;
	int		star;		/* followed by '*' */
	unsigned char	c;		/* A_CHAR */
	unsigned char	set[32];	/* A_CLASS: bitmap of bytes */
};

static struct atom	atoms[MAXATOMS];
static int		natoms, bol, eol;
static int		cflag, Fflag, hflag, iflag, lflag, nflag, qflag, vflag;
static const char	*pattern;
static size_t		patlen;

static void
setbit(unsigned char *set, int c)
{
	set[(unsigned char)c >> 3] |= 1 << (c & 7);
	/* -i: a class matches both cases of each letter in it. */
	if (iflag && isalpha(c)) {
		c = islower(c) ? toupper(c) : tolower(c);
		set[c >> 3] |= 1 << (c & 7);
	}
}

/* Parse a [...] class starting after the '['; returns the char after ']'. */
static const char *
parseclass(const char *p, struct atom *a)
{
	int negate = 0, c, i;

	a->type = A_CLASS;
	memset(a->set, 0, sizeof(a->set));
	if (*p == '^') {
		negate = 1;
		p++;
	}
	/* A ']' first in the class is literal. */
	if (*p == ']')
		setbit(a->set, *p++);
	while (*p != '\0' && *p != ']') {
		c = (unsigned char)*p++;
		if (*p == '-' && p[1] != ']' && p[1] != '\0') {
			for (i = c; i <= (unsigned char)p[1]; i++)
				setbit(a->set, i);
			p += 2;
		} else
			setbit(a->set, c);
	}
	if (*p != ']')
		errx(2, "unbalanced [");
	if (negate)
		for (i = 0; i < 32; i++)
			a->set[i] = ~a->set[i];
	return (p + 1);
}

static void
compile(const char *p)
{
	struct atom *a;

	if (*p == '^') {
		bol = 1;
		p++;
	}
	while (*p != '\0') {
		/* '$' is an anchor only at the very end. */
		if (*p == '$' && p[1] == '\0') {
			eol = 1;
			break;
		}
		/* A '*' with nothing to repeat is literal, as in BREs. */
		if (*p == '*' && natoms > 0 && !atoms[natoms - 1].star) {
			atoms[natoms - 1].star = 1;
			p++;
			continue;
		}
		if (natoms == MAXATOMS)
			errx(2, "pattern too long");
		a = &atoms[natoms++];
		a->star = 0;
		if (*p == '.') {
			a->type = A_ANY;
			p++;
		} else if (*p == '[')
			p = parseclass(p + 1, a);
		else {
			if (*p == '\\' && p[1] != '\0')
				p++;
			a->type = A_CHAR;
			a->c = iflag ? tolower((unsigned char)*p) :
			    (unsigned char)*p;
			p++;
		}
	}
}

static int
atommatch(const struct atom *a, unsigned char c)
{
	switch (a->type) {
	case A_ANY:
		return (c != '\n');
	case A_CHAR:
		return ((iflag ? tolower(c) : c) == a->c);
	default:
		return ((a->set[c >> 3] >> (c & 7)) & 1);
	}
}

/* Does atoms[k..] match at s (s..end)? Backtracks over starred atoms. */
static int
matchhere(int k, const char *s, const char *end)
{
	const char *t;

	for (; k < natoms; k++) {
		if (atoms[k].star) {
			/* Take as many as possible, then give back. */
			for (t = s; t < end && atommatch(&atoms[k],
			    (unsigned char)*t); t++)
				;
			for (; t >= s; t--)
				if (matchhere(k + 1, t, end))
					return (1);
			return (0);
		}
		if (s == end || !atommatch(&atoms[k], (unsigned char)*s))
			return (0);
		s++;
	}
	return (!eol || s == end);
}

static int
match(const char *line, size_t len)
{
	const char *s, *end = line + len;

	if (Fflag) {
		for (s = line; s + patlen <= end; s++)
			if ((iflag ? strncasecmp(s, pattern, patlen) :
			    strncmp(s, pattern, patlen)) == 0)
				return (1);
		return (0);
	}
	if (bol)
		return (matchhere(0, line, end));
	for (s = line; s <= end; s++)
		if (matchhere(0, s, end))
			return (1);
	return (0);
}

/* Search one stream; returns the number of selected lines. */
static long
grepfile(FILE *fp, const char *name, int showname)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, count = 0;

	while ((len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		/* An embedded NUL ends the line for strncmp: fine for text. */
		if (match(line, len) == vflag)
			continue;
		count++;
		if (qflag)
			exit(0);
		if (lflag) {
			printf("%s\n", name);
			break;
		}
		if (cflag)
			continue;
		if (showname)
			printf("%s:", name);
		if (nflag)
			printf("%ld:", lineno);
		printf("%s\n", line);
	}
	free(line);
	if (cflag) {
		if (showname)
			printf("%s:", name);
		printf("%ld\n", count);
	}
	return (count);
}

static void
usage(void)
{
	fprintf(stderr, "usage: grep [-cFhilnqv] [-e pattern | pattern] "
	    "[file ...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int ch, i, errors = 0, showname;
	long found = 0;
	FILE *fp;

	while ((ch = getopt(argc, argv, "ce:Fhilnqv")) != -1) {
		switch (ch) {
		case 'c': cflag = 1; break;
		case 'e': pattern = optarg; break;
		case 'F': Fflag = 1; break;
		case 'h': hflag = 1; break;
		case 'i': iflag = 1; break;
		case 'l': lflag = 1; break;
		case 'n': nflag = 1; break;
		case 'q': qflag = 1; break;
		case 'v': vflag = 1; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (pattern == NULL) {
		if (argc == 0)
			usage();
		pattern = *argv++;
		argc--;
	}
	patlen = strlen(pattern);
	if (!Fflag)
		compile(pattern);
	if (argc == 0)
		found = grepfile(stdin, "(standard input)", 0);
	showname = argc > 1 && !hflag;
	for (i = 0; i < argc; i++) {
		if ((fp = fopen(argv[i], "r")) == NULL) {
			warn("%s", argv[i]);
			errors = 1;
			continue;
		}
		found += grepfile(fp, argv[i], showname);
		fclose(fp);
	}
	if (errors && !qflag)
		return (2);
	return (found > 0 ? 0 : 1);
}
