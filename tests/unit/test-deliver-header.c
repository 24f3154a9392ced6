/* test-deliver-header.c: deliver/header.c, loop.c and trace.c. */
#include <errno.h>

#include "tap.h"
#include "../../deliver/header.h"
#include "../../deliver/loop.h"
#include "../../deliver/trace.h"

#define S(x) x, sizeof(x) - 1

static void
test_block(void)
{
	is_int(header_block_len(S("A: b\n\nbody")), 6, "LF block");
	is_int(header_block_len(S("A: b\r\n\r\nbody")), 8, "CRLF block");
	is_int(header_block_len(S("A: b\nC: d\n")), 0, "no blank line yet");
	is_int(header_block_len(S("A: b\n\r")), 0, "half a CRLF");
	is_int(header_block_len(S("\nbody")), 1, "empty header");
	is_int(header_from_line_len(S("From a@b Mon\nX: y\n")), 13,
	    "mbox From line");
	is_int(header_from_line_len(S("From: a@b\n")), 0,
	    "From: field is not a From line");
}

static void
test_fields(void)
{
	const char *h = "Subject: one\n two\nX-A:b\r\nBad line\nY: z\n";
	struct header_field f;
	size_t pos = 0;

	ok(header_next(h, strlen(h), &pos, &f) && header_is(&f, "subject") &&
	    f.len == 18 && f.valuelen == 10, "folded field");
	ok(header_next(h, strlen(h), &pos, &f) && header_is(&f, "X-A") &&
	    f.valuelen == 3, "CRLF field without space");
	ok(!header_next(h, strlen(h), &pos, &f), "a non-field line ends it");
	ok(header_value_is_addr(S(" <Alice@Example.ORG>\n"),
	    "alice@example.org"), "address: brackets and case");
	ok(header_value_is_addr(S(" alice@example.org\r\n"),
	    "alice@example.org"), "address: CRLF");
	ok(!header_value_is_addr(S(" xalice@example.org\n"),
	    "alice@example.org"), "address: no substring match");
	ok(!header_value_is_addr(S(" \n"), ""), "empty address never");
}

static void
test_loop(void)
{
	const char *a = "a@x.org";

	is_int(loop_check(S("Subject: s\n\n"), a, 0), LOOP_NONE, "none");
	is_int(loop_check(S("Received: r\nDelivered-To: a@x.org\n\n"), a, 0),
	    LOOP_FOUND, "ours further down: loop");
	is_int(loop_check(S("Delivered-To: A@X.org\nSubject: s\n\n"), a, 0),
	    LOOP_FOUND, "ours on top without From line: loop (qmail)");
	is_int(loop_check(S("Delivered-To: b@x.org\nSubject: s\n\n"), a, 0),
	    LOOP_NONE, "someone else's");
	is_int(loop_check(S("Return-Path: <s>\nDelivered-To: a@x.org\n"
	    "X-Original-To: a@x.org\nSubject: s\n\n"), a, 1),
	    LOOP_MTA_ADDED, "Postfix's trace block after a From line");
	is_int(loop_check(S("Return-Path: <s>\nDelivered-To: a@x.org\n"
	    "Received: r\nDelivered-To: a@x.org\n\n"), a, 1),
	    LOOP_FOUND, "MTA's line plus an older one: loop");
	is_int(loop_check(S("Delivered-To: b@x.org\nDelivered-To: a@x.org\n"
	    "\n"), a, 1), LOOP_FOUND, "ours not first in the block: loop");
}

static void
test_trace(void)
{
	struct str s = STR_INIT(4096);

	ok(trace_lines(&s, "s@x", "a@y") == 0, "trace lines");
	is_str(s.s, "Return-Path: <s@x>\nDelivered-To: a@y\n", "both");
	str_truncate(&s, 0);
	trace_lines(&s, "", NULL);
	is_str(s.s, "Return-Path: <>\n", "null sender");
	str_truncate(&s, 0);
	trace_lines(&s, "<b@x>", NULL);
	is_str(s.s, "Return-Path: <b@x>\n", "brackets not doubled");
	errno = 0;
	ok(trace_lines(&s, "a\nX-Evil: 1", NULL) < 0 && errno == EINVAL,
	    "newline in sender refused");
	ok(trace_lines(&s, NULL, "a\rb") < 0, "CR in recipient refused");
	str_free(&s);
}

int
main(void)
{
	plan_lazy();
	test_block();
	test_fields();
	test_loop();
	test_trace();
	return done_testing();
}
