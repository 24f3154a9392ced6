/* selected.c: the selected folder and its change rules; see session.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetchcache.h"
#include "flags.h"
#include "folder.h"
#include "log.h"
#include "mdname.h"
#include "notify.h"
#include "session.h"

int
session_put_flags(struct session *s, size_t i, struct str *o)
{
	const struct view_msg *m = &s->sel.v->msgs[i];
	size_t start;

	if (str_appendc(o, '(') < 0)
		return -1;
	start = o->len;
	if (flags_put_system(o, m->flags) < 0)
		return -1;
	for (unsigned k = 0; k < s->sel.v->nkeywords; k++)
		if (m->keywords & ((uint32_t)1 << k) &&
		    ((o->len > start && str_appendc(o, ' ') < 0) ||
		    str_appends(o, s->sel.v->keywords[k]) < 0))
			return -1;
	if (m->recent && ((o->len > start && str_appendc(o, ' ') < 0) ||
	    str_appends(o, "\\Recent") < 0))
		return -1;
	return str_appendc(o, ')');
}

int
session_put_flag_lines(struct session *s)
{
	struct view *v = s->sel.v;
	struct str o = STR_INIT(8192);
	int r;

	r = str_appends(&o, "\\Answered \\Flagged \\Deleted \\Seen \\Draft");
	for (unsigned k = 0; r == 0 && k < v->nkeywords; k++)
		r = str_printf(&o, " %s", v->keywords[k]);
	if (r == 0)
		r = untagged(s, "FLAGS (%s)", o.s);
	s->sel.known_keywords = v->nkeywords;
	if (r == 0 && s->sel.readonly)
		r = untagged(s, "OK [PERMANENTFLAGS ()] Read-only mailbox.");
	else if (r == 0)
		r = untagged(s, "OK [PERMANENTFLAGS (%s%s)] Flags permitted.",
		    o.s, v->nkeywords < LIM_KEYWORDS ? " \\*" : "");
	str_free(&o);
	return r;
}

int
session_flags_sync(struct session *s)
{
	if (s->sel.v == NULL || s->sel.v->nkeywords == s->sel.known_keywords)
		return 0;
	return session_put_flag_lines(s);
}

static size_t
count_recent(const struct view *v)
{
	size_t n = 0;

	for (size_t i = 0; i < v->count; i++)
		n += v->msgs[i].recent;
	return n;
}

static int
select_lines(struct session *s)
{
	struct view *v = s->sel.v;
	size_t i;

	if (session_put_flag_lines(s) < 0 ||
	    untagged(s, "%zu EXISTS", v->count) < 0 ||
	    untagged(s, "%zu RECENT", count_recent(v)) < 0)
		return -1;
	for (i = 0; i < v->count; i++)
		if (!(v->msgs[i].flags & MDF_SEEN))
			break;
	if (i < v->count &&
	    untagged(s, "OK [UNSEEN %zu] First unseen.", i + 1) < 0)
		return -1;
	s->sel.known_exists = v->count;
	s->sel.known_recent = count_recent(v);
	return untagged(s, "OK [UIDVALIDITY %u] UIDs valid", v->uidvalidity) <
	    0 || untagged(s, "OK [UIDNEXT %u] Predicted next UID",
	    v->uidnext) < 0 ? -1 : 0;
}

int
session_select(struct session *s, const char *name, int readonly)
{
	const char *why;
	struct view *v;
	int was_selected = s->sel.v != NULL;

	session_unselect(s);
	/* RFC 7162 3.2.11 and RFC 9051 7.1: the end of the previous
	 * selection is said; IMAP4rev1 clients ignore the code (as Dovecot
	 * sends it to every client). */
	if (was_selected &&
	    untagged(s, "OK [CLOSED] Previous mailbox closed.") < 0)
		return -1;
	if (folder_path(s->root, name, s->sel.path, sizeof s->sel.path,
	    &why) < 0)
		return -1;
	if ((v = view_open(s->sel.path, readonly ? VIEW_KEEPNEW : 0)) == NULL)
		return -1;
	s->sel.v = v;
	s->sel.readonly = readonly;
	folder_canon(name, s->sel.name, sizeof s->sel.name, NULL, 0, NULL);
	s->state = ST_SELECTED;
	s->selects++;
	return select_lines(s);
}

void
session_unselect(struct session *s)
{
	fetchcache_close(s);
	notify_close(s->sel.nt);
	view_close(s->sel.v);
	free(s->sel.pending);
	memset(&s->sel, 0, sizeof s->sel);
	if (s->state == ST_SELECTED)
		s->state = ST_AUTH;
}

static void
add_pending(struct selected *sel, const uint32_t *uids, size_t n)
{
	if (sel->pending_all || n == 0)
		return;
	if (sel->npending + n > sel->cappending) {
		size_t cap = (sel->npending + n) * 2;
		uint32_t *p;

		if (cap > 100000 ||
		    (p = realloc(sel->pending, cap * sizeof *p)) == NULL) {
			sel->pending_all = 1;
			return;
		}
		sel->pending = p;
		sel->cappending = cap;
	}
	memcpy(sel->pending + sel->npending, uids, n * sizeof *uids);
	sel->npending += n;
}

int
session_refresh(struct session *s)
{
	struct view_changes ch;

	if (s->sel.v == NULL)
		return 0;
	memset(&ch, 0, sizeof ch);
	if (view_refresh(s->sel.v, &ch) < 0) {
		log_warn("refresh", "folder=%s errno=%d",
		    log_esc(s->sel.name), errno);
		if (errno == ENOENT) {	/* deleted or renamed by another */
			untagged(s, "BYE [UNAVAILABLE] Selected mailbox was "
			    "deleted or renamed");
			io_flush(&s->out);
			log_die(0, "folder-gone", "folder=%s",
			    log_esc(s->sel.name));
		}
		return -1;
	}
	add_pending(&s->sel, ch.changed, ch.nchanged);
	if (ch.uidvalidity_changed) {
		untagged(s, "BYE [UNAVAILABLE] Mailbox UIDVALIDITY changed");
		io_flush(&s->out);
		log_die(111, "uidvalidity-changed", "folder=%s",
		    log_esc(s->sel.name));
	}
	view_changes_free(&ch);
	return 0;
}

static int
announce_expunges(struct session *s)
{
	struct view *v = s->sel.v;
	size_t n = 0;

	/* descending, so every number sent is still valid when sent */
	for (size_t i = v->count; i-- > 0;)
		if (v->msgs[i].expunged) {
			if (untagged(s, "%zu EXPUNGE", i + 1) < 0)
				return -1;
			n++;
		}
	if (n > 0) {
		view_purge(v);
		s->sel.known_exists -= n;
	}
	return 0;
}

static int
announce_one(struct session *s, size_t i)
{
	struct str o = STR_INIT(4096);
	int r = session_put_flags(s, i, &o);

	if (r == 0)
		r = untagged(s, "%zu FETCH (FLAGS %s)", i + 1, o.s);
	str_free(&o);
	return r;
}

static int
uid_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* One FETCH FLAGS per message, however often others changed it. */
static void
pending_unique(struct selected *sel)
{
	size_t n = 0;

	if (sel->pending_all || sel->npending < 2)
		return;
	qsort(sel->pending, sel->npending, sizeof *sel->pending, uid_cmp);
	for (size_t j = 0; j < sel->npending; j++)
		if (n == 0 || sel->pending[n - 1] != sel->pending[j])
			sel->pending[n++] = sel->pending[j];
	sel->npending = n;
}

static int
announce_flags(struct session *s)
{
	struct view *v = s->sel.v;
	int r = 0;

	pending_unique(&s->sel);
	for (size_t j = 0; r == 0 && j < (s->sel.pending_all ? v->count :
	    s->sel.npending); j++) {
		long i = s->sel.pending_all ? (long)j :
		    view_find(v, s->sel.pending[j]);

		if (i < 0 || (size_t)i >= s->sel.known_exists ||
		    v->msgs[i].expunged)
			continue;
		r = announce_one(s, (size_t)i);
	}
	s->sel.npending = 0;
	s->sel.pending_all = 0;
	return r;
}

int
session_announce(struct session *s, int allow_expunge)
{
	struct view *v = s->sel.v;
	size_t recent;

	if (v == NULL)
		return 0;
	if (allow_expunge && announce_expunges(s) < 0)
		return -1;
	if (session_flags_sync(s) < 0)
		return -1;
	if (announce_flags(s) < 0)
		return -1;
	if (v->count != s->sel.known_exists) {
		s->sel.known_exists = v->count;
		if (untagged(s, "%zu EXISTS", v->count) < 0)
			return -1;
	}
	recent = count_recent(v);
	if (recent != s->sel.known_recent) {
		s->sel.known_recent = recent;
		return untagged(s, "%zu RECENT", recent);
	}
	return 0;
}

/*
 * This session renamed the selected folder or one above it: it exists
 * under its new name, so the selection follows it (Dovecot instead ends
 * the session).  RENAME INBOX leaves INBOX where it is.
 */
void
session_follow_rename(struct session *s, const char *from, const char *to)
{
	char f[sizeof s->sel.name], t[sizeof s->sel.name];
	char name[sizeof s->sel.name], path[LIM_PATH];
	size_t n;

	if (s->sel.v == NULL ||
	    folder_canon(from, f, sizeof f, NULL, 0, NULL) < 0 ||
	    folder_canon(to, t, sizeof t, NULL, 0, NULL) < 0 ||
	    strcmp(f, "INBOX") == 0)
		return;
	n = strlen(f);
	if (strncmp(s->sel.name, f, n) != 0 ||
	    (s->sel.name[n] != '\0' && s->sel.name[n] != FOLDER_SEP))
		return;
	if (snprintf(name, sizeof name, "%s%s", t, s->sel.name + n) >=
	    (int)sizeof name || folder_path(s->root, name, path, sizeof path,
	    NULL) < 0 || view_moved(s->sel.v, path) < 0) {
		session_unselect(s);
		return;
	}
	notify_close(s->sel.nt);	/* reopened on the new path by IDLE */
	s->sel.nt = NULL;
	snprintf(s->sel.name, sizeof s->sel.name, "%s", name);
	snprintf(s->sel.path, sizeof s->sel.path, "%s", path);
}
