/*
 * notify.h: "did this folder change?" for IDLE (RFC 2177).  A watch
 * covers a folder's new/ and cur/ and its dovecot-uidlist.  With
 * inotify (Linux) notify_fd() returns a descriptor to poll for input;
 * otherwise it returns -1 and the caller calls notify_check() every
 * notify_interval() seconds.  NOTIFY=poll in the environment forces the
 * polling implementation (tests, file systems where inotify misses
 * changes made by other hosts such as NFS).  NOTIFY_INTERVAL sets the
 * polling period in seconds (default NOTIFY_DEFAULT_INTERVAL).
 */
#ifndef MD_NOTIFY_H
#define MD_NOTIFY_H

#define NOTIFY_DEFAULT_INTERVAL	5

struct notify;

/* Start watching the folder directory dir; NULL with errno on failure. */
struct notify *notify_open(const char *dir);
/* Descriptor to poll for POLLIN, or -1: poll by calling notify_check(). */
int notify_fd(const struct notify *);
/* Seconds between notify_check() calls when notify_fd() is -1. */
int notify_interval(const struct notify *);
/* Drain pending events: 1 if something changed since the last call,
 * 0 if not, -1 on error.  Never blocks. */
int notify_check(struct notify *);
/* "inotify" or "poll". */
const char *notify_method(const struct notify *);
void notify_close(struct notify *);

#endif
