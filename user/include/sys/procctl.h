/* sys/procctl.h: procctl(2) over the kernel's commands (idtype_t: wait.h). */
#ifndef _USER_SYS_PROCCTL_H_
#define _USER_SYS_PROCCTL_H_

#include <sys/types.h>
#include <sys/wait.h>
#include_next <sys/procctl.h>

int	procctl(idtype_t idtype, id_t id, int cmd, void *data);

#endif /* !_USER_SYS_PROCCTL_H_ */
