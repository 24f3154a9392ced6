/*
 * cmd-search.c: SEARCH and UID SEARCH (RFC 3501 6.4.4): "* SEARCH" with
 * message numbers, or UIDs for UID SEARCH, in ascending order.
 */
#include <string.h>

#include "commands.h"
#include "search.h"

int
cmd_search(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	struct search_prog prog;
	struct str o = STR_INIT((size_t)1 << 26);
	int gone = 0, r = 0;

	(void)c;
	if (a == NULL)
		return done(res, "BAD", "Missing search keys");
	if (search_parse(&prog, a) < 0) {
		search_free(&prog);
		if (prog.badcharset)
			return done(res, "NO", "[BADCHARSET (UTF-8 US-ASCII)] "
			    "Unknown charset");
		return done(res, "BAD", "%s", prog.err ? prog.err :
		    "Invalid search");
	}
	search_prepare(s, &prog);
	r = str_appends(&o, "* SEARCH");
	for (size_t i = 0; r == 0 && i < s->sel.known_exists; i++) {
		int m = search_match(s, &prog, i);

		if (m < 0)
			gone = 1;
		else if (m > 0)
			r = str_printf(&o, " %u", s->uid ?
			    s->sel.v->msgs[i].uid : (unsigned)(i + 1));
	}
	search_free(&prog);
	if (r == 0)
		r = io_write(&s->out, o.s, o.len) < 0 ||
		    io_write(&s->out, "\r\n", 2) < 0 ? -1 : 0;
	str_free(&o);
	if (r < 0)
		return -1;
	if (gone)	/* RFC 5530's own example */
		return done(res, "OK", "[EXPUNGEISSUED] Search completed.");
	return done(res, "OK", "Search completed.");
}
