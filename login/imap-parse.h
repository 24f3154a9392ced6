/*
 * imap-parse.h: tokenizer for the IMAP commands allowed before
 * authentication (RFC 9051 9, RFC 3501 9), I/O-free.  A command is the
 * command line with every literal inlined as it arrived:
 *   a1 LOGIN {5}\r\nalice {6+}\r\nsecret\r\n
 * imap_literal_suffix() tells the reader that a line announces a literal
 * so it can fetch the bytes (and send "+" first for a synchronising one).
 */
#ifndef LOGIN_IMAP_PARSE_H
#define LOGIN_IMAP_PARSE_H

#include <stddef.h>

#define IMAP_TAG_MAX	64
#define IMAP_NAME_MAX	32
#define IMAP_ARGS_MAX	64

enum imap_kind { IMAP_ATOM, IMAP_QUOTED, IMAP_LITERAL, IMAP_LPAREN,
	IMAP_RPAREN };

struct imap_arg {
	enum imap_kind kind;
	const char *p;	/* into the command buffer (not NUL-terminated) */
	size_t n;
};

struct imap_cmd {
	char tag[IMAP_TAG_MAX + 1];
	char name[IMAP_NAME_MAX + 1];	/* uppercased */
	struct imap_arg arg[IMAP_ARGS_MAX];
	int nargs;
};

/*
 * If the line (with its CRLF or LF) ends in {n} or {n+}, return 1 and set
 * *len and *nonsync; 0 if it does not; -1 if the number is malformed.
 */
int imap_literal_suffix(const char *line, size_t n, size_t *len,
    int *nonsync);
/*
 * Parse a whole command.  Quoted strings are unescaped in place.
 * 0 on success; -1 when malformed (cmd->tag is set if the tag was valid).
 */
int imap_parse(char *buf, size_t n, struct imap_cmd *cmd);
/* 1 if the argument is the atom (any case) w. */
int imap_arg_is(const struct imap_arg *, const char *w);

#endif
