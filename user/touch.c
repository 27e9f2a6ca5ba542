/* touch.c: create files that don't exist (there is no utimes(2) yet). */
#include <err.h>
#include <fcntl.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int i, fd, status = 0;

	if (argc < 2) {
		warnx("usage: touch file ...");
		return (1);
	}
	for (i = 1; i < argc; i++) {
		if ((fd = open(argv[i], O_WRONLY | O_CREAT, 0666)) < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		close(fd);
	}
	return (status);
}
