/*
 * wire.h: turn stored message bytes into POP3 multi-line response bytes
 * (RFC 1939 section 3), streaming and I/O-free.
 *
 *   - every line ends in CRLF: CRLF stays, a bare LF or a bare CR becomes
 *     CRLF (a CR CR LF is a bare CR then a CRLF);
 *   - a line starting with '.' gets one more '.' (byte-stuffing);
 *   - wire_finish ends an unterminated last line with CRLF and appends
 *     the terminating ".\r\n";
 *   - NUL and 8-bit bytes pass through unchanged;
 *   - TOP: a limit of n body lines stops after the header, the empty
 *     line that ends it, and n more lines (RFC 1939 section 7).
 *
 * The wire size of a message (what LIST and STAT report) is the number of
 * octets sent before the terminating ".\r\n", not counting the stuffed
 * dots; it includes the CRLF added to an unterminated last line, since
 * the client receives it as part of the message.
 */
#ifndef POP3_WIRE_H
#define POP3_WIRE_H

#include <stddef.h>

#define WIRE_ALL (~0ULL)

struct wire {
	unsigned long long limit;	/* body lines to send, WIRE_ALL */
	unsigned long long body_lines;	/* body lines completed */
	unsigned long long octets;	/* wire size so far, no stuffing */
	unsigned long long stuffed;	/* dots added */
	int bol;			/* at the start of a line */
	int cr;				/* a CR is pending */
	int in_body;			/* past the empty line */
	int done;			/* TOP limit reached */
};

void wire_init(struct wire *, unsigned long long body_lines);
/*
 * Transform in[0..n) into out, which must hold WIRE_OUT(n) bytes (out may
 * be NULL to only count).  Returns the bytes written; *used is set to the
 * input bytes consumed (less than n only when w->done).
 */
size_t wire_feed(struct wire *, const char *in, size_t n, char *out,
    size_t *used);
#define WIRE_OUT(n) (2 * (n) + 2)
/* End of message: CRLF if needed, then ".\r\n"; out holds 5 bytes. */
size_t wire_finish(struct wire *, char *out);
/* Wire size of a whole message held in memory (for tests and fuzzing). */
unsigned long long wire_size(const char *msg, size_t n);

#endif
