/*
 * reader.h: reading one whole IMAP command from the client: the line,
 * and for each literal marker the literal and the next line (RFC 3501
 * 7.5: "+" continuation for a synchronising literal; LITERAL+ (RFC 7888)
 * without).  The command is bounded by LIM_IMAP_COMMAND; only APPEND may
 * carry a larger literal, which is spooled to an unlinked file in the
 * Maildir's tmp/ up to the session's append_max.  A literal over a limit
 * is refused before the client sends it when it is synchronising; a
 * non-synchronising one is read and thrown away, then the command is
 * refused (NO [TOOBIG] for APPEND, BAD otherwise), as RFC 7888 4 allows.
 * With LITERAL- (session literal_minus) a non-synchronising literal over
 * 4096 bytes is refused with BAD [TOOBIG], or BYE [TOOBIG] when large.
 */
#ifndef IMAPD_READER_H
#define IMAPD_READER_H

#include "session.h"

struct command {
	struct str buf;		/* the command without its last CRLF */
	size_t spool_at;	/* offset of the spooled literal's '{' */
	int spool_fd;		/* -1 if none */
	uint64_t spool_len;
};

enum {
	READ_OK = 0,
	READ_EOF = -1,		/* client closed, or I/O error: end */
	READ_REFUSED = -2,	/* already answered (BAD/NO): next command */
};

void command_init(struct command *);
void command_reset(struct command *);
int command_read(struct session *, struct command *);

#endif
