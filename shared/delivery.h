/*
 * delivery.h: put one message into a Maildir (or a Maildir++ folder
 * directory) atomically, qmail style: write tmp/<unique> (O_EXCL, 0600),
 * fsync, link into new/ (or cur/ with flags), unlink the tmp name, fsync
 * the directory.  Until delivery_commit returns MD_OK nothing is visible;
 * on any failure the tmp file is removed.
 *
 *	struct delivery d;
 *	if (delivery_open(&d, "/home/a/Maildir", DELIVERY_CRLF) == MD_OK &&
 *	    delivery_write(&d, buf, n) == MD_OK &&
 *	    delivery_commit(&d, 0, 0) == MD_OK)
 *		use d.name, d.size, d.vsize
 *	else
 *		delivery_abort(&d);	(safe after any failure, and twice)
 *
 * Status: MD_TEMP for anything that may work later (ENOSPC, EDQUOT, EIO,
 * EACCES, ENOENT: a missing Maildir or tmp/, EMFILE ...), MD_PERM only for
 * what never will (ENAMETOOLONG, a message over LIM_MESSAGE or the
 * file size limit: EFBIG, ENOTDIR: the path is a file, ELOOP).  errno is kept in d.errnum for the log.
 *
 * Sizes: S= is the size on disk, W= the size with every LF counted as
 * CRLF (RFC 822 size, what IMAP RFC822.SIZE reports).
 */
#ifndef MD_DELIVERY_H
#define MD_DELIVERY_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "limits.h"
#include "mdname.h"
#include "status.h"

enum {
	DELIVERY_CRLF = 1 << 0,	/* convert CRLF to LF while writing */
	DELIVERY_NOCLEAN = 1 << 1,	/* skip the stale tmp/ sweep */
};

#define DELIVERY_BUFSIZE 65536

struct delivery {
	int fd;			/* tmp file, -1 when none */
	unsigned opts;
	int errnum;		/* errno of the first failure, 0 if none */
	int pending_cr;		/* DELIVERY_CRLF: a CR held back */
	int last_cr;		/* last byte written was CR (for W=) */
	time_t mtime;		/* delivery_set_mtime, 0: leave it */
	long long size;		/* bytes on disk: S= */
	long long vsize;	/* bytes with CRLF line ends: W= */
	char dir[LIM_PATH];	/* the Maildir or folder */
	char tmppath[LIM_PATH];
	char name[MDNAME_MAX + 1];	/* after commit: new/ or cur/ name */
	char path[LIM_PATH];	/* after commit: full path of the file */
	size_t buflen;
	char buf[DELIVERY_BUFSIZE];
};

/*
 * Create dir/tmp/<unique>.  dir must already be a Maildir (cur, new and
 * tmp); a missing one is MD_TEMP with ENOENT (callers create it if they
 * are told to).  Sweeps stale tmp/ files (maildir_clean_tmp) at most once
 * per directory and hour in a process, unless DELIVERY_NOCLEAN.
 */
enum md_status delivery_open(struct delivery *, const char *dir,
    unsigned opts);
/* Append bytes (any chunking; CRLF split across chunks is handled). */
enum md_status delivery_write(struct delivery *, const void *, size_t);
/* Give the file this modification time at commit (IMAP APPEND date). */
void delivery_set_mtime(struct delivery *, time_t);
/*
 * Make the message visible: with flags == 0 and keywords == 0 into new/
 * (name without info), otherwise into cur/ with ":2,<flags>".  The name
 * carries S= and W=.  On success d.name, d.path, d.size, d.vsize are set
 * and the tmp file is gone; on failure nothing is left behind.
 */
enum md_status delivery_commit(struct delivery *, unsigned flags,
    uint32_t keywords);
/* Remove the tmp file and close; harmless after commit or twice. */
void delivery_abort(struct delivery *);

/*
 * Two steps, for an IMAP COPY whose messages must appear all or none,
 * even if the process is killed: delivery_stage() makes the bytes safe
 * in tmp/ (fsync'd, closed, nothing visible; d.tmppath, d.size and
 * d.vsize say where and what, and the caller now owns the tmp file:
 * unlink it to give up).  delivery_publish() later links such a file
 * into dir/cur under a fresh unique name with its flags and S=/W=, and
 * removes the tmp name; it does not fsync dir/cur, so that the caller
 * does it once for all (file_fsync_dir).  0 or -1 with errno.
 */
struct delivery_staged {
	char *tmppath;		/* malloc'd copy of d.tmppath */
	long long size, vsize;
};

enum md_status delivery_stage(struct delivery *);
int delivery_publish(const struct delivery_staged *, const char *dir,
    unsigned flags, uint32_t keywords, char *name, size_t namesize);

/* The status an errno value means for delivery (see above). */
enum md_status delivery_errno_status(int errnum);

/*
 * Fan-out for lmtpd: one spooled message (already in on-disk form, read
 * from spoolfd at offset 0 to EOF with pread, so the fd offset is not
 * touched) to several Maildirs, each with its own header prefix (the
 * Return-Path/Delivered-To/Received lines, may be empty).  The spool is
 * read once: every target's tmp file is written chunk by chunk in
 * parallel.  When all prefixes are byte-identical and DELIVERY_LINK is
 * given, one file is written and hard-linked into the other Maildirs
 * (copied where link fails with EXDEV/EPERM).  Each target gets its own
 * status, name and size; one failing does not stop the others.
 * At most DELIVERY_FANOUT_MAX targets per call.
 */
#define DELIVERY_LINK (1u << 8)
#define DELIVERY_FANOUT_MAX 128

struct delivery_target {
	const char *dir;		/* in: Maildir or folder */
	const char *prefix;		/* in: header lines, may be NULL */
	size_t prefixlen;		/* in */
	enum md_status status;		/* out */
	int errnum;			/* out: errno on failure */
	long long size, vsize;		/* out: S= and W= */
	char name[MDNAME_MAX + 1];	/* out: file name in new/ */
};

/* Returns MD_OK if every target got the message, else the worst status. */
enum md_status delivery_fanout(int spoolfd, struct delivery_target *,
    size_t ntargets, unsigned opts);

#endif
