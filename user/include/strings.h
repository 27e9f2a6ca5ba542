/* strings.h: the BSD string functions. */
#ifndef _STRINGS_H_
#define _STRINGS_H_

#include <sys/types.h>

void	bzero(void *s, size_t n);
int	strcasecmp(const char *a, const char *b);
int	strncasecmp(const char *a, const char *b, size_t n);

#endif /* !_STRINGS_H_ */
