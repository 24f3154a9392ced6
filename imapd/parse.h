/*
 * parse.h: the IMAP command tokenizer (RFC 3501 section 9), I/O-free.
 *
 * The reader (imapd/reader.c) collects one whole command into a buffer:
 * the line, and for every line that ends in a literal marker {n}, {n+}
 * (LITERAL+) the n literal bytes and the following line.  It asks
 * imap_literal_tail() after each line how many bytes to read.  imap_parse()
 * then splits the buffer into the tag, the command name and a tree of
 * arguments: atoms, quoted strings (unescaped), literals, NIL and
 * parenthesised lists.  An atom may carry a bracketed part with spaces
 * and parentheses, as FETCH BODY[HEADER.FIELDS (FROM TO)]<0.100> needs.
 * A literal too big for the buffer (APPEND only) is spooled to a file by
 * the reader; its position in the buffer is passed as spool_at and it
 * appears as one IMAP_ARG_SPOOL argument.
 *
 * Every count is bounded (LIM_IMAP_ARGS tokens, LIM_IMAP_DEPTH nesting);
 * on error cmd->err says why, for the BAD response.
 */
#ifndef IMAPD_PARSE_H
#define IMAPD_PARSE_H

#include <stddef.h>
#include <stdint.h>

enum imap_arg_type {
	IMAP_ARG_ATOM,
	IMAP_ARG_QUOTED,
	IMAP_ARG_LITERAL,
	IMAP_ARG_NIL,
	IMAP_ARG_LIST,
	IMAP_ARG_SPOOL,		/* literal spooled to a file by the reader */
};

struct imap_arg {
	enum imap_arg_type type;
	const char *s;		/* NUL-terminated copy (literals may hold NUL) */
	size_t len;
	struct imap_arg *next;	/* next sibling or NULL */
	struct imap_arg *child;	/* first element of a LIST or NULL */
};

struct imap_cmd {
	const char *tag;	/* NULL if even the tag was unreadable */
	const char *name;	/* command name as sent */
	struct imap_arg *args;	/* first argument after the name, or NULL */
	const char *err;	/* why parsing failed */
	struct imap_arg *pool;	/* internal */
	size_t npool;
	char *arena;
};

/* Parse buf (one command without its final CRLF); 0 or -1 with cmd->err. */
int imap_parse(struct imap_cmd *, const char *buf, size_t len,
    size_t spool_at);
/* Free what imap_parse allocated (safe on a failed or zeroed cmd). */
void imap_cmd_free(struct imap_cmd *);

/*
 * Does this line (without CRLF) end in a literal marker?  1 and *n,
 * *nonsync set; 0 no; -1 a marker that is malformed or too large.
 */
int imap_literal_tail(const char *line, size_t len, uint64_t *n,
    int *nonsync);
/* Copy the command name (second token) of a partial buffer, uppercased. */
int imap_peek_name(const char *buf, size_t len, char *name, size_t size);

/* Helpers for command handlers. */
int imap_arg_is_string(const struct imap_arg *);	/* atom/quoted/lit */
int imap_arg_is_atom(const struct imap_arg *, const char *upper);
int imap_arg_number(const struct imap_arg *, uint32_t *);
int imap_arg_number64(const struct imap_arg *, uint64_t *);
size_t imap_arg_count(const struct imap_arg *);
int imap_is_atom_char(unsigned char);

#endif
