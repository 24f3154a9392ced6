/*
 * store.h: quota checks and delivery of the spooled message through the
 * shared delivery library (the same code deliver(8) runs), with the
 * privileges of each recipient when lmtpd runs as root.
 */
#ifndef LMTP_STORE_H
#define LMTP_STORE_H

#include "session.h"

/*
 * Would a message of size bytes (0 if unknown) fit in r's quota now?
 * MD_OK yes, MD_PERM no (over quota), MD_TEMP could not tell.
 */
enum md_status store_quota_check(const struct config *, const struct rcpt *,
    long long size);

/*
 * Deliver the spool (s->spool_fd, s->spooled bytes) to every recipient,
 * each with its own header block; set each rcpt's reply and file, and
 * log one line per recipient.
 */
void store_deliver(struct session *s);

#endif
