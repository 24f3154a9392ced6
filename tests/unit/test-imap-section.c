/* test-imap-section.c: imapd/section.c */
#include <string.h>

#include "tap.h"
#include "../../imapd/section.h"

#include "mimefixture.h"

static int
put(void *ctx, const char *p, size_t n)
{
	return str_append(ctx, p, n);
}

static char out[4096];

static const char *
fetch(const struct mime_msg *m, const char *item)
{
	struct section s;
	struct section_data d;
	struct str o = STR_INIT(4096);

	section_init(&s);
	if (section_parse(&s, item) < 0) {
		section_free(&s);
		return "(bad)";
	}
	if (section_resolve(&s, m, &d) < 0)
		return "(error)";
	if (d.missing)
		memcpy(out, "NIL", 4);
	else {
		crlf_emit(d.raw, d.rawlen, s.partial ? s.origin : 0,
		    s.partial ? s.count : UINT64_MAX, put, &o);
		memcpy(out, o.s ? o.s : "", o.len + 1);
	}
	str_free(&o);
	section_data_free(&d);
	section_free(&s);
	return out;
}

int
main(void)
{
	struct mime_msg m;
	struct section s;

	plan_lazy();
	mime_parse(&m, multi, strlen(multi));
	is_str(fetch(&m, "BODY[1]"), "hello", "[1]");
	is_str(fetch(&m, "BODY[2]"), "Subject: inner\r\n\r\ninner body",
	    "[2] the whole rfc822 part");
	is_str(fetch(&m, "BODY[2.HEADER]"), "Subject: inner\r\n\r\n",
	    "[2.HEADER]");
	is_str(fetch(&m, "BODY[2.TEXT]"), "inner body", "[2.TEXT]");
	is_str(fetch(&m, "BODY[2.1]"), "inner body", "[2.1]");
	is_str(fetch(&m, "BODY[1.MIME]"), "Content-Type: text/plain\r\n\r\n",
	    "[1.MIME]");
	is_str(fetch(&m, "BODY.PEEK[HEADER.FIELDS (FROM \"x\")]"),
	    "From: a@b\r\n\r\n", "HEADER.FIELDS");
	is_str(fetch(&m, "BODY[HEADER.FIELDS.NOT (From)]"),
	    "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n",
	    "HEADER.FIELDS.NOT");
	is_str(fetch(&m, "BODY[3]"), "NIL", "no part 3");
	is_str(fetch(&m, "BODY[1.HEADER]"), "NIL", "HEADER of a text part");
	is_str(fetch(&m, "BODY[1.1]"), "NIL", "1.1 of a text part");
	is_str(fetch(&m, "BODY[]<0.6>"), "From: ", "partial");
	is_str(fetch(&m, "BODY[]<8.4>"), "b\r\nC", "partial across CRLF");
	is_str(fetch(&m, "BODY[]<9.1>"), "\r", "partial: just the CR");
	is_str(fetch(&m, "BODY[]<10.1>"), "\n", "partial: just the LF");
	is_str(fetch(&m, "BODY[1]<100.5>"), "", "partial past the end");
	is_str(fetch(&m, "BODY[TEXT]<0.9>"), "preamble\r", "TEXT partial");
	mime_free(&m);

	mime_parse(&m, "Subject: s\n\nbody\n", 17);
	is_str(fetch(&m, "BODY[1]"), "body\r\n", "[1] of a single part");
	is_str(fetch(&m, "BODY[1.MIME]"), "Subject: s\r\n\r\n", "[1.MIME]");
	is_str(fetch(&m, "BODY[2]"), "NIL", "[2] of a single part");
	mime_free(&m);

	const char *bad[] = { "BODY[MIME]", "BODY[0]", "BODY[1.]",
	    "BODY[HEADER.FIELDS ()]", "BODY[HEADER.FIELDS]", "BODY[]<1.0>",
	    "BODY[]<1>", "BODY[TEXT", "BODY[FOO]", "BODY[1.2.3.x]",
	    "BODY[HEADER.FIELDS (a:b)]", "BODY[]<1.2>x" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		section_init(&s);
		ok(section_parse(&s, bad[i]) < 0, "bad: %s", bad[i]);
		section_free(&s);
	}
	section_init(&s);
	ok(section_parse(&s, "BODY.PEEK[1.2.HEADER]<5.7>") == 0 && s.peek &&
	    s.npath == 2 && s.spec == SEC_HEADER && s.partial &&
	    s.origin == 5 && s.count == 7, "parse fields");
	is_str(s.text, "1.2.HEADER", "section text kept for the reply");
	section_free(&s);
	return done_testing();
}
