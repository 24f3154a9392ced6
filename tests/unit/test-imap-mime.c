/* test-imap-mime.c: imapd/mime.c, header.c, mimeparam.c */
#include <string.h>

#include "tap.h"
#include "limits.h"
#include "../../imapd/header.h"
#include "../../imapd/mime.h"
#include "../../imapd/mimeparam.h"

#include "mimefixture.h"

int
main(void)
{
	struct mime_msg m;
	struct mime_value mv;
	struct str s = STR_INIT(1000);
	size_t lines;
	char deep[LIM_MIME_DEPTH * 40 + 100];
	size_t n = 0;

	plan_lazy();
	/* header.c */
	is_int(header_block_len("A: b\nC: d\n\nbody", 15), 11, "header len");
	is_int(header_block_len("A: b\r\n\r\nx", 9), 8, "header len CRLF");
	is_int(header_block_len("A: b\n", 5), 5, "no empty line");
	ok(header_get("A: 1\nSubject: x\n  y\t\n\n", 22, "subject", &s) == 1,
	    "get folded");
	is_str(s.s, "x  y", "unfolded");
	ok(header_get("A: 1\n\n", 6, "B", &s) == 0, "missing field");

	/* mimeparam.c */
	mime_value_init(&mv);
	const char *ct = "text/plain; charset=\"utf-8\"; format=flowed (c)";
	ok(mime_value_parse(&mv, ct, strlen(ct)) == 0, "parse content-type");
	is_str(mime_value_main(&mv), "text/plain", "type");
	is_str(mime_value_param(&mv, "CHARSET"), "utf-8", "quoted param");
	is_str(mime_value_param(&mv, "format"), "flowed", "token param");
	ct = "attachment; filename*0=\"a b\"; filename*1=c.txt";
	mime_value_parse(&mv, ct, strlen(ct));
	is_str(mime_value_param(&mv, "filename"), "a bc.txt",
	    "RFC 2231 continuation");
	ct = "attachment; filename*=utf-8''%E2%82%AC.txt";
	mime_value_parse(&mv, ct, strlen(ct));
	is_str(mime_value_param(&mv, "filename*"), "utf-8''%E2%82%AC.txt",
	    "RFC 2231 extended kept encoded");
	ct = "a; n*0=x; n*99999999999999999999999999=y; n*1=z";
	ok(mime_value_parse(&mv, ct, strlen(ct)) == 0,
	    "a section number too big for a long parses (no overflow)");
	is_str(mime_value_param(&mv, "n"), "xz",
	    "  and is not merged; the others are");
	ct = ";;;=;x";
	ok(mime_value_parse(&mv, ct, strlen(ct)) == 0 && mv.nparams == 0,
	    "junk is no error");
	mime_value_free(&mv);

	is_int(mime_vsize("a\nb\r\nc", 6, &lines), 7, "vsize");
	is_int(lines, 2, "lines");

	ok(mime_parse(&m, multi, strlen(multi)) == 0, "parse multipart");
	is_int(m.nparts, 4, "message, text, rfc822, inner");
	ok(m.parts[0].flags & MIME_MULTIPART, "top is multipart");
	int t = mime_child(&m, 0, 1), r = mime_child(&m, 0, 2);
	ok(t == 1 && (m.parts[t].flags & MIME_TEXT), "part 1 text");
	is_int(m.parts[t].body_len, 5, "boundary line break not in body");
	ok(memcmp(multi + m.parts[t].body_off, "hello", 5) == 0, "body");
	ok(r == 2 && (m.parts[r].flags & MIME_MESSAGE), "part 2 rfc822");
	is_int(m.parts[m.parts[r].child].body_len, 10, "inner body");
	ok(mime_child(&m, 0, 3) < 0, "no part 3");
	mime_free(&m);

	const char *broken = "Content-Type: multipart/mixed\n\nno boundary\n";
	ok(mime_parse(&m, broken, strlen(broken)) == 0 && m.nparts == 1 &&
	    (m.parts[0].flags & MIME_DEFAULT_TYPE), "no boundary: text/plain");
	mime_free(&m);
	broken = "Content-Type: multipart/mixed; boundary=z\n\nnone here\n";
	ok(mime_parse(&m, broken, strlen(broken)) == 0 && m.nparts == 1 &&
	    (m.parts[0].flags & MIME_TEXT), "no parts: text/plain");
	mime_free(&m);
	ok(mime_parse(&m, "", 0) == 0 && m.nparts == 1, "empty message");
	mime_free(&m);

	for (int i = 0; i < LIM_MIME_DEPTH + 5; i++) {
		const char *h = "Content-Type: message/rfc822\n\n";
		memcpy(deep + n, h, strlen(h));
		n += strlen(h);
	}
	memcpy(deep + n, "x\n", 2);
	n += 2;
	ok(mime_parse(&m, deep, n) == 0, "deep nesting parses");
	ok(m.nparts <= LIM_MIME_DEPTH + 1, "nesting bounded");
	mime_free(&m);
	str_free(&s);
	return done_testing();
}
