/*
 * fuzz-proxyproto.c: the PROXY protocol header parser under libFuzzer:
 *	clang -g -fsanitize=fuzzer,address -iquote shared \
 *	    tests/fuzz/fuzz-proxyproto.c login/proxyproto.c -o fuzz-proxyproto
 *	./fuzz-proxyproto tests/fuzz/seeds/proxyproto
 * The input is fed the way login/conn.c reads it, only the bytes asked
 * for; checked: never asks past the header, a header length never
 * exceeds what was read, addresses are NUL-terminated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../login/proxyproto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proxy_addr pa;
	size_t n = 0, need = 0;
	ssize_t r;

	while ((r = proxy_parse(data, n, &pa, &need)) == 0) {
		if (need == 0 || need > PROXY_MAX)
			abort();
		if (n + need > size)
			return 0;
		n += need;
	}
	if (r > 0 && ((size_t)r != n || r > PROXY_MAX))
		abort();
	if (r > 0 && !pa.local && (memchr(pa.src_ip, 0, sizeof pa.src_ip) ==
	    NULL || memchr(pa.dst_ip, 0, sizeof pa.dst_ip) == NULL))
		abort();
	return 0;
}
