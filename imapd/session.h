/*
 * session.h: one IMAP session after login: the client connection, the
 * selected folder and what the client has been told about it.
 *
 * The view (shared/view.h) is the folder; the session adds the rules of
 * RFC 3501 5.2 and 7.4.1 on top: changes found by a refresh are held
 * until a point where the client may hear them.  EXISTS and flag updates
 * may go out after any command; EXPUNGE never during FETCH, STORE or
 * SEARCH (nor their UID forms), so message sequence numbers stay put.
 */
#ifndef IMAPD_SESSION_H
#define IMAPD_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "io.h"
#include "limits.h"
#include "parse.h"
#include "str.h"
#include "view.h"

enum imap_state { ST_AUTH, ST_SELECTED, ST_LOGOUT };

struct fetchcache;

struct selected {
	struct view *v;
	struct notify *nt;
	int readonly;
	char name[LIM_FOLDER_NAME * 2 + 1];	/* client name */
	char path[LIM_PATH];
	size_t known_exists;	/* EXISTS the client has seen */
	size_t known_recent;
	uint32_t *pending;	/* uids whose flags others changed */
	size_t npending, cappending;
	int pending_all;	/* too many: send every message's flags */
	unsigned known_keywords;	/* keywords in the last FLAGS */
	struct fetchcache *fc;	/* ENVELOPE/BODYSTRUCTURE cache */
	int fc_failed;
};

struct session {
	struct io_in in;
	struct io_out out;
	enum imap_state state;
	const char *root;	/* MAILDIR */
	const char *user;
	const char *ip;
	struct selected sel;
	uint64_t append_max;
	int idle_timeout;	/* seconds (autologout) */
	int literal_minus;	/* IMAP_LITERAL=minus: LITERAL- (RFC 7888 5) */
	const char *tag;	/* of the running command */
	int uid;		/* the running command is UID ... */
	/* for the session-end log line */
	unsigned long selects, fetches, commands;
	unsigned long long bytes_in;
	struct str tmp;		/* scratch for responses */
};

/* Tagged and untagged responses.  The text is a printf format. */
/* RENAME of the selected folder or a parent: keep it selected. */
void session_follow_rename(struct session *, const char *from,
    const char *to);

int reply(struct session *, const char *status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int untagged(struct session *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define reply_ok(s, ...) reply((s), "OK", __VA_ARGS__)
#define reply_no(s, ...) reply((s), "NO", __VA_ARGS__)
#define reply_bad(s, ...) reply((s), "BAD", __VA_ARGS__)

/* The capability list after login, for CAPABILITY and the login OK. */
const char *imapd_capabilities(const struct session *);

/* Selected folder: open/close and the change rules above. */
int session_select(struct session *, const char *name, int readonly);
void session_unselect(struct session *);
int session_refresh(struct session *);
/* Send what the client may hear now; expunges only if allowed. */
int session_announce(struct session *, int allow_expunge);
/* The flags of message i as an IMAP list "(\Seen kw)" into out. */
int session_put_flags(struct session *, size_t i, struct str *out);
/* FLAGS and PERMANENTFLAGS lines for the selected folder. */
int session_put_flag_lines(struct session *);
/* The same, only if the keyword table grew since the client heard. */
int session_flags_sync(struct session *);

#endif
