/*
 * flags.h: IMAP system flags <-> Maildir flag letters (mdname.h):
 * \Answered R, \Flagged F, \Deleted T, \Seen S, \Draft D.  Maildir's P
 * (passed) has no IMAP flag and is kept untouched.  Keywords are the
 * view's keyword table (dovecot-keywords).
 */
#ifndef IMAPD_FLAGS_H
#define IMAPD_FLAGS_H

#include <stdint.h>

#include "parse.h"
#include "str.h"
#include "view.h"

#define FLAGS_IMAP_MASK 0x3bu	/* D F R S T: everything but P */

/* MDF_* bit of a system flag name ("\Seen"), 0 if not one. */
unsigned flag_from_name(const char *);
/* Append "\Answered \Flagged ..." for the bits (no parentheses). */
int flags_put_system(struct str *, unsigned flags);
/*
 * Parse a flag list (or a chain of flag atoms, as STORE allows) into system bits and keyword
 * bits; keywords not yet in the table are added when add is set
 * (STORE, APPEND), else they fail.  -1 with *why for BAD/NO.
 */
int flags_parse(struct view *, const struct imap_arg *, int add,
    unsigned *flags, uint32_t *kw, const char **why);

#endif
