/*
 * fuzz-maildir-files.c: libFuzzer target for the parsers of files other
 * programs write into a Maildir, which may be corrupt or hostile:
 * dovecot-uidlist, dovecot-keywords, Courier's courierimapuiddb and
 * courierimapkeywords, and message file names.  The first byte picks
 * the parser.  A uidlist that parses must format and parse back to the
 * same records.
 * fuzz-srcs: shared/uidlist.c shared/keywords.c shared/courier.c
 * fuzz-srcs: shared/courier_parse.c shared/courier_kw.c shared/basemap.c
 * fuzz-srcs: shared/mdname.c shared/str.c shared/log.c shared/file.c
 * fuzz-srcs: shared/dotlock.c shared/io.c shared/uidlist_io.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "courier.h"
#include "keywords.h"
#include "mdname.h"
#include "str.h"
#include "uidlist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_uidlist(const char *in, size_t n)
{
	struct uidlist a, b;
	struct str out = STR_INIT(4 * n + 256);

	uidlist_init(&a);
	uidlist_init(&b);
	if (uidlist_parse(&a, in, n) == 0 && uidlist_format(&a, &out) == 0) {
		if (uidlist_parse(&b, out.s, out.len) < 0 ||
		    b.count != a.count || b.uidvalidity != a.uidvalidity)
			abort();
		for (size_t i = 0; i < a.count; i++)
			if (a.recs[i].uid != b.recs[i].uid)
				abort();
	}
	str_free(&out);
	uidlist_free(&a);
	uidlist_free(&b);
}

static void
fuzz_names(const char *in, size_t n)
{
	char *name = strndup(in, n);
	struct mdname mn;
	char buf[MDNAME_MAX + 1];

	if (name == NULL)
		return;
	if (mdname_parse(name, &mn) == 0)
		(void)mdname_with_flags(buf, sizeof buf, name, mn.baselen,
		    mn.flags, mn.keywords);
	free(name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data + 1;
	struct keywords kw = { 0 };
	struct courier_kw ck;
	struct uidlist ul;

	if (size < 1)
		return 0;
	switch (data[0] % 5) {
	case 0:
		fuzz_uidlist(in, size - 1);
		break;
	case 1:
		(void)keywords_parse(&kw, in, size - 1);
		keywords_free(&kw);
		break;
	case 2:
		uidlist_init(&ul);
		(void)courier_parse_uiddb(&ul, in, size - 1);
		uidlist_free(&ul);
		break;
	case 3:
		courier_kw_init(&ck);
		(void)courier_parse_kwlist(&ck, in, size - 1);
		courier_kw_free(&ck);
		break;
	default:
		fuzz_names(in, size - 1);
	}
	return 0;
}
