/* test-imap-command.c: imapd/parse.c, the command tokenizer */
#include <string.h>

#include "tap.h"
#include "../../imapd/parse.h"

static int
parse(struct imap_cmd *c, const char *s)
{
	return imap_parse(c, s, strlen(s), (size_t)-1);
}

int
main(void)
{
	struct imap_cmd c;
	struct imap_arg *a;
	uint64_t n;
	int ns;
	char name[16];

	plan_lazy();
	ok(parse(&c, "a1 NOOP") == 0, "simple command");
	is_str(c.tag, "a1", "tag");
	is_str(c.name, "NOOP", "name");
	ok(c.args == NULL, "no arguments");
	imap_cmd_free(&c);

	ok(parse(&c, "t FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]"
	    "<0.10> \"q\\\"x\" NIL {3}\r\nabc)") == 0, "fetch with list");
	a = c.args;
	is_str(a->s, "1:*", "sequence set atom");
	a = a->next;
	ok(a->type == IMAP_ARG_LIST, "list");
	is_int(imap_arg_count(a->child), 5, "five list elements");
	is_str(a->child->next->s, "BODY.PEEK[HEADER.FIELDS (From To)]<0.10>",
	    "bracketed atom with spaces");
	is_str(a->child->next->next->s, "q\"x", "quoted unescaped");
	ok(a->child->next->next->next->type == IMAP_ARG_NIL, "NIL");
	ok(a->child->next->next->next->next->type == IMAP_ARG_LITERAL &&
	    a->child->next->next->next->next->len == 3, "literal");
	imap_cmd_free(&c);

	ok(imap_parse(&c, "x LOGIN {5+}\r\nab\0de \"\"", 22, (size_t)-1) ==
	    0 && c.args->len == 5 && memcmp(c.args->s, "ab\0de", 5) == 0,
	    "LITERAL+ with NUL");
	ok(c.args->next->type == IMAP_ARG_QUOTED && c.args->next->len == 0,
	    "empty quoted");
	imap_cmd_free(&c);

	ok(parse(&c, "x APPEND INBOX {10}\r\n") < 0, "missing literal bytes");
	imap_cmd_free(&c);
	{
		const char *s = "x APPEND INBOX (\\Seen) {100}\r\n";
		ok(imap_parse(&c, s, strlen(s), strlen(s) - 7) == 0 &&
		    c.args->next->next->type == IMAP_ARG_SPOOL &&
		    c.args->next->next->len == 100, "spooled literal");
		is_str(c.args->next->child->s, "\\Seen", "flag atom");
		imap_cmd_free(&c);
	}

	ok(parse(&c, "") < 0 && c.tag == NULL, "empty line");
	imap_cmd_free(&c);
	ok(parse(&c, "a") < 0 && c.tag != NULL, "tag only");
	imap_cmd_free(&c);
	ok(parse(&c, "a+ NOOP") < 0, "+ in tag");
	imap_cmd_free(&c);
	ok(parse(&c, "a NOOP  x") < 0, "double space");
	imap_cmd_free(&c);
	ok(parse(&c, "a X (a b") < 0, "missing )");
	imap_cmd_free(&c);
	ok(parse(&c, "a X a)") < 0, "stray )");
	imap_cmd_free(&c);
	ok(parse(&c, "a X \"abc") < 0, "unterminated quote");
	imap_cmd_free(&c);
	ok(parse(&c, "a X \"a\\b\"") < 0, "bad escape");
	imap_cmd_free(&c);
	ok(parse(&c, "a X {5}\r\nab") < 0, "short literal");
	imap_cmd_free(&c);
	ok(parse(&c, "a X BODY[1") < 0, "unterminated bracket");
	imap_cmd_free(&c);
	{
		char deep[64];
		memset(deep, 0, sizeof deep);
		memcpy(deep, "a X ", 4);
		memset(deep + 4, '(', 17);
		memset(deep + 21, ')', 17);
		ok(parse(&c, deep) < 0, "17 nested lists refused");
		imap_cmd_free(&c);
		memset(deep + 4, '(', 16);
		memset(deep + 20, ')', 16);
		deep[36] = '\0';
		ok(parse(&c, deep) == 0, "16 nested lists accepted");
		imap_cmd_free(&c);
	}

	ok(imap_literal_tail("a LOGIN {5}", 11, &n, &ns) == 1 && n == 5 &&
	    !ns, "sync literal tail");
	ok(imap_literal_tail("a LOGIN {12+}", 13, &n, &ns) == 1 && n == 12 &&
	    ns, "nonsync literal tail");
	ok(imap_literal_tail("a LOGIN x}", 10, &n, &ns) == 0, "no literal");
	ok(imap_literal_tail("a X {}", 6, &n, &ns) == -1, "empty count");
	ok(imap_literal_tail("a X {99999999999999}", 20, &n, &ns) == -1,
	    "count too long");
	ok(imap_peek_name("a1 append INBOX", 15, name, sizeof name) == 0,
	    "peek");
	is_str(name, "APPEND", "peek uppercases");
	return done_testing();
}
