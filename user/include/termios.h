/* termios.h: terminal control; only the foreground process group so far. */
#ifndef _TERMIOS_H_
#define _TERMIOS_H_

#include <sys/types.h>

pid_t	tcgetpgrp(int fd);
int	tcsetpgrp(int fd, pid_t pgrp);
pid_t	tcgetsid(int fd);

#endif /* !_TERMIOS_H_ */
