/* environ.c: getenv(3) and friends over the environ array exec gave us. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * environ starts out pointing at the strings on the stack; the first
 * change copies the array to the heap (ownenv) so it can grow.  Strings
 * we replace are not freed: putenv's caller may still own them.
 */
static char	**ownenv;

/* Index of name in environ, or -1. */
static int
findenv(const char *name, size_t len)
{
	int i;

	if (environ == NULL)
		return (-1);
	for (i = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], name, len) == 0 &&
		    environ[i][len] == '=')
			return (i);
	return (-1);
}

static int
envcount(void)
{
	int n = 0;

	if (environ != NULL)
		while (environ[n] != NULL)
			n++;
	return (n);
}

char *
getenv(const char *name)
{
	int i;
	size_t len = strlen(name);

	if ((i = findenv(name, len)) < 0)
		return (NULL);
	return (environ[i] + len + 1);
}

/* Put "NAME=value" string s in the environment, replacing NAME. */
static int
setentry(char *s, size_t namelen)
{
	char **nenv;
	int i, n;

	if ((i = findenv(s, namelen)) >= 0) {
		environ[i] = s;
		return (0);
	}
	n = envcount();
	if (environ == ownenv && ownenv != NULL)
		nenv = realloc(ownenv, (n + 2) * sizeof(char *));
	else if ((nenv = malloc((n + 2) * sizeof(char *))) != NULL && n > 0)
		memcpy(nenv, environ, n * sizeof(char *));
	if (nenv == NULL)
		return (-1);
	nenv[n] = s;
	nenv[n + 1] = NULL;
	environ = ownenv = nenv;
	return (0);
}

static int
badname(const char *name)
{
	if (name == NULL || *name == '\0' || strchr(name, '=') != NULL) {
		errno = EINVAL;
		return (1);
	}
	return (0);
}

int
setenv(const char *name, const char *value, int overwrite)
{
	size_t nlen, vlen;
	char *s;

	if (badname(name))
		return (-1);
	nlen = strlen(name);
	if (!overwrite && findenv(name, nlen) >= 0)
		return (0);
	vlen = strlen(value);
	if ((s = malloc(nlen + vlen + 2)) == NULL)
		return (-1);
	memcpy(s, name, nlen);
	s[nlen] = '=';
	memcpy(s + nlen + 1, value, vlen + 1);
	if (setentry(s, nlen) != 0) {
		free(s);
		return (-1);
	}
	return (0);
}

int
putenv(char *string)
{
	char *eq = strchr(string, '=');

	if (eq == NULL || eq == string) {
		errno = EINVAL;
		return (-1);
	}
	return (setentry(string, eq - string));
}

int
unsetenv(const char *name)
{
	size_t len;
	int i;

	if (badname(name))
		return (-1);
	len = strlen(name);
	/* Remove every copy, closing the gap each time. */
	while ((i = findenv(name, len)) >= 0)
		for (; environ[i] != NULL; i++)
			environ[i] = environ[i + 1];
	return (0);
}
