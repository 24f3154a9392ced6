/*
 * fuzz-imap-command.c: libFuzzer target for the IMAP command tokenizer,
 * the sequence-set parser and the SEARCH key parser.
 *   tests/fuzz/run.sh 60 imap-command
 *   (or by hand: clang -fsanitize=fuzzer,address with the sources below)
 * fuzz-srcs: imapd/parse.c imapd/seqset.c imapd/search-parse.c imapd/casefold.c imapd/rfc2047.c shared/str.c
 *   ./fuzz-imap-command tests/fuzz/seeds-imap-parse
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../imapd/parse.h"
#include "../../imapd/search-parse.h"
#include "../../imapd/seqset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imap_cmd cmd;
	struct search_prog prog;
	struct seqset set;
	uint64_t n;
	int ns;
	char name[32];

	imap_literal_tail((const char *)data, size, &n, &ns);
	imap_peek_name((const char *)data, size, name, sizeof name);
	if (imap_parse(&cmd, (const char *)data, size, size / 2) == 0) {
		if (cmd.args && cmd.args->type == IMAP_ARG_ATOM &&
		    seqset_parse(&set, cmd.args->s) == 0) {
			seqset_resolve(&set, (uint32_t)size);
			seqset_contains(&set, 3);
			seqset_free(&set);
		}
		if (cmd.args) {
			search_parse(&prog, cmd.args);
			search_free(&prog);
		}
	}
	imap_cmd_free(&cmd);
	return 0;
}
