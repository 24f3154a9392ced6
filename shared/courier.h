/*
 * courier.h: import Courier-IMAP's UIDs and keywords.
 *
 * courierimapuiddb: a header "<version> <uidvalidity> <uidnext>" and one
 * line per message, "<uid> <base name>" (version 1) or "<base name> <uid>"
 * (version 2); either order is accepted in both.  It becomes a
 * dovecot-uidlist with the same UIDVALIDITY, UIDNEXT and UIDs.
 *
 * courierimapkeywords/ (courier-imapkeywords.txt): ":list" holds the
 * keyword names, one a line, an empty line, then "<base>:<n> <n> ..."
 * lines (n indexes the names); files named "<base>" or ".<N>.<base>" hold
 * newer keyword sets, one name a line ("<base>" wins, then the largest N).
 * The names become dovecot-keywords (the first 26; more cannot be kept in
 * a Maildir name) and each message's keywords become letters in its file
 * name.  Courier's files are left in place.
 */
#ifndef MD_COURIER_H
#define MD_COURIER_H

#include <stdint.h>

#include "basemap.h"
#include "keywords.h"
#include "uidlist.h"

#define COURIER_UIDDB	"courierimapuiddb"
#define COURIER_KWDIR	"courierimapkeywords"

/* Keyword sets per base name, as read from courierimapkeywords/. */
struct courier_kwmsg {
	char *base;
	uint32_t bits;		/* letters of courier_kw.names */
	long long prio;		/* which update file set it (larger wins) */
};

struct courier_kw {
	struct keywords names;	/* letter -> name, as dovecot-keywords */
	struct courier_kwmsg *msgs;
	size_t n;
	size_t cap;
	struct basemap map;	/* base -> msgs[] */
};

/* Parse courierimapuiddb (I/O-free); -1 EINVAL if it is not one. */
int courier_parse_uiddb(struct uidlist *, const char *buf, size_t len);
/* Parse :list into kw (I/O-free). */
int courier_parse_kwlist(struct courier_kw *, const char *buf, size_t len);
/* Apply an update file for base with priority prio (I/O-free). */
int courier_parse_kwfile(struct courier_kw *, const char *base,
    long long prio, const char *buf, size_t len);
void courier_kw_init(struct courier_kw *);
void courier_kw_free(struct courier_kw *);

/*
 * If dir has courierimapuiddb and no dovecot-uidlist: under
 * dovecot-uidlist.lock write dovecot-uidlist and dovecot-keywords from
 * Courier's files and put the keyword letters into the file names.
 * 0 imported (or a uidlist appeared meanwhile); -1 ENOENT nothing to do.
 */
int courier_import(const char *dir);

#endif
