/*
 * trace.h: the lines deliver puts on top of the message, as qmail-local
 * does: "Return-Path: <sender>" (RFC 5321 4.4: the final delivery adds
 * it, and older Return-Path fields are removed) and "Delivered-To: rcpt"
 * (the loop detection mark).
 */
#ifndef DELIVER_TRACE_H
#define DELIVER_TRACE_H

#include "str.h"

/*
 * Append the lines for a known sender and/or recipient (NULL: none).
 * -1 EINVAL for a value with control characters or over LIM_LINE: an
 * MTA never hands us such a thing, and it must not become a header.
 */
int trace_lines(struct str *out, const char *sender, const char *recipient);

#endif
