/* getopt.c: POSIX getopt(3) with BSD's optreset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char	*optarg;
int	optind = 1, opterr = 1, optopt, optreset;

int
getopt(int argc, char *const argv[], const char *optstring)
{
	static const char *next;	/* rest of the current option word */
	const char *spec;
	int quiet = optstring[0] == ':';

	if (optreset || next == NULL || *next == '\0') {
		optreset = 0;
		if (optind >= argc || argv[optind][0] != '-' ||
		    argv[optind][1] == '\0') {
			next = NULL;
			return (-1);
		}
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			next = NULL;
			return (-1);
		}
		next = argv[optind] + 1;
	}
	optopt = *next++;
	spec = optopt != ':' ? strchr(optstring, optopt) : NULL;
	if (spec == NULL) {
		if (*next == '\0')
			optind++;
		if (opterr && !quiet)
			fprintf(stderr, "%s: illegal option -- %c\n",
			    getprogname(), optopt);
		return ('?');
	}
	if (spec[1] != ':') {
		if (*next == '\0')
			optind++;
		return (optopt);
	}
	/* The option takes an argument: the rest of this word or the next. */
	if (*next != '\0')
		optarg = (char *)next;
	else if (optind + 1 < argc)
		optarg = argv[++optind];
	else {
		next = NULL;
		optind++;
		if (opterr && !quiet)
			fprintf(stderr, "%s: option requires an argument -- %c\n",
			    getprogname(), optopt);
		return (quiet ? ':' : '?');
	}
	next = NULL;
	optind++;
	return (optopt);
}
