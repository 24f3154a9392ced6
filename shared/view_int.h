/*
 * view_int.h: the view's private state, shared by view*.c only.
 */
#ifndef MD_VIEW_INT_H
#define MD_VIEW_INT_H

#include <sys/stat.h>
#include <time.h>

#include "basemap.h"
#include "dotlock.h"
#include "keywords.h"
#include "uidlist.h"
#include "view.h"

enum { VD_NEW = 0, VD_CUR = 1 };

/* One file found by readdir. */
struct view_ent {
	char *name;
	size_t baselen;
	unsigned in_new;
};

struct view_ents {
	struct view_ent *e;
	size_t n;
	size_t cap;
};

struct view_int {
	char dir[LIM_PATH];
	char root[LIM_PATH];	/* Maildir root (dovecot-uidvalidity) */
	int flags;		/* VIEW_* */
	size_t cap;		/* allocated msgs[] */
	struct timespec mt[2];	/* new/, cur/ mtime before the last scan */
	int dirty[2];		/* rescan even if the mtime is unchanged */
	int deferred;		/* new files left unnumbered (disk full) */
	struct stat ul_st;	/* dovecot-uidlist as last read or written */
	struct timespec kw_mt;	/* dovecot-keywords as last read */
	ino_t kw_ino;
	struct keywords kw;
	struct basemap map;	/* base name -> msgs[] index */
	int map_valid;		/* map matches msgs[] (see view_map) */
	uint32_t *pend;		/* uids marked expunged outside refresh */
	size_t npend;
	int cache_dirty;	/* msgs[] differ from the cache file */
	struct dotlock lock;	/* dovecot-uidlist.lock while held */
	unsigned lock_depth;	/* view_lock nesting; 0: not held */
	char *names;		/* one block for the names read from the */
	size_t names_len;	/* cache; others are malloc'd one by one */
};

/* viewscan.c */
void view_ents_free(struct view_ents *);
int view_ents_add(struct view_ents *, const char *name, unsigned in_new);
int view_scan_dir(const struct view *, unsigned d, struct view_ents *);
int view_stat_dirs(const struct view *, struct stat st[2]);
int view_path_in(const struct view *, unsigned d, const char *name,
    char *buf, size_t size);

/* viewhold.c: the lock is gone after a dotlock_replace; take it again. */
int view_lock_renew(struct view *);
/* view_unlock, keeping rc and errno unless the unlock fails. */
int view_unlock_rc(struct view *, int rc);

/* viewsync.c */
int view_sync(struct view *, struct view_changes *);
int view_msg_fill(struct view *, struct view_msg *, char *name,
    unsigned in_new);
int view_msg_fill_name(struct view_msg *, char *name, unsigned in_new);

/* view.c */
/* Free a message's name (unless it lives in the cache's name block). */
void view_name_free(struct view *, char *name);
int view_msgs_reserve(struct view *, size_t extra);
int view_keywords_load(struct view *, int *changed);
void view_map_rebuild(struct view *);
struct basemap *view_map(struct view *);
int view_note_expunged(struct view *, size_t i);

/* viewcache.c */
#define VIEWCACHE_NAME	"maildir-view.cache"
int viewcache_load(struct view *);
int viewcache_save(struct view *);

/* viewlock.c: UID assignment under dovecot-uidlist.lock */
struct dotlock;
int view_assign(struct view *, struct view_ents *, const long *idx,
    struct view_changes *, struct dotlock *);
int view_uidlist_path(const struct view *, char *buf, size_t size);

#endif
