/*
 * trace.h: the header lines lmtpd puts on top of each recipient's copy,
 * in the shape Dovecot's lmtp writes them (LF line ends, as stored):
 *
 *   Return-Path: <sender>
 *   Delivered-To: rcpt
 *   Received: from lhlo ([ip])
 *   	by host with LMTP
 *   	id id
 *   	(envelope-from <sender>)
 *   	for <rcpt>; Sun, 22 Nov 2026 11:18:55 +0000
 *
 * No I/O; the date is formatted from the given time.
 */
#ifndef LMTP_TRACE_H
#define LMTP_TRACE_H

#include <time.h>

#include "str.h"

struct trace {
	const char *sender;	/* "" for the null path */
	const char *rcpt;
	const char *lhlo;
	const char *ip;		/* "" when unknown (UNIX socket) */
	const char *host;
	const char *id;
	int utf8;		/* SMTPUTF8: "with UTF8LMTP" (RFC 6531 3.7.3) */
	time_t when;
};

/* Replace out with the header block; 0, or -1 ENOSPC. */
int trace_headers(struct str *out, const struct trace *t);

#endif
