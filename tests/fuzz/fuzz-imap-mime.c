/*
 * fuzz-imap-mime.c: libFuzzer target for the message parsers: MIME
 * structure, BODYSTRUCTURE, ENVELOPE, sections, RFC 2047.
 *   tests/fuzz/run.sh 60 imap-mime
 *   (or by hand: clang -fsanitize=fuzzer,address with the sources below)
 * fuzz-srcs: imapd/mime.c imapd/header.c imapd/mimeparam.c imapd/imapstr.c imapd/envelope.c imapd/bodystructure.c imapd/section.c imapd/rfc2047.c imapd/casefold.c imapd/parse.c shared/str.c
 *   ./fuzz-imap-mime tests/fuzz/seeds-imap-mime
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../imapd/bodystructure.h"
#include "../../imapd/envelope.h"
#include "../../imapd/rfc2047.h"
#include "../../imapd/section.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
sink(void *ctx, const char *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	return 0;
}

static void
sections(const struct mime_msg *m)
{
	static const char *const items[] = { "BODY[]", "BODY[1]",
	    "BODY[1.2]", "BODY[2.HEADER]", "BODY[1.MIME]", "BODY[TEXT]<3.7>",
	    "BODY[HEADER.FIELDS (From Subject)]", "BODY[1.1.1.TEXT]" };

	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		struct section s;
		struct section_data d;

		section_init(&s);
		if (section_parse(&s, items[i]) == 0 &&
		    section_resolve(&s, m, &d) == 0) {
			if (!d.missing)
				crlf_emit(d.raw, d.rawlen, s.origin,
				    s.partial ? s.count : UINT64_MAX, sink, NULL);
			section_data_free(&d);
		}
		section_free(&s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mime_msg m;
	struct str o = STR_INIT(1u << 26);

	if (mime_parse(&m, (const char *)data, size) == 0) {
		bodystructure_write(&o, &m, 0, 1);
		str_truncate(&o, 0);
		bodystructure_write(&o, &m, 0, 0);
		str_truncate(&o, 0);
		envelope_write(&o, m.data, m.parts[0].hdr_len);
		sections(&m);
		mime_free(&m);
	}
	str_truncate(&o, 0);
	rfc2047_decode((const char *)data, size, &o);
	str_free(&o);
	return 0;
}
