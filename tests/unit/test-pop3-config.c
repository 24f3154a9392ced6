/* test-pop3-config.c: pop3d/config.c, settings from the environment. */
#include <stdlib.h>

#include "tap.h"
#include "../../pop3d/config.h"

static int
load(const char *name, const char *value, struct config *c,
    const char **what)
{
	char *argv[] = { "pop3d", NULL };

	unsetenv("POP3_UIDL");
	unsetenv("POP3_DELETE");
	unsetenv("POP3_TIMEOUT");
	unsetenv("POP3_EXPIRE");
	unsetenv("POP3_LOGIN_DELAY");
	unsetenv("POP3_LOCK_SESSION");
	if (name)
		setenv(name, value, 1);
	return config_load(c, 1, argv, what);
}

int
main(void)
{
	struct config c;
	const char *what = NULL;
	char *argv2[] = { "pop3d", "/m", NULL }, *argv3[] = { "a", "b", "c" };

	plan_lazy();
	unsetenv("MAILDIR");
	ok(load(NULL, NULL, &c, &what) == 0, "defaults");
	is_str(c.maildir, "./Maildir/", "default Maildir");
	is_int(c.timeout_ms, 600000, "default timeout 10 minutes");
	ok(c.uidl == UIDL_DOVECOT && !c.delete_flag && !c.lock_session &&
	    c.expire == NULL && c.login_delay < 0, "default options");
	setenv("MAILDIR", "/var/mail/x", 1);
	ok(load(NULL, NULL, &c, &what) == 0 &&
	    strcmp(c.maildir, "/var/mail/x") == 0, "$MAILDIR");
	ok(config_load(&c, 2, argv2, &what) == 0 &&
	    strcmp(c.maildir, "/m") == 0, "argument wins");
	ok(config_load(&c, 3, argv3, &what) < 0, "two arguments refused");
	ok(load("POP3_UIDL", "filename", &c, &what) == 0 &&
	    c.uidl == UIDL_FILENAME, "POP3_UIDL=filename");
	ok(load("POP3_UIDL", "x", &c, &what) < 0, "bad POP3_UIDL");
	is_str(what, "POP3_UIDL", "names the setting");
	ok(load("POP3_DELETE", "flag", &c, &what) == 0 && c.delete_flag,
	    "POP3_DELETE=flag");
	ok(load("POP3_DELETE", "unlink", &c, &what) == 0 && !c.delete_flag,
	    "POP3_DELETE=unlink");
	ok(load("POP3_DELETE", "trash", &c, &what) < 0, "bad POP3_DELETE");
	ok(load("POP3_TIMEOUT", "30", &c, &what) == 0 &&
	    c.timeout_ms == 30000, "POP3_TIMEOUT=30");
	ok(load("POP3_TIMEOUT", "0", &c, &what) < 0, "POP3_TIMEOUT=0");
	ok(load("POP3_TIMEOUT", "86401", &c, &what) < 0, "one over a day");
	ok(load("POP3_TIMEOUT", "5s", &c, &what) < 0, "junk");
	ok(load("POP3_EXPIRE", "NEVER", &c, &what) == 0 &&
	    strcmp(c.expire, "NEVER") == 0, "EXPIRE NEVER");
	ok(load("POP3_EXPIRE", "-1", &c, &what) < 0, "bad EXPIRE");
	ok(load("POP3_LOGIN_DELAY", "900", &c, &what) == 0 &&
	    c.login_delay == 900, "LOGIN-DELAY");
	ok(load("POP3_LOGIN_DELAY", "x", &c, &what) < 0, "bad LOGIN-DELAY");
	ok(load("POP3_LOCK_SESSION", "1", &c, &what) == 0 &&
	    c.lock_session, "lock session");
	ok(load("POP3_LOCK_SESSION", "0", &c, &what) == 0 &&
	    !c.lock_session, "0 is off");
	return done_testing();
}
