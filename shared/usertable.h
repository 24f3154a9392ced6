/*
 * usertable.h: look a user up in users.cdb (built by mkusers(8) from the
 * users(5) text table).  deliver, lmtpd and checkpassword-cdb use this;
 * it needs no password.
 *
 * An address is lowercased, then tried as is; if that fails and it holds a
 * detail delimiter (default "+", several allowed: "+-"), as local part
 * without "+detail"; then the domain catch-all key "@domain".  Aliases are
 * their own keys in the table, pointing at the canonical login.
 *
 * Each call opens the current table file (mkusers replaces it by rename),
 * so a long-running reader always sees a complete, recent table.  The
 * record format inside the CDB is in shared/userrec.h and users(5).
 */
#ifndef MD_USERTABLE_H
#define MD_USERTABLE_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "limits.h"

enum {
	USER_DISABLE_IMAP = 1 << 0,
	USER_DISABLE_POP3 = 1 << 1,
	USER_DISABLE_LMTP = 1 << 2,
};

struct user_record {
	char login[LIM_LOGIN];		/* canonical, lowercased */
	char secret[LIM_SECRET];	/* "{SCHEME}..." as in the table */
	uid_t uid;
	gid_t gid;
	char home[LIM_PATH];
	char maildir[LIM_PATH];		/* maildir= or home + "/Maildir" */
	char detail[LIM_LOGIN];		/* detail of "user+detail@dom", without
					   the delimiter; empty if none */
	long long quota_bytes;		/* 0: no limit */
	long long quota_messages;	/* 0: no limit */
	unsigned disable;		/* USER_DISABLE_* */
	int nologin;
	char nologin_reason[LIM_LOG_VALUE];
	int master;			/* may log in as others: a*master */
	char allow_nets[LIM_ENV_VALUE];	/* CIDR list, empty: anywhere */
	char host[LIM_HOSTNAME + 1];	/* proxy backend, empty: local */
	unsigned port;
	char extra[LIM_USER_RECORD];	/* other key=value, NUL-separated,
					   ending with an empty string */
	/* Kept for "mkusers -l" (the source form); no program needs them. */
	char gecos[LIM_LOG_VALUE];
	char shell[LIM_LOG_VALUE];
	char maildir_src[LIM_PATH];	/* maildir= as written, or empty */
	char aliases[LIM_ENV_VALUE];	/* alias= list as written, or empty */
};

/*
 * Find the user an address belongs to.  0 found (rec filled, secret
 * included); -1 with errno ENOENT when no such user, or another errno for
 * a temporary failure (table unreadable, corrupt record).
 */
int user_lookup(const char *table, const char *address, const char *delims,
    struct user_record *rec);

/*
 * The same for a login name (checkpassword-cdb): the lowercased login or
 * one of its aliases, exactly; no +detail, no catch-all, never "@domain".
 */
int user_lookup_login(const char *table, const char *login,
    struct user_record *rec);

/*
 * The table's dummy secret (mkusers(8) stores one made with the scheme
 * and cost most users have): checkpassword-cdb verifies unknown logins
 * against it.  0 with secret filled; -1 ENOENT for a table without one
 * (made by an older mkusers), another errno for a broken table.
 */
int user_table_dummy(const char *table, char *secret, size_t size);

/* Wipe the secret in a record (explicit_bzero). */
void user_record_wipe(struct user_record *rec);

#endif
