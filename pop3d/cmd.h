/*
 * cmd.h: parse one POP3 command line (RFC 1939 section 3, RFC 2449),
 * without I/O, so it can be fuzzed alone.  Keywords are case-insensitive,
 * arguments separated by single spaces (we also accept runs of spaces
 * and tabs, as Dovecot does); a trailing CRLF or bare LF is stripped.
 */
#ifndef POP3_CMD_H
#define POP3_CMD_H

#include <stddef.h>

enum pop3_verb {
	POP3_BAD = 0,		/* parse error: see cmd.err */
	POP3_STAT, POP3_LIST, POP3_RETR, POP3_DELE, POP3_NOOP, POP3_RSET,
	POP3_QUIT, POP3_TOP, POP3_UIDL, POP3_CAPA,
	POP3_AUTHCMD,		/* USER PASS APOP AUTH STLS UTF8: pre-login */
};

#define POP3_ARG_MAX 40		/* RFC 1939 3: arguments up to 40 chars */
#define POP3_NUM_MAX 4294967295ULL	/* message numbers fit 32 bits */

struct pop3_cmd {
	enum pop3_verb verb;
	int has_msg;		/* LIST, UIDL: a message number was given */
	unsigned long long msg;	/* 1-based; may exceed the count */
	unsigned long long lines;	/* TOP: body lines (saturating) */
	const char *err;	/* POP3_BAD: the -ERR text */
	char name[5];		/* the keyword, uppercased (for logs) */
};

/* Parse line[0..len); always fills cmd; returns cmd->verb. */
enum pop3_verb pop3_cmd_parse(const char *line, size_t len,
    struct pop3_cmd *cmd);

#endif
