/* config.h: pop3d's settings, from the environment (see pop3d(8)). */
#ifndef POP3_CONFIG_H
#define POP3_CONFIG_H

#include "uidl.h"

struct config {
	const char *maildir;		/* argv[1], $MAILDIR, ./Maildir/ */
	enum uidl_mode uidl;		/* POP3_UIDL */
	int delete_flag;		/* POP3_DELETE=flag */
	int lock_session;		/* POP3_LOCK_SESSION */
	int timeout_ms;			/* POP3_TIMEOUT seconds */
	long login_delay;		/* POP3_LOGIN_DELAY, -1 unset */
	const char *login_delay_s;
	const char *expire;		/* POP3_EXPIRE, NULL unset */
};

/* Fill from argv/environment; -1 with *what naming the bad setting. */
int config_load(struct config *, int argc, char **argv, const char **what);

#endif
