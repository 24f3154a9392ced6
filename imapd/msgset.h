/*
 * msgset.h: a sequence set argument applied to the selected folder:
 * message numbers, or UIDs for the UID commands (RFC 3501 6.4.8).
 * '*' is the last message's number or UID; for numbers, every one must
 * exist (else BAD), for UIDs, missing ones are simply not there.
 */
#ifndef IMAPD_MSGSET_H
#define IMAPD_MSGSET_H

#include "seqset.h"
#include "session.h"

/* Parse and resolve; -1 with *why for BAD. */
int msgset_parse(struct session *, const struct imap_arg *, int uid,
    struct seqset *, const char **why);
/* Does message index i belong to the set? */
int msgset_has(const struct session *, const struct seqset *, int uid,
    size_t i);

#endif
