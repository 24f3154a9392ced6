/*
 * fuzz-lmtp.c: lmtpd's I/O-free parsers under libFuzzer:
 *	clang -g -fsanitize=fuzzer,address -iquote shared \
 *	    tests/fuzz/fuzz-lmtp.c lmtpd/parse.c lmtpd/params.c \
 *	    lmtpd/unstuff.c -o fuzz-lmtp
 *	./fuzz-lmtp tests/fuzz/seeds-lmtp
 * The first byte picks the target: command line (MAIL/RCPT paths and
 * parameters, BDAT), or the DATA/BDAT unstuffer fed in pieces whose
 * sizes come from the input; the unstuffer's output is checked against
 * its contract (never more than in + 1 bytes per call).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lmtpd/parse.h"
#include "../../lmtpd/unstuff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_command(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	struct lmtp_cmd cmd;
	struct lmtp_path p;
	struct lmtp_mail_params mp;
	char *params;
	long long n;
	int last;

	if (line == NULL)
		return;
	memcpy(line, data, size);
	line[size] = '\0';
	if (lmtp_parse_line(line, size, &cmd) == 0) {
		if (lmtp_parse_path(cmd.arg, "FROM:", 1, &p, &params) ==
		    PERR_OK) {
			if (strlen(p.addr) > LMTP_PATH_MAX)
				abort();
			(void)lmtp_parse_mail_params(params, &mp);
		} else if (lmtp_parse_path(cmd.arg, "TO:", 0, &p, &params) ==
		    PERR_OK)
			(void)lmtp_parse_rcpt_params(params);
		(void)lmtp_parse_bdat(cmd.arg, &n, &last);
	}
	free(line);
}

static void
fuzz_unstuff(const uint8_t *data, size_t size, int raw)
{
	struct unstuff u;
	char out[300];
	size_t pos = 0;

	unstuff_init(&u, raw);
	while (pos < size && !u.done) {
		size_t k = data[pos] % 255 + 1, olen, used;
		pos++;
		if (k > size - pos)
			k = size - pos;
		used = unstuff_feed(&u, (const char *)data + pos, k, out,
		    &olen);
		if (used > k || olen > used + 1)
			abort();
		pos += used;
	}
	(void)unstuff_finish(&u, out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_command(data + 1, size - 1);
		break;
	default:
		fuzz_unstuff(data + 1, size - 1, data[0] % 3 == 2);
		break;
	}
	return 0;
}
