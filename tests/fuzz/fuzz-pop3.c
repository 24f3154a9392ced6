/*
 * fuzz-pop3.c: libFuzzer target for pop3d's parsers that see client or
 * message bytes: the command parser (pop3d/cmd.c) and the wire
 * transformer (pop3d/wire.c).  The first byte picks the target and, for
 * the transformer, the chunk size and TOP line count.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -iquote shared \
 *     -o fuzz-pop3 tests/fuzz/fuzz-pop3.c pop3d/cmd.c pop3d/wire.c
 *   ./fuzz-pop3 tests/fuzz/seeds/pop3
 *
 * Invariants checked (abort on violation): the output is the same for
 * every chunking; every line ends in CRLF with no other CR or LF; a line
 * that starts with '.' (other than the terminator) starts with '..';
 * the counted size equals the bytes sent before the terminator minus the
 * stuffed dots.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pop3d/cmd.h"
#include "../../pop3d/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
transform(const char *in, size_t n, size_t chunk, unsigned long long lines,
    char *out, struct wire *w)
{
	size_t i = 0, o = 0, used;

	wire_init(w, lines);
	while (i < n && !w->done) {
		size_t take = n - i < chunk ? n - i : chunk;
		o += wire_feed(w, in + i, take, out + o, &used);
		i += used;
	}
	return o + wire_finish(w, out + o);
}

static void
check_lines(const char *out, size_t n)
{
	size_t start = 0;

	if (n < 3 || memcmp(out + n - 3, ".\r\n", 3) != 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (out[i] == '\r' && (i + 1 == n || out[i + 1] != '\n'))
			abort();
		if (out[i] == '\n' && (i == 0 || out[i - 1] != '\r'))
			abort();
		if (out[i] != '\n')
			continue;
		if (out[start] == '.' && i + 1 != n && (i - start < 3 ||
		    out[start + 1] != '.'))
			abort();
		start = i + 1;
	}
}

static void
fuzz_wire(const char *in, size_t n, uint8_t sel)
{
	size_t cap = WIRE_OUT(n) + 8;
	char *a = malloc(cap), *b = malloc(cap);
	unsigned long long lines = sel & 1 ? WIRE_ALL : (sel >> 1) & 7;
	struct wire wa, wb;
	size_t na, nb;

	if (a == NULL || b == NULL)
		abort();
	na = transform(in, n, n ? n : 1, lines, a, &wa);
	nb = transform(in, n, 1 + (sel >> 4), lines, b, &wb);
	if (na != nb || memcmp(a, b, na) != 0)
		abort();
	check_lines(a, na);
	if (lines == WIRE_ALL && (wa.octets != na - 3 - wa.stuffed ||
	    wire_size(in, n) != wa.octets))
		abort();
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pop3_cmd cmd;

	if (size == 0)
		return 0;
	if (data[0] & 0x80)
		(void)pop3_cmd_parse((const char *)data + 1, size - 1, &cmd);
	else
		fuzz_wire((const char *)data + 1, size - 1, data[0]);
	return 0;
}
