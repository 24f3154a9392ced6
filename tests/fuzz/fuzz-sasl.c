/*
 * fuzz-sasl.c: base64 and the SASL server steps under libFuzzer:
 *	clang -g -fsanitize=fuzzer,address -iquote shared \
 *	    tests/fuzz/fuzz-sasl.c login/sasl.c login/base64.c -o fuzz-sasl
 *	./fuzz-sasl tests/fuzz/seeds/sasl
 * The first byte picks the mechanism; the rest is split at CRLF into
 * base64 client responses.  Checked: a finished exchange has a non-empty
 * login and secret without NULs, and its record fits LIM_CRED.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../login/base64.h"
#include "../../login/sasl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char dec[LIM_SASL];
	char rec[LIM_CRED];
	struct sasl s;
	const char *ch, *p, *end;
	enum sasl_result r = SASL_CONTINUE;
	size_t n, reclen;

	if (size < 1)
		return 0;
	sasl_begin(&s, (enum sasl_mech)(data[0] % 3), "<1.2.3@fuzz>");
	p = (const char *)data + 1;
	end = (const char *)data + size;
	while (p < end && r == SASL_CONTINUE) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (base64_decode(p, len, dec, sizeof dec, &n) < 0)
			return 0;
		r = sasl_step(&s, dec, n, &ch);
		p += len + 1;
	}
	if (r == SASL_DONE) {
		if (s.login[0] == '\0' || s.secret[0] == '\0')
			abort();
		if (sasl_record(&s, rec, sizeof rec, &reclen) == 0 &&
		    reclen > LIM_CRED)
			abort();
	}
	sasl_wipe(&s);
	return 0;
}
