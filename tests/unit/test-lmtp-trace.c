/* test-lmtp-trace.c: lmtpd/trace.c */
#include <stdlib.h>
#include <time.h>

#include "tap.h"
#include "../../lmtpd/trace.h"

int
main(void)
{
	struct str s = STR_INIT(4096);
	struct trace t = {
		.sender = "s@x.org", .rcpt = "u@y.org", .lhlo = "mx.x.org",
		.ip = "192.0.2.1", .host = "mail.y.org", .id = "abc",
		.when = 1795000000,
	};

	plan_lazy();
	setenv("TZ", "UTC", 1);
	tzset();
	ok(trace_headers(&s, &t) == 0, "built");
	is_str(s.s, "Return-Path: <s@x.org>\n"
	    "Delivered-To: u@y.org\n"
	    "Received: from mx.x.org ([192.0.2.1])\n"
	    "\tby mail.y.org with LMTP\n"
	    "\tid abc\n"
	    "\t(envelope-from <s@x.org>)\n"
	    "\tfor <u@y.org>; Wed, 18 Nov 2026 11:06:40 +0000\n",
	    "Dovecot's shape");
	t.ip = "::1";
	t.sender = "";
	t.utf8 = 1;
	setenv("TZ", "CET-1", 1);
	tzset();
	trace_headers(&s, &t);
	is_str(s.s, "Return-Path: <>\n"
	    "Delivered-To: u@y.org\n"
	    "Received: from mx.x.org ([IPv6:::1])\n"
	    "\tby mail.y.org with UTF8LMTP\n"
	    "\tid abc\n"
	    "\t(envelope-from <>)\n"
	    "\tfor <u@y.org>; Wed, 18 Nov 2026 12:06:40 +0100\n",
	    "IPv6, null sender, SMTPUTF8, zone offset");
	t.ip = "";
	trace_headers(&s, &t);
	ok(strstr(s.s, "from mx.x.org\n\tby") != NULL, "no IP: no literal");
	s.max = 50;
	ok(trace_headers(&s, &t) < 0, "bounded");
	str_free(&s);
	return done_testing();
}
