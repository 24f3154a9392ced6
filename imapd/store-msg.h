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

#include "delivery.h"
#include "session.h"
#include "status.h"

struct target {
	char name[LIM_FOLDER_NAME * 2 + 1];	/* canonical client name */
	char path[LIM_PATH];
	struct view *v;		/* the target's view (may be sel.v) */
	int own;		/* v was opened here */
};

/*
 * SE_BADNAME: no folder can have that name; SE_NOSPACE: the disk (or
 * the filesystem quota) is full; SE_EXPUNGED: a message to copy was
 * expunged by another session meanwhile.
 */
enum store_err { SE_OK, SE_NOFOLDER, SE_BADNAME, SE_OVERQUOTA, SE_NOSPACE,
	SE_EXPUNGED, SE_TEMP, SE_PERM };

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
/* Take back a message target_publish stored (before target_commit). */
void target_undo(struct target *, const char *name);

/*
 * COPY and MOVE store in two steps, so that a failure or a kill part way
 * leaves the target as it was (RFC 3501 6.4.7): target_stage() writes
 * each message into the target's tmp/ (the quota is checked for all
 * staged so far); once all are staged, target_publish() links each into
 * cur/ and target_commit() makes that durable (one directory fsync) and
 * accounts the quota.  target_unstage() drops a staged file.
 */
struct stage_total {
	long long bytes;
	size_t count;
};

enum store_err target_stage(struct session *, struct target *, int fd,
    const char *buf, size_t len, time_t date,
    const struct stage_total *sofar, struct delivery_staged *);
enum store_err target_publish(struct target *, struct delivery_staged *,
    unsigned flags, uint32_t kw, char *name, size_t namesize);
void target_unstage(struct delivery_staged *);
enum store_err target_commit(struct session *, struct target *,
    const struct stage_total *);
/* Read the target again, so that what was stored has its UID. */
void target_refresh(struct session *, struct target *);
/* UID of the file of this name (info ignored); 0 if unknown. */
uint32_t target_uid(const struct target *, const char *name);

#endif
