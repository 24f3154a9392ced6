/* test-imap-search-parse.c: imapd/search-parse.c */
#include <string.h>

#include "tap.h"
#include "limits.h"
#include "mdname.h"
#include "../../imapd/search-parse.h"

static struct imap_cmd cmd;

static int
sp(struct search_prog *p, const char *line)
{
	imap_cmd_free(&cmd);
	if (imap_parse(&cmd, line, strlen(line), (size_t)-1) < 0)
		return -2;
	search_free(p);
	return search_parse(p, cmd.args);
}

int
main(void)
{
	struct search_prog p;
	struct search_node *n;
	char big[LIM_SEARCH_DEPTH * 8 + 64];
	size_t len;

	plan_lazy();
	memset(&p, 0, sizeof p);
	ok(sp(&p, "a SEARCH CHARSET UTF-8 OR FROM Xy NOT SEEN (SUBJECT "
	    "\"\xc3\x89t\xc3\xa9\" 1:3) UID 5:*") == 0, "parse");
	n = p.root->child;
	ok(n->key == SK_OR && n->child->key == SK_HEADER &&
	    strcmp(n->child->hdr, "FROM") == 0, "OR FROM");
	is_str(n->child->str, "xy", "needle folded");
	ok(n->child->next->key == SK_NOT &&
	    n->child->next->child->key == SK_FLAG &&
	    n->child->next->child->flag == MDF_SEEN, "NOT SEEN");
	n = n->next;
	ok(n->key == SK_AND && n->child->key == SK_HEADER, "list is AND");
	is_str(n->child->str, "\xc3\xa9t\xc3\xa9", "UTF-8 folded");
	ok(n->child->next->key == SK_SEQSET, "sequence set");
	ok(n->next->key == SK_UIDSET && n->next->next == NULL, "UID set");
	ok(p.need_headers && !p.need_body, "needs headers only");

	ok(sp(&p, "a SEARCH BEFORE 1-Feb-1994 SINCE 01-jan-1970 LARGER 10 "
	    "KEYWORD $Junk HEADER X-Spam yes BODY b") == 0, "dates etc");
	n = p.root->child;
	is_int(n->day, 8797, "1-Feb-1994");
	is_int(n->next->day, 0, "01-jan-1970");
	is_int(n->next->next->size, 10, "size");
	is_str(n->next->next->next->str, "$Junk", "keyword kept as is");
	is_str(n->next->next->next->next->hdr, "X-Spam", "header name");
	ok(p.need_body, "BODY needs the body");

	ok(sp(&p, "a SEARCH CHARSET KOI8-R TEXT x") == 0, "KOI8-R known");
	ok(sp(&p, "a SEARCH CHARSET X-NOPE TEXT x") < 0 && p.badcharset,
	    "unknown charset");
	ok(sp(&p, "a SEARCH") < 0, "no key");
	ok(sp(&p, "a SEARCH FOO") < 0, "unknown key");
	ok(sp(&p, "a SEARCH OR SEEN") < 0, "OR with one key");
	ok(sp(&p, "a SEARCH BEFORE 31-Foo-2000") < 0, "bad month");
	ok(sp(&p, "a SEARCH LARGER x") < 0, "bad size");
	ok(sp(&p, "a SEARCH ()") < 0, "empty list");
	ok(sp(&p, "a SEARCH UID") < 0, "UID without set");
	ok(sp(&p, "a SEARCH 1:0") < 0, "bad set");
	len = (size_t)snprintf(big, sizeof big, "a SEARCH");
	for (int i = 0; i <= LIM_SEARCH_DEPTH; i++)
		len += (size_t)snprintf(big + len, sizeof big - len, " NOT");
	snprintf(big + len, sizeof big - len, " SEEN");
	ok(sp(&p, big) < 0 && p.err != NULL, "nesting bounded");
	search_free(&p);
	imap_cmd_free(&cmd);
	return done_testing();
}
