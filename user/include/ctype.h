/* ctype.h: character classes for the "C" locale (ASCII). */
#ifndef _CTYPE_H_
#define _CTYPE_H_

int	isalnum(int);
int	isalpha(int);
int	isascii(int);
int	isblank(int);
int	iscntrl(int);
int	isdigit(int);
int	isgraph(int);
int	islower(int);
int	isprint(int);
int	ispunct(int);
int	isspace(int);
int	isupper(int);
int	isxdigit(int);
int	tolower(int);
int	toupper(int);

#endif /* !_CTYPE_H_ */
