/*
 * msgfile.h: one message file of the selected folder, mapped read-only
 * for FETCH and SEARCH, its MIME structure parsed on first need.  Maildir
 * files are never rewritten, so the mapping stays valid even when another
 * session renames or unlinks the file meanwhile.
 */
#ifndef IMAPD_MSGFILE_H
#define IMAPD_MSGFILE_H

#include <stddef.h>

#include "mime.h"
#include "view.h"

struct msgfile {
	int fd;
	const char *data;
	size_t len;
	int parsed;
	struct mime_msg mime;
	size_t hdrlen;		/* top-level header block */
};

/* Open message i; -1 ENOENT if it is gone (expunged by someone else). */
int msgfile_open(struct msgfile *, struct view *, size_t i);
/* Parse the MIME structure once; -1 on memory exhaustion. */
int msgfile_mime(struct msgfile *);
void msgfile_close(struct msgfile *);

#endif
