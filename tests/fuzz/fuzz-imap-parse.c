/*
 * fuzz-imap-parse.c: imap-login's command tokenizer under libFuzzer:
 *	clang -g -fsanitize=fuzzer,address -iquote shared \
 *	    tests/fuzz/fuzz-imap-parse.c login/imap-parse.c -o fuzz-imap-parse
 *	./fuzz-imap-parse tests/fuzz/seeds/imap-parse
 * Checked: every argument lies inside the command buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../login/imap-parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imap_cmd cmd;
	char *buf = malloc(size + 1);
	size_t len;
	int ns;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	imap_literal_suffix(buf, size, &len, &ns);
	if (imap_parse(buf, size, &cmd) == 0) {
		for (int i = 0; i < cmd.nargs; i++)
			if (cmd.arg[i].p < buf ||
			    cmd.arg[i].p + cmd.arg[i].n > buf + size)
				abort();
		if (strlen(cmd.tag) == 0 || strlen(cmd.name) == 0)
			abort();
	}
	free(buf);
	return 0;
}
