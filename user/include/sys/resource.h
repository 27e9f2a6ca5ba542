/* sys/resource.h: user-side prototypes over the kernel's resource limits. */
#ifndef _USER_SYS_RESOURCE_H_
#define _USER_SYS_RESOURCE_H_

#include_next <sys/resource.h>

int	getrlimit(int which, struct rlimit *rlp);
int	setrlimit(int which, const struct rlimit *rlp);

#endif /* !_USER_SYS_RESOURCE_H_ */
