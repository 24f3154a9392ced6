/*
 * parse.h: LMTP command lines, I/O-free (fuzzed alone by
 * tests/fuzz/fuzz-lmtp.c).  A line is split into a verb and its argument;
 * MAIL FROM and RCPT TO paths are checked against the RFC 5321 4.1.2
 * grammar (RFC 6531 3.3 when SMTPUTF8 is on) and their parameters
 * decoded.  Nothing here allocates: results point into the caller's line
 * or are copied into fixed buffers.
 */
#ifndef LMTP_PARSE_H
#define LMTP_PARSE_H

#include <stddef.h>

/* RFC 5321 4.5.3.1.1-3: local part 64, domain 255, path 256 octets. */
#define LMTP_LOCAL_MAX	64
#define LMTP_DOMAIN_MAX	255
#define LMTP_PATH_MAX	256
#define LMTP_XTEXT_MAX	100	/* RFC 3461 4.4: ENVID at most 100 */

enum lmtp_verb {
	LMTP_UNKNOWN, LMTP_LHLO, LMTP_HELO, LMTP_EHLO, LMTP_MAIL, LMTP_RCPT,
	LMTP_DATA, LMTP_BDAT, LMTP_RSET, LMTP_NOOP, LMTP_QUIT, LMTP_VRFY,
};

enum lmtp_body { BODY_NONE, BODY_7BIT, BODY_8BITMIME };

/* Why a path or a parameter was refused; the caller picks the reply. */
enum lmtp_perr {
	PERR_OK,
	PERR_SYNTAX,	/* 501: not a path */
	PERR_UTF8,	/* 553 5.6.7: non-ASCII without SMTPUTF8 */
	PERR_PARAM,	/* 555 5.5.4: unknown or bad parameter */
	PERR_TOOLONG,	/* 501: RFC 5321 4.5.3.1 size limits */
};

struct lmtp_cmd {
	enum lmtp_verb verb;
	char *arg;		/* after the verb and one space, "" if none */
};

struct lmtp_path {
	/* Address as the client wrote it, without <> and source route. */
	char addr[LMTP_PATH_MAX + 1];
	/*
	 * The address with the local part unquoted (RFC 5321 4.1.2:
	 * "a\.b"@x and a.b@x are the same mailbox): the form looked up.
	 */
	char key[LMTP_PATH_MAX + 1];
	int utf8;		/* holds bytes >= 0x80 */
};

struct lmtp_mail_params {
	long long size;		/* SIZE=, -1 if absent */
	enum lmtp_body body;
	int smtputf8;
	char envid[LMTP_XTEXT_MAX + 1];	/* ENVID=, xtext-decoded, or "" */
};

/*
 * Strip the line end (CRLF or LF) in place and split off the verb; a
 * verb is matched without regard to case.  0, or -1 if the line holds a
 * NUL byte (RFC 5321 has none in commands).
 */
int lmtp_parse_line(char *line, size_t len, struct lmtp_cmd *cmd);

/*
 * "FROM:<path> params" for MAIL, "TO:<path> params" for RCPT: the
 * prefix is matched without case; a space before "<" is tolerated.
 * On success *params points at the parameter text.  A path holding
 * UTF-8 sets path->utf8: the caller refuses it unless SMTPUTF8 was given
 * (RFC 6531 3.7.4.1).  A mailbox without a domain is accepted (RFC 5321
 * 4.1.1.3 "<Postmaster>", and bare logins as Dovecot's lmtp takes them).
 */
enum lmtp_perr lmtp_parse_path(char *arg, const char *prefix, int null_ok,
    struct lmtp_path *path, char **params);

/* MAIL FROM parameters: SIZE, BODY, SMTPUTF8, ENVID, RET (RFC 3461). */
enum lmtp_perr lmtp_parse_mail_params(char *params,
    struct lmtp_mail_params *mp);

/* RCPT TO parameters: NOTIFY and ORCPT (RFC 3461) are tolerated. */
enum lmtp_perr lmtp_parse_rcpt_params(char *params);

/* "size [LAST]" of BDAT (RFC 3030 2): 0 with *size, *last; -1 bad. */
int lmtp_parse_bdat(const char *arg, long long *size, int *last);

/* RFC 3629 well-formed UTF-8 (no overlongs, no surrogates): 1 or 0. */
int lmtp_utf8_valid(const unsigned char *s, size_t n);

#endif
