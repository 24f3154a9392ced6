/* cmd.c: POP3 command line parser. */
#include <string.h>

#include "cmd.h"

enum arity { NONE, MSG, OPT_MSG, MSG_LINES, ANY };

static const struct {
	char name[5];
	enum pop3_verb verb;
	enum arity arity;
} pop3_verbs[] = {
	{ "STAT", POP3_STAT, NONE }, { "LIST", POP3_LIST, OPT_MSG },
	{ "RETR", POP3_RETR, MSG }, { "DELE", POP3_DELE, MSG },
	{ "NOOP", POP3_NOOP, NONE }, { "RSET", POP3_RSET, NONE },
	{ "QUIT", POP3_QUIT, NONE }, { "TOP", POP3_TOP, MSG_LINES },
	{ "UIDL", POP3_UIDL, OPT_MSG }, { "CAPA", POP3_CAPA, NONE },
	{ "USER", POP3_AUTHCMD, ANY }, { "PASS", POP3_AUTHCMD, ANY },
	{ "APOP", POP3_AUTHCMD, ANY }, { "AUTH", POP3_AUTHCMD, ANY },
	{ "STLS", POP3_AUTHCMD, ANY }, { "UTF8", POP3_AUTHCMD, ANY },
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Split into at most max words; returns the count, or max + 1 if more. */
static int
split_words(const char *p, const char *end, const char **w, size_t *wl,
    int max)
{
	int n = 0;

	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p == end)
			return n;
		if (n == max)
			return max + 1;
		w[n] = p;
		while (p < end && !is_space(*p))
			p++;
		wl[n] = (size_t)(p - w[n]);
		n++;
	}
}

/* A decimal number; saturates at POP3_NUM_MAX + 1.  -1 if not digits. */
static int
parse_num(const char *p, size_t len, unsigned long long *v)
{
	if (len == 0 || len > POP3_ARG_MAX)
		return -1;
	*v = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		if (*v <= POP3_NUM_MAX)
			*v = *v * 10 + (unsigned)(p[i] - '0');
	}
	if (*v > POP3_NUM_MAX)
		*v = POP3_NUM_MAX + 1;
	return 0;
}

static enum pop3_verb
fail(struct pop3_cmd *cmd, const char *err)
{
	cmd->verb = POP3_BAD;
	cmd->err = err;
	return POP3_BAD;
}

static int
lookup(const char *w, size_t wl, struct pop3_cmd *cmd)
{
	if (wl < 3 || wl > 4)
		return -1;
	for (size_t i = 0; i < wl; i++) {
		char c = w[i];
		cmd->name[i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
	}
	cmd->name[wl] = '\0';
	for (size_t i = 0; i < sizeof pop3_verbs / sizeof pop3_verbs[0]; i++)
		if (strcmp(pop3_verbs[i].name, cmd->name) == 0)
			return (int)i;
	return -1;
}

static enum pop3_verb
parse_args(struct pop3_cmd *cmd, enum arity ar, int n, const char **w,
    const size_t *wl)
{
	static const int maxargs[] = { 0, 1, 1, 2, 16 };
	static const int minargs[] = { 0, 1, 0, 2, 0 };

	if (n > maxargs[ar])
		return fail(cmd, "Too many arguments");
	if (n < minargs[ar])
		return fail(cmd, ar == MSG_LINES ?
		    "Usage: TOP message-number lines" :
		    "Missing message number");
	if (n >= 1 && ar != ANY) {
		if (parse_num(w[0], wl[0], &cmd->msg) < 0 || cmd->msg == 0)
			return fail(cmd, "Invalid message number");
		cmd->has_msg = 1;
	}
	if (n == 2 && ar == MSG_LINES &&
	    parse_num(w[1], wl[1], &cmd->lines) < 0)
		return fail(cmd, "Invalid number of lines");
	return cmd->verb;
}

enum pop3_verb
pop3_cmd_parse(const char *line, size_t len, struct pop3_cmd *cmd)
{
	const char *w[17];
	size_t wl[17];
	int n, i;

	memset(cmd, 0, sizeof *cmd);
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (memchr(line, '\0', len) || memchr(line, '\r', len) ||
	    memchr(line, '\n', len))
		return fail(cmd, "Invalid characters in command");
	n = split_words(line, line + len, w, wl, 16);
	if (n == 0)
		return fail(cmd, "Empty command");
	if (n > 16)
		return fail(cmd, "Too many arguments");
	if ((i = lookup(w[0], wl[0], cmd)) < 0)
		return fail(cmd, "Unknown command");
	cmd->verb = pop3_verbs[i].verb;
	return parse_args(cmd, pop3_verbs[i].arity, n - 1, w + 1, wl + 1);
}
