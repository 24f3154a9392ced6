/*
 * store-msg.h: putting a message into a folder for APPEND, COPY and
 * MOVE: quota check (maildirsize, quota.h), atomic delivery into cur/
 * with flags and keywords (delivery.h), the internal date as mtime, and
 * the UID it got (for UIDPLUS, RFC 4315).
 */
#ifndef IMAPD_STORE_MSG_H
#define IMAPD_STORE_MSG_H

#include <stdint.h>
#include <time.h>

#include "session.h"
#include "status.h"

struct target {
	char name[LIM_FOLDER_NAME * 2 + 1];	/* canonical client name */
	char path[LIM_PATH];
	struct view *v;		/* the target's view (may be sel.v) */
	int own;		/* v was opened here */
};

/* SE_NOSPACE: the disk (or the filesystem quota) is full. */
enum store_err { SE_OK, SE_NOFOLDER, SE_OVERQUOTA, SE_NOSPACE, SE_TEMP,
	SE_PERM };

/* Open the target folder; SE_NOFOLDER if it does not exist. */
enum store_err target_open(struct session *, const char *name,
    struct target *);
void target_close(struct target *);
/* Keyword bits of kw (in table src) as bits of the target's table. */
uint32_t target_keywords(struct target *, const struct view *src,
    uint32_t kw);
/*
 * Deliver: data is read from fd (or taken from buf when fd < 0), with
 * CRLF turned into LF; the name of the new file in cur/ goes into name.
 */
enum store_err target_deliver(struct session *, struct target *, int fd,
    const char *buf, size_t len, unsigned flags, uint32_t kw, time_t date,
    char *name, size_t namesize);
/* Take back a message target_deliver stored (a COPY that failed later). */
void target_undo(struct session *, struct target *, const char *name);
/* UID of the file of this name (info ignored) after a refresh; 0 if
 * unknown. */
uint32_t target_uid(struct session *, struct target *, const char *name);

#endif
