/*
 * bodystructure.h: FETCH BODY and BODYSTRUCTURE (RFC 3501 7.4.2),
 * I/O-free, from a parsed message (mime.h).  BODYSTRUCTURE carries the
 * extension data: for a single part MD5 (always NIL), disposition,
 * language, location; for a multipart the parameters, disposition,
 * language, location.  A part without a usable Content-Type is
 * text/plain; charset=us-ascii (RFC 2045 5.2).
 */
#ifndef IMAPD_BODYSTRUCTURE_H
#define IMAPD_BODYSTRUCTURE_H

#include "mime.h"
#include "str.h"

int bodystructure_write(struct str *out, const struct mime_msg *, int part,
    int extended);

#endif
