/*
 * pop3-parse.h: the POP3 commands allowed before authentication (RFC 1939,
 * RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH), parsed from one line,
 * I/O-free.  The parser works in place on the caller's line buffer: it
 * cuts the line end, NUL-terminates the command word and the arguments,
 * and points into the buffer.  It copies nothing, so the only copy of a
 * password is the caller's fixed line buffer, which the caller wipes with
 * explicit_bzero() once the command is done.
 *
 * The syntax is pop3-login's own, kept byte for byte: the word ends at
 * the first space (matched in any case), the argument is everything after
 * that space, extra arguments of CAPA, STLS, NOOP and QUIT are ignored,
 * and a line holding a NUL is no command at all.
 */
#ifndef LOGIN_POP3_PARSE_H
#define LOGIN_POP3_PARSE_H

#include <stddef.h>

#define POP3_DIGEST_LEN	32	/* APOP: MD5 in hex, RFC 1939 7 */

enum pop3_kind {
	POP3_UNKNOWN,	/* empty line or a word not allowed before login */
	POP3_INVALID,	/* the line holds a NUL */
	POP3_CAPA, POP3_USER, POP3_PASS, POP3_APOP, POP3_AUTH, POP3_STLS,
	POP3_QUIT, POP3_NOOP,
	POP3_KINDS
};

/* A view into the line buffer: n bytes at p, NUL-terminated there. */
struct pop3_str {
	const char *p;
	size_t n;
};

struct pop3_cmd {
	enum pop3_kind kind;
	/*
	 * Whether the arguments fit the command: USER a name of 1 to
	 * LIM_LOGIN bytes; PASS a password of 1 to LIM_SECRET bytes;
	 * APOP "name digest" with the name 1 to LIM_LOGIN bytes and the
	 * digest POP3_DIGEST_LEN bytes.  Always 1 for the others.
	 */
	int valid;
	struct pop3_str word;	/* the command word as sent (for the log) */
	struct pop3_str arg;	/* everything after the first space, or "" */
	struct pop3_str name;	/* USER, APOP: the login name */
	struct pop3_str secret;	/* PASS: the password; APOP: the digest,
				 * A-F lowered to a-f */
	struct pop3_str mech;	/* AUTH: the mechanism; p NULL: no argument,
				 * list the mechanisms */
	struct pop3_str ir;	/* AUTH: the initial response ("=" becomes
				 * empty); p NULL when there is none */
};

/*
 * Parse one command line of n bytes (with or without its CRLF or LF) in
 * a buffer of at least n + 1 bytes.  Writes NULs and lowers the APOP
 * digest in place; never fails: returns cmd->kind.
 */
enum pop3_kind pop3_parse(char *line, size_t n, struct pop3_cmd *cmd);
/*
 * A SASL response line (RFC 5034 4): set *len to its length without the
 * line end.  Returns 0 when the client cancels ("*"), else 1: the first
 * *len bytes are the base64 response for the caller to decode.
 */
int pop3_sasl_line(const char *line, size_t n, size_t *len);
/* The command name for a kind ("CAPA"), or NULL for UNKNOWN, INVALID. */
const char *pop3_kind_name(enum pop3_kind);

#endif
