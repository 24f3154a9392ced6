/*
 * uidlist.h: dovecot-uidlist, Dovecot's UID <-> file name map.
 *
 *   3 V<uidvalidity> N<uidnext> G<guid> [other fields]
 *   <uid> [<ext fields>] :<file name>
 *
 * Version 1 (Courier's courierimapuiddb shape, "1 <uidvalidity> <uidnext>"
 * and "<uid> <name>" lines) is read too.  Extension fields on UID lines
 * (W<vsize>, S<size>, G<guid>, P<pop3 uidl>, ...) are kept verbatim and
 * written back.  uidlist_parse is I/O-free; a malformed or out-of-order
 * UID line is skipped, a bad header fails with EINVAL, and an incomplete
 * last line (a writer still appending) is ignored.
 *
 * Writers hold dovecot-uidlist.lock (dotlock.h); new records may be
 * appended to the file, anything else is a rewrite through the lock file
 * and rename(2), as Dovecot does.
 */
#ifndef MD_UIDLIST_H
#define MD_UIDLIST_H

#include <sys/stat.h>
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "str.h"

#define UIDLIST_NAME	"dovecot-uidlist"
#define UIDLIST_MAX	(256u << 20)	/* largest uidlist we read */

struct uidlist_rec {
	uint32_t uid;
	size_t baselen;		/* name up to ':' */
	char *ext;		/* extension fields as written, or NULL */
	char *name;		/* last known file name */
};

struct uidlist {
	unsigned version;
	uint32_t uidvalidity;
	uint32_t uidnext;	/* max(N field, last uid + 1) */
	char guid[33];		/* G field, hex, "" if absent */
	char *hdr_extra;	/* other header fields, or NULL */
	struct uidlist_rec *recs;	/* strictly increasing uid */
	size_t count;
	size_t cap;
	size_t skipped;		/* malformed lines skipped while parsing */
};

void uidlist_init(struct uidlist *);
void uidlist_free(struct uidlist *);
/* Parse a whole file image (I/O-free). */
int uidlist_parse(struct uidlist *, const char *buf, size_t len);
/* Append a record (uid must exceed the last); ext may be NULL. */
int uidlist_add(struct uidlist *, uint32_t uid, const char *name,
    const char *ext);
/* The extension field with this key letter, as a number; -1 if none. */
long long uidlist_ext_num(const struct uidlist_rec *, char key);
/* Format the header line / one record line / the whole file (v3). */
int uidlist_format_header(const struct uidlist *, struct str *);
int uidlist_format_rec(const struct uidlist_rec *, struct str *);
int uidlist_format(const struct uidlist *, struct str *);

/* Read path; -1 ENOENT if missing.  st (may be NULL) gets fstat. */
int uidlist_read(struct uidlist *, const char *path, struct stat *st);
/* Only the UIDVALIDITY from the header of the file at path. */
int uidlist_read_uidvalidity(const char *path, uint32_t *out);
/* Append recs[from..count) to the file at path (caller holds the lock). */
int uidlist_append(const char *path, const struct uidlist *, size_t from);

/* A random 128-bit mailbox GUID in hex, for the G header field. */
void uidlist_new_guid(char guid[33]);
/*
 * A new UIDVALIDITY for a folder under the Maildir root: the current
 * time, or one more than the last value handed out in root (kept in
 * root/dovecot-uidvalidity, hex, as Dovecot does), under a dot-lock.
 */
int uidlist_new_uidvalidity(const char *root, uint32_t *out);

#endif
