/* config.c: read and check pop3d's environment. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define POP3_TIMEOUT_DEFAULT 600	/* RFC 1939 3: at least 10 minutes */

static int
is_set(const char *v)
{
	return v && *v && strcmp(v, "0") != 0;
}

/* A decimal number of seconds in [min, max]; -1 if not. */
static long
seconds(const char *v, long min, long max)
{
	char *end;
	long n;

	if (v == NULL || *v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return -1;
	return n;
}

static int
config_options(struct config *c, const char **what)
{
	const char *v;
	long t;

	*what = "POP3_UIDL";
	if (uidl_mode_parse(getenv("POP3_UIDL"), &c->uidl) < 0)
		return -1;
	*what = "POP3_DELETE";
	v = getenv("POP3_DELETE");
	if (v && *v && strcmp(v, "unlink") != 0 && strcmp(v, "flag") != 0)
		return -1;
	c->delete_flag = v && strcmp(v, "flag") == 0;
	*what = "POP3_TIMEOUT";
	v = getenv("POP3_TIMEOUT");
	t = v && *v ? seconds(v, 1, 86400) : POP3_TIMEOUT_DEFAULT;
	if (t < 0)
		return -1;
	c->timeout_ms = (int)t * 1000;
	return 0;
}

/* RFC 2449 6.7, 6.8: EXPIRE days|NEVER, LOGIN-DELAY seconds. */
static int
config_policy(struct config *c, const char **what)
{
	const char *v;

	*what = "POP3_EXPIRE";
	v = getenv("POP3_EXPIRE");
	if (v && *v && strcmp(v, "NEVER") != 0 && seconds(v, 0, 1L << 30) < 0)
		return -1;
	c->expire = v && *v ? v : NULL;
	*what = "POP3_LOGIN_DELAY";
	v = getenv("POP3_LOGIN_DELAY");
	c->login_delay = -1;
	c->login_delay_s = NULL;
	if (v && *v) {
		if ((c->login_delay = seconds(v, 0, 1L << 30)) < 0)
			return -1;
		c->login_delay_s = v;
	}
	c->lock_session = is_set(getenv("POP3_LOCK_SESSION"));
	return 0;
}

int
config_load(struct config *c, int argc, char **argv, const char **what)
{
	const char *md = getenv("MAILDIR");

	memset(c, 0, sizeof *c);
	*what = "usage: pop3d [Maildir]";
	if (argc > 2)
		return -1;
	if (argc == 2 && *argv[1])
		c->maildir = argv[1];
	else
		c->maildir = md && *md ? md : "./Maildir/";
	if (config_options(c, what) < 0 || config_policy(c, what) < 0)
		return -1;
	return 0;
}
