/*
 * sh.c: the command interpreter.  Lists (; & && ||), pipelines, redirection
 * ([n]< [n]> [n]>> [n]>&m [n]<&m), quoting ('...', "...", \), parameter
 * expansion ($NAME ${NAME} $? $$ $! $# $0-$9), comments and the builtins
 * cd, exit, export, unset, wait, exec and ':'.  Shell variables are kept
 * in the environment, so every assignment is exported.  The prompt "$ "
 * is shown unless input is a file or pipe; -i forces it.  With the prompt
 * on a terminal (the console), there is job control: jobs, fg and bg.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define	LINE_LEN	4096	/* longest input line */
#define	MAXTOKENS	512	/* tokens per line */
#define	MAXARGV		64	/* words per command: the kernel's MAXARG */
#define	MAXREDIR	16	/* redirections per command */
#define	MAXPIPE		16	/* commands per pipeline */
#define	ARENA_SIZE	(32 * 1024)	/* strings made while running a line */
#define	MAXJOBS		32	/* jobs the shell keeps track of */
#define	JOBTEXT		80	/* how much of a job's command line jobs shows */

enum toktype {
	T_WORD,		/* a word, quotes still in it */
	T_PIPE,		/* | */
	T_AND,		/* && */
	T_OR,		/* || */
	T_SEMI,		/* ; */
	T_AMP,		/* & */
	T_IN,		/* < */
	T_OUT,		/* > */
	T_APPEND,	/* >> */
	T_DUPIN,	/* <& */
	T_DUPOUT,	/* >& */
};

struct token {
	enum toktype	type;
	int		fd;	/* redirections: the [n] before it, or -1 */
	char		*text;	/* T_WORD: the raw word */
};

struct redir {
	enum toktype	type;
	int		fd;	/* descriptor being redirected */
	char		*target; /* expanded file name, or "m"/"-" for dups */
};

struct command {
	int		argc;
	char		*argv[MAXARGV + 1];
	int		nassign;	/* leading NAME=value words */
	char		*assign[MAXARGV];
	int		nredir;
	struct redir	redir[MAXREDIR];
};

/*
 * Job control.  Each pipeline (or background and-or list) run by an
 * interactive shell on a terminal is a job: a process group of its own.
 * A foreground job gets the terminal, so that ^C, ^Z and ^\ reach it and
 * not the shell; the shell ignores those signals and takes the terminal
 * back when the job exits or stops.  Our kernel never sends SIGTTIN or
 * SIGTTOU (a background job may read or write the console, and the shell
 * may call tcsetpgrp from the background), but the shell ignores them as
 * a BSD shell must, so it would work where they are sent.
 */
enum pstate { PS_RUNNING, PS_STOPPED, PS_DONE };

struct job {
	int		used;
	int		notified;	/* its stop has been reported */
	pid_t		pgid;
	int		npids;
	pid_t		pids[MAXPIPE];
	enum pstate	state[MAXPIPE];
	int		status;		/* wait status of the last command */
	char		text[JOBTEXT];
};

static const int	jobsigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN,
			    SIGTTOU };
static struct job	jobtab[MAXJOBS];
static int		curjob = -1;	/* index of the "+" job, or -1 */
static int		jobctl;		/* job control is on */
static pid_t		shellpgid;	/* the shell's own group */

static struct token	tokens[MAXTOKENS];
static int		ntokens;
static char		arena[ARENA_SIZE];
static size_t		arenapos;

static int	laststatus;	/* $? */
static pid_t	lastbg;		/* $! */
static int	interactive;	/* prompt before each line */
static int	posc;		/* $#, and $0..$9 come from posv */
static char	**posv;

/* A syntax or expansion error aborts the rest of the line. */
static int	lineerror;

static void
shwarn(const char *fmt, const char *arg)
{
	fprintf(stderr, "sh: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
}

/* Allocate from the per-line arena; NULL (and a message) when it's full. */
static char *
arena_alloc(size_t n)
{
	char *p;

	if (arenapos + n > sizeof(arena)) {
		if (!lineerror)
			shwarn("%s", "line too long");
		lineerror = 1;
		return (NULL);
	}
	p = arena + arenapos;
	arenapos += n;
	return (p);
}

static char *
arena_strndup(const char *s, size_t n)
{
	char *p;

	if ((p = arena_alloc(n + 1)) == NULL)
		return (NULL);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

static int
isopchar(int c)
{
	return (c == '|' || c == '&' || c == ';' || c == '<' || c == '>');
}

static int
addtoken(enum toktype type, int fd, char *text)
{
	if (ntokens == MAXTOKENS) {
		shwarn("%s", "too many words");
		return (-1);
	}
	tokens[ntokens].type = type;
	tokens[ntokens].fd = fd;
	tokens[ntokens].text = text;
	ntokens++;
	return (0);
}

/*
 * Split a line into tokens.  Words keep their quotes: expansion happens
 * later, just before each command runs, so "false; echo $?" sees the
 * status of false.  Returns -1 on a syntax error.
 */
static int
lex(const char *line)
{
	const char *p = line, *start;
	enum toktype type;
	char q;
	int fd;

	ntokens = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return (0);
		/* An [n] glued to a redirection operator names the fd. */
		fd = -1;
		for (start = p; isdigit((unsigned char)*p); p++)
			;
		if (p > start && (*p == '<' || *p == '>'))
			fd = atoi(start);
		else
			p = start;
		if (isopchar(*p)) {
			switch (*p++) {
			case '|':
				type = *p == '|' ? (p++, T_OR) : T_PIPE;
				break;
			case '&':
				type = *p == '&' ? (p++, T_AND) : T_AMP;
				break;
			case ';':
				type = T_SEMI;
				break;
			case '<':
				type = *p == '&' ? (p++, T_DUPIN) : T_IN;
				break;
			default:
				if (*p == '>')
					type = (p++, T_APPEND);
				else if (*p == '&')
					type = (p++, T_DUPOUT);
				else
					type = T_OUT;
				break;
			}
			if (addtoken(type, fd, NULL) != 0)
				return (-1);
			continue;
		}
		/* A word runs to the first unquoted blank or operator. */
		for (start = p; *p != '\0'; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\r' ||
			    *p == '\n' || isopchar(*p))
				break;
			if (*p == '\\' && p[1] != '\0') {
				p++;
				continue;
			}
			if (*p == '\'' || *p == '"') {
				q = *p;
				for (p++; *p != '\0' && *p != q; p++)
					if (q == '"' && *p == '\\' &&
					    p[1] != '\0')
						p++;
				if (*p == '\0') {
					shwarn("%s", "syntax error: "
					    "unterminated quoted string");
					return (-1);
				}
			}
		}
		if (addtoken(T_WORD, -1, arena_strndup(start, p - start)) != 0 ||
		    lineerror)
			return (-1);
	}
}

/* Append s to the expansion buffer, failing on overflow. */
static int
put(char *buf, size_t *lenp, const char *s, size_t n)
{
	if (*lenp + n >= LINE_LEN) {
		shwarn("%s", "word too long");
		return (-1);
	}
	memcpy(buf + *lenp, s, n);
	*lenp += n;
	return (0);
}

/*
 * Expand the parameter after a '$' at *pp, appending its value.  A '$'
 * followed by nothing we know stays a literal '$'.
 */
static int
expandparam(const char **pp, char *buf, size_t *lenp)
{
	const char *p = *pp, *name, *val;
	char num[24], namebuf[128];
	size_t n;
	int brace = 0;

	if (*p == '{') {
		brace = 1;
		p++;
	}
	name = p;
	val = NULL;
	if (*p == '?' || *p == '$' || *p == '!' || *p == '#') {
		if (*p == '?')
			snprintf(num, sizeof(num), "%d", laststatus);
		else if (*p == '$')
			snprintf(num, sizeof(num), "%d", (int)getpid());
		else if (*p == '!')
			snprintf(num, sizeof(num), "%d", (int)lastbg);
		else
			snprintf(num, sizeof(num), "%d", posc > 0 ? posc - 1 : 0);
		val = num;
		p++;
	} else if (isdigit((unsigned char)*p)) {
		n = *p++ - '0';
		val = n < (size_t)posc ? posv[n] : "";
	} else if (isalpha((unsigned char)*p) || *p == '_') {
		while (isalnum((unsigned char)*p) || *p == '_')
			p++;
		n = p - name;
		if (n >= sizeof(namebuf))
			n = sizeof(namebuf) - 1;
		memcpy(namebuf, name, n);
		namebuf[n] = '\0';
		if ((val = getenv(namebuf)) == NULL)
			val = "";
	} else {
		/* Not a parameter: the '$' (and any '{') is literal. */
		*pp = name - brace;
		return (put(buf, lenp, "$", 1));
	}
	if (brace) {
		if (*p != '}') {
			shwarn("%s", "bad substitution");
			return (-1);
		}
		p++;
	}
	*pp = p;
	return (put(buf, lenp, val, strlen(val)));
}

/*
 * Quote removal and parameter expansion of one raw word.  Returns the
 * result in the arena, or NULL with *dropped set when an unquoted
 * expansion came out empty (such a word disappears, as in sh), or NULL
 * with lineerror set on an error.
 */
static char *
expand(const char *w, int *dropped)
{
	static char buf[LINE_LEN];
	size_t len = 0;
	int quoted = 0, expanded = 0;
	char q;

	*dropped = 0;
	while (*w != '\0') {
		if (*w == '\\' && w[1] != '\0') {
			quoted = 1;
			if (put(buf, &len, w + 1, 1) != 0)
				goto fail;
			w += 2;
		} else if (*w == '\'' || *w == '"') {
			q = *w++;
			quoted = 1;
			while (*w != q) {
				if (q == '"' && *w == '$') {
					w++;
					if (expandparam(&w, buf, &len) != 0)
						goto fail;
					continue;
				}
				/* In "...", \ quotes only $ ` " \ . */
				if (q == '"' && *w == '\\' &&
				    strchr("$`\"\\", w[1]) != NULL)
					w++;
				if (put(buf, &len, w++, 1) != 0)
					goto fail;
			}
			w++;
		} else if (*w == '$') {
			w++;
			expanded = 1;
			if (expandparam(&w, buf, &len) != 0)
				goto fail;
		} else if (put(buf, &len, w++, 1) != 0)
			goto fail;
	}
	if (len == 0 && expanded && !quoted) {
		*dropped = 1;
		return (NULL);
	}
	return (arena_strndup(buf, len));
fail:
	lineerror = 1;
	return (NULL);
}

/* Is w (raw) a NAME=value assignment? */
static int
isassignment(const char *w)
{
	const char *p = w;

	if (!isalpha((unsigned char)*p) && *p != '_')
		return (0);
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	return (*p == '=');
}

/*
 * Build a command from tokens [a, b): words, assignments, redirections.
 * Returns -1 after reporting a syntax or expansion error.
 */
static int
parsecmd(int a, int b, struct command *cmd)
{
	struct redir *r;
	char *s;
	int i, dropped;

	cmd->argc = cmd->nassign = cmd->nredir = 0;
	for (i = a; i < b; i++) {
		if (tokens[i].type == T_WORD) {
			s = expand(tokens[i].text, &dropped);
			if (s == NULL && !dropped)
				return (-1);
			if (s == NULL)
				continue;
			if (cmd->argc == 0 && isassignment(tokens[i].text))
				cmd->assign[cmd->nassign++] = s;
			else if (cmd->argc == MAXARGV) {
				shwarn("%s", "too many arguments");
				return (-1);
			} else
				cmd->argv[cmd->argc++] = s;
			continue;
		}
		if (i + 1 >= b || tokens[i + 1].type != T_WORD) {
			shwarn("%s", "syntax error: redirection without a "
			    "file name");
			return (-1);
		}
		if (cmd->nredir == MAXREDIR) {
			shwarn("%s", "too many redirections");
			return (-1);
		}
		r = &cmd->redir[cmd->nredir++];
		r->type = tokens[i].type;
		r->fd = tokens[i].fd;
		if (r->fd < 0)
			r->fd = (r->type == T_IN || r->type == T_DUPIN) ? 0 : 1;
		i++;
		if ((r->target = expand(tokens[i].text, &dropped)) == NULL) {
			if (dropped)
				shwarn("%s: ambiguous redirect",
				    tokens[i].text);
			return (-1);
		}
	}
	cmd->argv[cmd->argc] = NULL;
	return (0);
}

/* Apply cmd's redirections to this process; -1 after a message. */
static int
redirect(struct command *cmd)
{
	struct redir *r;
	char *end;
	int i, fd, from;

	for (i = 0; i < cmd->nredir; i++) {
		r = &cmd->redir[i];
		switch (r->type) {
		case T_DUPIN:
		case T_DUPOUT:
			if (strcmp(r->target, "-") == 0) {
				close(r->fd);
				continue;
			}
			from = (int)strtol(r->target, &end, 10);
			if (*r->target == '\0' || *end != '\0') {
				shwarn("%s: bad file descriptor", r->target);
				return (-1);
			}
			if (from != r->fd && dup2(from, r->fd) < 0) {
				fprintf(stderr, "sh: %s: %s\n", r->target,
				    strerror(errno));
				return (-1);
			}
			continue;
		case T_IN:
			fd = open(r->target, O_RDONLY);
			break;
		case T_OUT:
			fd = open(r->target, O_WRONLY | O_CREAT | O_TRUNC,
			    0666);
			break;
		default:
			fd = open(r->target, O_WRONLY | O_CREAT | O_APPEND,
			    0666);
			break;
		}
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->target,
			    strerror(errno));
			return (-1);
		}
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
	}
	return (0);
}

/* Apply leading NAME=value words; setenv copies, as the arena is reused. */
static void
setassignments(struct command *cmd)
{
	char *eq;
	int i;

	for (i = 0; i < cmd->nassign; i++) {
		eq = strchr(cmd->assign[i], '=');
		*eq = '\0';
		if (setenv(cmd->assign[i], eq + 1, 1) != 0)
			fprintf(stderr, "sh: %s: %s\n", cmd->assign[i],
			    strerror(errno));
		*eq = '=';
	}
}

/* Builtins.  Each returns the exit status. */
static int	bi_cd(struct command *);
static int	bi_exit(struct command *);
static int	bi_export(struct command *);
static int	bi_unset(struct command *);
static int	bi_wait(struct command *);
static int	bi_exec(struct command *);
static int	bi_colon(struct command *);
static int	bi_jobs(struct command *);
static int	bi_fg(struct command *);
static int	bi_bg(struct command *);

static const struct builtin {
	const char	*name;
	int		(*fn)(struct command *);
} builtins[] = {
	{ "cd", bi_cd },
	{ "exit", bi_exit },
	{ "export", bi_export },
	{ "unset", bi_unset },
	{ "wait", bi_wait },
	{ "exec", bi_exec },
	{ ":", bi_colon },
	{ "jobs", bi_jobs },
	{ "fg", bi_fg },
	{ "bg", bi_bg },
};

static const struct builtin *
findbuiltin(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return (&builtins[i]);
	return (NULL);
}

static int
bi_cd(struct command *cmd)
{
	const char *dir = cmd->argc > 1 ? cmd->argv[1] : getenv("HOME");
	char cwd[PATH_MAX];

	if (dir == NULL || *dir == '\0')
		dir = "/";
	if (chdir(dir) != 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return (1);
	}
	if (getcwd(cwd, sizeof(cwd)) != NULL)
		setenv("PWD", cwd, 1);
	return (0);
}

static void	hupjobs(void);

static int
bi_exit(struct command *cmd)
{
	hupjobs();
	exit(cmd->argc > 1 ? atoi(cmd->argv[1]) : laststatus);
}

static int
bi_export(struct command *cmd)
{
	char *eq;
	int i, status = 0;

	for (i = 1; i < cmd->argc; i++) {
		if ((eq = strchr(cmd->argv[i], '=')) == NULL)
			continue;	/* all variables are exported */
		*eq = '\0';
		if (setenv(cmd->argv[i], eq + 1, 1) != 0) {
			fprintf(stderr, "sh: export: %s: %s\n", cmd->argv[i],
			    strerror(errno));
			status = 1;
		}
	}
	if (cmd->argc == 1)
		for (i = 0; environ[i] != NULL; i++)
			printf("export %s\n", environ[i]);
	return (status);
}

static int
bi_unset(struct command *cmd)
{
	int i;

	for (i = 1; i < cmd->argc; i++)
		unsetenv(cmd->argv[i]);
	return (0);
}

/* Wait for all children, or for the given pids. */
static int
bi_wait(struct command *cmd)
{
	int i, st, status = 0;
	pid_t pid;

	if (cmd->argc == 1) {
		while (wait(&st) > 0 || errno == EINTR)
			;
		return (0);
	}
	for (i = 1; i < cmd->argc; i++) {
		pid = atoi(cmd->argv[i]);
		while ((pid = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (pid < 0)
			status = 127;
		else
			status = WIFEXITED(st) ? WEXITSTATUS(st) :
			    128 + WTERMSIG(st);
	}
	return (status);
}

static int
bi_colon(struct command *cmd)
{
	return (0);
}

/* Run argv[0] with argv in this process; never returns. */
static void
execcmd(char **argv)
{
	int error;

	fflush(stdout);
	execvp(argv[0], argv);
	error = errno;
	if (error == ENOENT || error == ENOTDIR)
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
	else
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(error));
	_exit(error == ENOENT || error == ENOTDIR ? 127 : 126);
}

/* exec replaces the shell; its redirections are already in place. */
static int
bi_exec(struct command *cmd)
{
	if (cmd->argc < 2)
		return (0);
	setassignments(cmd);
	execcmd(cmd->argv + 1);
	return (127);
}

/*
 * Copy fd out of the way (above the range scripts use) so that it can be
 * put back after a builtin's redirections; -1 if fd isn't open.
 */
static int
savefd(int fd)
{
	int saved;

	saved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (saved < 0 && errno == EINVAL)
		saved = dup(fd);
	return (saved);
}

/*
 * Run a builtin in the shell itself.  Its redirections are undone
 * afterwards, except for exec, whose redirections are the point.
 */
static int
runbuiltin(const struct builtin *bi, struct command *cmd)
{
	int saved[MAXREDIR], i, status;

	for (i = 0; i < cmd->nredir; i++)
		saved[i] = bi->fn == bi_exec ? -1 : savefd(cmd->redir[i].fd);
	if (redirect(cmd) != 0)
		status = 1;
	else
		status = bi->fn(cmd);
	fflush(stdout);
	/* Restore in reverse, so a fd redirected twice ends up as it was. */
	for (i = cmd->nredir - 1; i >= 0; i--) {
		if (bi->fn == bi_exec)
			break;
		if (saved[i] >= 0) {
			dup2(saved[i], cmd->redir[i].fd);
			close(saved[i]);
		} else
			close(cmd->redir[i].fd);
	}
	return (status);
}

/* Turn a wait status into $?, telling the user about fatal signals. */
static int
exitstatus(int st)
{
	int sig;

	if (WIFEXITED(st))
		return (WEXITSTATUS(st));
	sig = WTERMSIG(st);
	if (sig != SIGINT && sig != SIGPIPE)
		fprintf(stderr, "%s\n", strsignal(sig));
	return (128 + sig);
}

/* The words and operators of tokens [a, b), for jobs to show. */
static void
jobtext(int a, int b, char *buf, size_t len)
{
	static const char *const ops[] = {
		[T_PIPE] = "|", [T_AND] = "&&", [T_OR] = "||", [T_SEMI] = ";",
		[T_AMP] = "&", [T_IN] = "<", [T_OUT] = ">", [T_APPEND] = ">>",
		[T_DUPIN] = "<&", [T_DUPOUT] = ">&",
	};
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = a; i < b && n < len; i++) {
		if (tokens[i].type == T_WORD)
			n += snprintf(buf + n, len - n, "%s%s", n > 0 ? " " : "",
			    tokens[i].text);
		else if (tokens[i].fd >= 0)
			n += snprintf(buf + n, len - n, " %d%s", tokens[i].fd,
			    ops[tokens[i].type]);
		else
			n += snprintf(buf + n, len - n, " %s",
			    ops[tokens[i].type]);
	}
}

/* A free slot in the job table, or NULL (and a message). */
static struct job *
newjob(void)
{
	int i;

	for (i = 0; i < MAXJOBS; i++) {
		if (!jobtab[i].used) {
			memset(&jobtab[i], 0, sizeof(jobtab[i]));
			jobtab[i].used = 1;
			return (&jobtab[i]);
		}
	}
	shwarn("%s", "too many jobs");
	return (NULL);
}

static void
freejob(struct job *j)
{
	j->used = 0;
	if (curjob == j - jobtab)
		curjob = -1;
}

static enum pstate
jobstate(const struct job *j)
{
	int i, stopped = 0;

	for (i = 0; i < j->npids; i++) {
		if (j->state[i] == PS_RUNNING)
			return (PS_RUNNING);
		if (j->state[i] == PS_STOPPED)
			stopped = 1;
	}
	return (stopped ? PS_STOPPED : PS_DONE);
}

/* Record what wait said about the job's i-th process. */
static void
setpstate(struct job *j, int i, int st)
{
	if (WIFSTOPPED(st))
		j->state[i] = PS_STOPPED;
	else if (WIFCONTINUED(st)) {
		j->state[i] = PS_RUNNING;
		return;
	} else
		j->state[i] = PS_DONE;
	if (i == j->npids - 1)
		j->status = st;
}

/* Collect, without blocking, what has happened to the job's processes. */
static void
polljob(struct job *j)
{
	int i, st;
	pid_t r;

	for (i = 0; i < j->npids; i++) {
		if (j->state[i] == PS_DONE)
			continue;
		r = waitpid(j->pids[i], &st, WNOHANG | WUNTRACED | WCONTINUED);
		if (r == j->pids[i])
			setpstate(j, i, st);
		else if (r < 0 && errno == ECHILD)
			j->state[i] = PS_DONE;	/* "wait" reaped it */
	}
}

/* "[N]+ Stopped  cmd": '+' marks the job fg and bg pick by default. */
static void
printjob(const struct job *j, const char *what)
{
	int n = (int)(j - jobtab);

	printf("[%d]%c %s  %s\n", n + 1, n == curjob ? '+' : ' ', what,
	    j->text);
}

/* How a finished job ended, for "[N] Done cmd" and jobs. */
static const char *
donetext(int st, char *buf, size_t len)
{
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return ("Done");
	if (WIFEXITED(st))
		snprintf(buf, len, "Exit %d", WEXITSTATUS(st));
	else
		snprintf(buf, len, "%s", strsignal(WTERMSIG(st)));
	return (buf);
}

/*
 * Wait for a foreground job until it exits or stops (with the terminal
 * already given to it), take the terminal back, and return $?.
 */
static int
waitfg(struct job *j)
{
	int i, st;
	pid_t r;

	for (;;) {
		for (i = 0; i < j->npids && j->state[i] != PS_RUNNING; i++)
			;
		if (i == j->npids)
			break;
		r = waitpid(j->pids[i], &st, WUNTRACED);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			j->state[i] = PS_DONE;
			continue;
		}
		setpstate(j, i, st);
		if (WIFSTOPPED(st)) {
			/* ^Z stops the whole group; see who else has. */
			polljob(j);
			break;
		}
	}
	(void)tcsetpgrp(0, shellpgid);
	if (jobstate(j) == PS_STOPPED) {
		curjob = (int)(j - jobtab);
		j->notified = 1;
		printf("\n");
		printjob(j, "Stopped");
		fflush(stdout);
		return (128 + (WIFSTOPPED(j->status) ? WSTOPSIG(j->status) :
		    SIGTSTP));
	}
	st = j->status;
	freejob(j);
	return (exitstatus(st));
}

/*
 * Before a prompt: report background jobs that finished ("[N] Done cmd")
 * or stopped, and forget the finished ones.
 */
static void
reapjobs(void)
{
	struct job *j;
	char buf[48];
	int st;

	if (!jobctl) {
		/* Collect finished background commands: no zombies. */
		while (waitpid(WAIT_ANY, &st, WNOHANG) > 0)
			;
		return;
	}
	for (j = jobtab; j < jobtab + MAXJOBS; j++) {
		if (!j->used)
			continue;
		polljob(j);
		switch (jobstate(j)) {
		case PS_DONE:
			printf("[%d] %s %s\n", (int)(j - jobtab) + 1,
			    donetext(j->status, buf, sizeof(buf)), j->text);
			freejob(j);
			break;
		case PS_STOPPED:
			if (!j->notified) {
				curjob = (int)(j - jobtab);
				printjob(j, "Stopped");
				j->notified = 1;
			}
			break;
		default:
			j->notified = 0;
			break;
		}
	}
	fflush(stdout);
}

/*
 * In a child the shell forked for job j (pgid 0: it leads the job):
 * join the job's group, take the terminal if it is a foreground job, and
 * put back the signals the shell ignores.  The child does no job control
 * of its own.
 */
static void
childjob(pid_t pgid, int fg)
{
	size_t i;

	if (!jobctl)
		return;
	if (pgid == 0)
		pgid = getpid();
	(void)setpgid(0, pgid);
	if (fg)
		(void)tcsetpgrp(0, pgid);
	for (i = 0; i < sizeof(jobsigs) / sizeof(jobsigs[0]); i++)
		signal(jobsigs[i], SIG_DFL);
	jobctl = 0;
	interactive = 0;
}

/* In the shell, after forking pid for job j: the same setpgid, no race. */
static void
addtojob(struct job *j, pid_t pid)
{
	if (j == NULL)
		return;
	if (j->pgid == 0)
		j->pgid = pid;
	(void)setpgid(pid, j->pgid);
	j->pids[j->npids] = pid;
	j->state[j->npids] = PS_RUNNING;
	j->npids++;
}

/* Job %N, N, or with no argument the current one; NULL after a message. */
static struct job *
findjob(struct command *cmd)
{
	const char *arg = cmd->argc > 1 ? cmd->argv[1] : NULL;
	int i, n;

	if (!jobctl) {
		fprintf(stderr, "sh: %s: no job control\n", cmd->argv[0]);
		return (NULL);
	}
	if (arg == NULL) {
		n = curjob;
		for (i = MAXJOBS - 1; n < 0 && i >= 0; i--)
			if (jobtab[i].used)
				n = i;
		if (n < 0) {
			fprintf(stderr, "sh: %s: no current job\n",
			    cmd->argv[0]);
			return (NULL);
		}
		return (&jobtab[n]);
	}
	if (*arg == '%')
		arg++;
	n = atoi(arg) - 1;
	if (n < 0 || n >= MAXJOBS || !jobtab[n].used) {
		fprintf(stderr, "sh: %s: %s: no such job\n", cmd->argv[0],
		    cmd->argv[1]);
		return (NULL);
	}
	return (&jobtab[n]);
}

static void
continuejob(struct job *j)
{
	int i;

	for (i = 0; i < j->npids; i++)
		if (j->state[i] == PS_STOPPED)
			j->state[i] = PS_RUNNING;
	j->notified = 0;
	if (kill(-j->pgid, SIGCONT) != 0 && errno != ESRCH)
		fprintf(stderr, "sh: kill %%%d: %s\n", (int)(j - jobtab) + 1,
		    strerror(errno));
}

/*
 * Leaving: a stopped job would stay stopped for ever, so hang it up and
 * continue it (SIGHUP ends it unless it catches it), as shells do.
 */
static void
hupjobs(void)
{
	struct job *j;

	for (j = jobtab; j < jobtab + MAXJOBS; j++) {
		if (!j->used || !jobctl)
			continue;
		polljob(j);
		if (jobstate(j) == PS_STOPPED) {
			(void)kill(-j->pgid, SIGHUP);
			(void)kill(-j->pgid, SIGCONT);
		}
	}
}

static int
bi_jobs(struct command *cmd)
{
	struct job *j;
	char buf[48];

	for (j = jobtab; j < jobtab + MAXJOBS; j++) {
		if (!j->used)
			continue;
		polljob(j);
		switch (jobstate(j)) {
		case PS_RUNNING:
			printjob(j, "Running");
			break;
		case PS_STOPPED:
			printjob(j, "Stopped");
			j->notified = 1;
			break;
		default:
			printjob(j, donetext(j->status, buf, sizeof(buf)));
			freejob(j);
			break;
		}
	}
	return (0);
}

/* fg [%N]: give the job the terminal, continue it, wait for it. */
static int
bi_fg(struct command *cmd)
{
	struct job *j;

	if ((j = findjob(cmd)) == NULL)
		return (1);
	printf("%s\n", j->text);
	fflush(stdout);
	(void)tcsetpgrp(0, j->pgid);
	continuejob(j);
	return (waitfg(j));
}

/* bg [%N]: continue a stopped job in the background. */
static int
bi_bg(struct command *cmd)
{
	struct job *j;

	if ((j = findjob(cmd)) == NULL)
		return (1);
	curjob = (int)(j - jobtab);
	continuejob(j);
	printf("[%d]+ %s &\n", curjob + 1, j->text);
	return (0);
}

/*
 * Run the pipeline in tokens [a, b).  With bg, don't wait: $! is the
 * last command's pid.  Returns the pipeline's status.
 */
static int
runpipeline(int a, int b, int bg)
{
	static struct command cmds[MAXPIPE];
	const struct builtin *bi;
	struct job *j = NULL;
	pid_t pids[MAXPIPE], pid;
	int bounds[MAXPIPE + 1], ncmd = 0, i, k, st, status;
	int p[2], prevread = -1;

	/* Split at '|'. */
	bounds[0] = a;
	for (i = a; i < b; i++) {
		if (tokens[i].type != T_PIPE)
			continue;
		if (ncmd + 1 == MAXPIPE) {
			shwarn("%s", "pipeline too long");
			return (2);
		}
		bounds[++ncmd] = i + 1;
	}
	bounds[++ncmd] = b + 1;
	for (k = 0; k < ncmd; k++) {
		if (bounds[k] >= bounds[k + 1] - 1) {
			shwarn("%s", "syntax error near '|'");
			return (2);
		}
		if (parsecmd(bounds[k], bounds[k + 1] - 1, &cmds[k]) != 0)
			return (2);
	}

	/* A lone builtin, bare assignments or bare redirections: in here. */
	if (ncmd == 1 && !bg) {
		if (cmds[0].argc == 0) {
			setassignments(&cmds[0]);
			return (runbuiltin(findbuiltin(":"), &cmds[0]));
		}
		if ((bi = findbuiltin(cmds[0].argv[0])) != NULL)
			return (runbuiltin(bi, &cmds[0]));
	}

	if (jobctl) {
		if ((j = newjob()) == NULL)
			return (2);
		jobtext(a, b, j->text, sizeof(j->text));
	}
	fflush(stdout);
	for (k = 0; k < ncmd; k++) {
		p[0] = p[1] = -1;
		if (k < ncmd - 1 && pipe(p) != 0) {
			perror("sh: pipe");
			break;
		}
		if ((pid = fork()) < 0) {
			perror("sh: fork");
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pid == 0) {
			childjob(j != NULL ? j->pgid : 0, !bg);
			if (prevread >= 0) {
				dup2(prevread, 0);
				close(prevread);
			}
			if (p[1] >= 0) {
				dup2(p[1], 1);
				close(p[1]);
				close(p[0]);
			}
			if (redirect(&cmds[k]) != 0)
				_exit(1);
			setassignments(&cmds[k]);
			if (cmds[k].argc == 0)
				_exit(0);
			if ((bi = findbuiltin(cmds[k].argv[0])) != NULL)
				exit(bi->fn(&cmds[k]));
			execcmd(cmds[k].argv);
		}
		pids[k] = pid;
		addtojob(j, pid);
		if (prevread >= 0)
			close(prevread);
		if (p[1] >= 0)
			close(p[1]);
		prevread = p[0];
	}
	if (prevread >= 0)
		close(prevread);
	/* k commands started; a failure above leaves k < ncmd. */
	status = k < ncmd ? 2 : 0;
	if (j != NULL && j->npids == 0) {
		freejob(j);
		return (status);
	}
	if (bg) {
		if (k > 0)
			lastbg = pids[k - 1];
		if (j != NULL) {
			curjob = (int)(j - jobtab);
			printf("[%d] %d\n", curjob + 1, (int)lastbg);
			fflush(stdout);
		}
		return (status);
	}
	if (j != NULL) {
		(void)tcsetpgrp(0, j->pgid);
		st = waitfg(j);
		return (status != 0 ? status : st);
	}
	for (i = 0; i < k; i++) {
		while ((pid = waitpid(pids[i], &st, 0)) < 0 && errno == EINTR)
			;
		if (pid > 0 && i == ncmd - 1)
			status = exitstatus(st);
	}
	return (status);
}

/*
 * Run the and-or list in tokens [a, b): pipelines joined by && and ||.
 * In the background, a lone pipeline runs directly; a longer list runs
 * in a forked copy of the shell.
 */
static int
runandor(int a, int b, int bg)
{
	int i, start, status = 0, run = 1;
	enum toktype op = T_SEMI;
	struct job *j = NULL;
	pid_t pid;

	if (bg) {
		for (i = a; i < b; i++)
			if (tokens[i].type == T_AND || tokens[i].type == T_OR)
				break;
		if (i == b)
			return (runpipeline(a, b, 1));
		if (jobctl) {
			if ((j = newjob()) == NULL)
				return (2);
			jobtext(a, b, j->text, sizeof(j->text));
		}
		fflush(stdout);
		if ((pid = fork()) < 0) {
			perror("sh: fork");
			if (j != NULL)
				freejob(j);
			return (2);
		}
		if (pid == 0) {
			childjob(0, 0);
			interactive = 0;
			exit(runandor(a, b, 0));
		}
		addtojob(j, pid);
		lastbg = pid;
		if (j != NULL) {
			curjob = (int)(j - jobtab);
			printf("[%d] %d\n", curjob + 1, (int)pid);
			fflush(stdout);
		}
		return (0);
	}
	for (start = a, i = a; i <= b; i++) {
		if (i < b && tokens[i].type != T_AND && tokens[i].type != T_OR)
			continue;
		if (i == start) {
			shwarn("syntax error near '%s'",
			    i < b && tokens[i].type == T_AND ? "&&" : "||");
			return (2);
		}
		/* && runs on success, || on failure; a skip keeps $?. */
		if (op == T_AND)
			run = status == 0;
		else if (op == T_OR)
			run = status != 0;
		if (run)
			laststatus = status = runpipeline(start, i, 0);
		if (lineerror)
			return (status);
		if (i < b)
			op = tokens[i].type;
		start = i + 1;
	}
	return (status);
}

/* Run one line: and-or lists separated by ';' and '&'. */
static void
runline(const char *line)
{
	int a, i, bg;

	arenapos = 0;
	lineerror = 0;
	if (lex(line) != 0) {
		laststatus = 2;
		return;
	}
	for (a = 0; a < ntokens && !lineerror; a = i + 1) {
		for (i = a; i < ntokens; i++)
			if (tokens[i].type == T_SEMI || tokens[i].type == T_AMP)
				break;
		bg = i < ntokens && tokens[i].type == T_AMP;
		if (i == a) {
			if (i < ntokens) {
				shwarn("syntax error near '%s'", bg ? "&" : ";");
				laststatus = 2;
			}
			return;
		}
		laststatus = runandor(a, i, bg);
	}
	if (lineerror)
		laststatus = 2;
}

/*
 * Read one line from fd a byte at a time: commands we start share the
 * descriptor, so we must not read past the end of our line.  Returns
 * the length, or -1 at end of input with nothing read.
 */
static int
readline(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	char c;

	for (;;) {
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (c == '\n')
			break;
		if (len < size - 1)
			buf[len++] = c;
	}
	buf[len] = '\0';
	if (n <= 0 && len == 0)
		return (-1);
	return ((int)len);
}

/*
 * Is fd a file or a pipe, i.e. a script rather than someone typing?
 * Then we don't prompt.  Anything else, the console above all, gets
 * prompts (we can't ask isatty(3) exactly without terminal ioctls).
 */
static int
scriptinput(int fd)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return (0);
	return (S_ISREG(sb.st_mode) || S_ISFIFO(sb.st_mode));
}

/*
 * Job control, if we prompt on a terminal: lead a group of our own (a
 * session leader, like a shell started by init, already does), take the
 * terminal, and ignore the signals the terminal sends to the foreground.
 */
static void
startjobctl(void)
{
	size_t i;

	if (tcgetpgrp(0) == -1)
		return;		/* not a terminal, or not ours */
	shellpgid = getpid();
	if (getpgrp() != shellpgid && setpgid(0, shellpgid) != 0)
		shellpgid = getpgrp();
	if (tcsetpgrp(0, shellpgid) != 0)
		return;
	for (i = 0; i < sizeof(jobsigs) / sizeof(jobsigs[0]); i++)
		signal(jobsigs[i], SIG_IGN);
	jobctl = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: sh [-i | -c command [name [arg ...]] | "
	    "file [arg ...]]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static char line[LINE_LEN];
	int fd = 0;

	posc = argc;
	posv = argv;
	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3)
			usage();
		/* sh -c cmd name args: $0 is name. */
		if (argc > 3) {
			posc = argc - 3;
			posv = argv + 3;
		} else
			posc = 1;
		runline(argv[2]);
		exit(laststatus);
	}
	if (argc > 1 && strcmp(argv[1], "-i") != 0) {
		if ((fd = open(argv[1], O_RDONLY | O_CLOEXEC)) < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1],
			    strerror(errno));
			exit(127);
		}
		posc = argc - 1;
		posv = argv + 1;
	} else
		interactive = argc > 1 || !scriptinput(0);
	if (interactive)
		startjobctl();

	for (;;) {
		if (interactive) {
			reapjobs();
			fputs("$ ", stdout);
			fflush(stdout);
		}
		if (readline(fd, line, sizeof(line)) < 0)
			break;
		runline(line);
	}
	hupjobs();
	exit(laststatus);
}
