/* pop3-parse.c: pre-authentication POP3 command parser. */
#include <string.h>
#include <strings.h>

#include "limits.h"
#include "pop3-parse.h"

static const char *const pop3_names[POP3_KINDS] = {
	[POP3_CAPA] = "CAPA", [POP3_USER] = "USER", [POP3_PASS] = "PASS",
	[POP3_APOP] = "APOP", [POP3_AUTH] = "AUTH", [POP3_STLS] = "STLS",
	[POP3_QUIT] = "QUIT", [POP3_NOOP] = "NOOP",
};

const char *
pop3_kind_name(enum pop3_kind k)
{
	return (unsigned)k < POP3_KINDS ? pop3_names[k] : NULL;
}

static struct pop3_str
pop3_view(const char *p, size_t n)
{
	struct pop3_str s = { p, n };

	return s;
}

/* Strip every CR and LF at the end, so "CAPA\r\r\n" is CAPA. */
static size_t
pop3_chomp(const char *line, size_t n)
{
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	return n;
}

static enum pop3_kind
pop3_lookup(const char *word)
{
	for (int k = POP3_CAPA; k < POP3_KINDS; k++)
		if (strcasecmp(word, pop3_names[k]) == 0)
			return (enum pop3_kind)k;
	return POP3_UNKNOWN;
}

/*
 * RFC 1939 7: APOP name digest.  The digest follows the last space, so
 * a name may hold spaces; it is compared in lower case.
 */
static void
pop3_apop(struct pop3_cmd *c, char *arg)
{
	char *sp = strrchr(arg, ' ');
	size_t n;

	c->valid = 0;
	if (sp == NULL || sp == arg || strlen(sp + 1) != POP3_DIGEST_LEN)
		return;
	*sp = '\0';
	n = (size_t)(sp - arg);
	for (char *h = sp + 1; *h != '\0'; h++)
		if (*h >= 'A' && *h <= 'F')
			*h = (char)(*h - 'A' + 'a');
	c->name = pop3_view(arg, n);
	c->secret = pop3_view(sp + 1, POP3_DIGEST_LEN);
	c->valid = n <= LIM_LOGIN;
}

/* RFC 5034 4: AUTH [mechanism [initial-response]]; "=" is empty. */
static void
pop3_auth(struct pop3_cmd *c, char *arg)
{
	char *sp;

	if (c->arg.n == 0)
		return;
	sp = strchr(arg, ' ');
	if (sp == NULL) {
		c->mech = pop3_view(arg, c->arg.n);
		return;
	}
	*sp = '\0';
	c->mech = pop3_view(arg, (size_t)(sp - arg));
	if (strcmp(sp + 1, "=") == 0)
		sp[1] = '\0';
	c->ir = pop3_view(sp + 1, strlen(sp + 1));
}

static void
pop3_args(struct pop3_cmd *c, char *arg)
{
	switch (c->kind) {
	case POP3_USER:
		c->name = c->arg;
		c->valid = c->arg.n >= 1 && c->arg.n <= LIM_LOGIN;
		break;
	case POP3_PASS:
		c->secret = c->arg;
		c->valid = c->arg.n >= 1 && c->arg.n <= LIM_SECRET;
		break;
	case POP3_APOP:
		pop3_apop(c, arg);
		break;
	case POP3_AUTH:
		pop3_auth(c, arg);
		break;
	default:
		break;
	}
}

enum pop3_kind
pop3_parse(char *line, size_t n, struct pop3_cmd *c)
{
	char *sp, *arg;

	*c = (struct pop3_cmd){ .kind = POP3_UNKNOWN, .valid = 1 };
	n = pop3_chomp(line, n);
	line[n] = '\0';
	c->word = pop3_view(line, n);
	c->arg = pop3_view(line + n, 0);
	if (memchr(line, '\0', n) != NULL)
		return c->kind = POP3_INVALID;
	sp = memchr(line, ' ', n);
	arg = sp != NULL ? sp + 1 : line + n;
	if (sp != NULL) {
		*sp = '\0';
		c->word.n = (size_t)(sp - line);
		c->arg = pop3_view(arg, n - c->word.n - 1);
	}
	c->kind = pop3_lookup(line);
	pop3_args(c, arg);
	return c->kind;
}

int
pop3_sasl_line(const char *line, size_t n, size_t *len)
{
	*len = pop3_chomp(line, n);
	return !(*len == 1 && line[0] == '*');
}
