/* sleep.c: pause for a number of seconds, fractions allowed ("0.25"). */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <time.h>

int
main(int argc, char **argv)
{
	struct timespec ts = { 0, 0 };
	const char *p;
	long scale;

	if (argc != 2)
		errx(1, "usage: sleep seconds");
	/* Parse by hand: user code has no floating point. */
	for (p = argv[1]; isdigit((unsigned char)*p); p++)
		ts.tv_sec = ts.tv_sec * 10 + (*p - '0');
	if (*p == '.')
		for (p++, scale = 100000000; isdigit((unsigned char)*p);
		    p++, scale /= 10)
			ts.tv_nsec += (*p - '0') * scale;
	if (*p != '\0' || p == argv[1])
		errx(1, "invalid time: %s", argv[1]);
	/* Interrupted: sleep the rest. */
	while (nanosleep(&ts, &ts) != 0)
		if (errno != EINTR)
			err(1, "nanosleep");
	return (0);
}
