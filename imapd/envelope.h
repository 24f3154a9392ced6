/*
 * envelope.h: the FETCH ENVELOPE structure (RFC 3501 7.4.2), I/O-free:
 *   (date subject from sender reply-to to cc bcc in-reply-to message-id)
 * from a header block.  Values are the unfolded raw header values
 * (encoded words are not decoded, as the RFC says); addresses are parsed
 * leniently from RFC 5322 address lists, groups included; sender and
 * reply-to default to from.  A mailbox without a local part or domain
 * gets MISSING_MAILBOX / MISSING_DOMAIN, as Dovecot writes.  Never fails
 * on content.
 */
#ifndef IMAPD_ENVELOPE_H
#define IMAPD_ENVELOPE_H

#include <stddef.h>

#include "str.h"

int envelope_write(struct str *out, const char *hdr, size_t hdrlen);
/* One address list as IMAP writes it: "((...)(...))" or "NIL". */
int envelope_addresses(struct str *out, const char *v, size_t n);

#endif
