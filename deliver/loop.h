/*
 * loop.h: has this message been delivered to this address before?
 * qmail-local's rule: a Delivered-To: field naming our address already in
 * the header means a mail loop, a permanent failure.  One exception: an
 * MTA that adds its trace fields itself before it runs us (Postfix
 * local(8), qmail's preline) starts the message with an mbox "From "
 * line followed by Return-Path, Delivered-To, X-Original-To; when the
 * first Delivered-To of that leading block is ours and appears nowhere
 * else, it is the MTA's mark for this very delivery (those MTAs checked
 * for loops themselves), not a loop, and we do not add a second one.
 */
#ifndef DELIVER_LOOP_H
#define DELIVER_LOOP_H

#include <stddef.h>

enum loop_verdict {
	LOOP_NONE,		/* add our Delivered-To */
	LOOP_MTA_ADDED,		/* the MTA added it just now: do not add */
	LOOP_FOUND,		/* seen before: refuse */
};

/* hdr: the header block after the From line; from_line: there was one. */
enum loop_verdict loop_check(const char *hdr, size_t len, const char *addr,
    int from_line);

#endif
