/* test-imap-seqset.c: imapd/seqset.c */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "limits.h"
#include "../../imapd/seqset.h"

int
main(void)
{
	struct seqset s;
	char *big;

	plan_lazy();
	ok(seqset_parse(&s, "1,3:5,10:*") == 0 && s.n == 3, "parse");
	seqset_resolve(&s, 12);
	ok(seqset_contains(&s, 1) && !seqset_contains(&s, 2) &&
	    seqset_contains(&s, 4) && seqset_contains(&s, 12) &&
	    !seqset_contains(&s, 13), "contains after resolve");
	seqset_free(&s);
	ok(seqset_parse(&s, "5:2") == 0, "reversed range");
	seqset_resolve(&s, 10);
	ok(s.r[0].lo == 2 && s.r[0].hi == 5, "reversed normalised");
	seqset_free(&s);
	ok(seqset_parse(&s, "*:4,1:2,3") == 0, "star first");
	seqset_resolve(&s, 3);
	is_int(s.n, 1, "merged into one range");
	ok(s.r[0].lo == 1 && s.r[0].hi == 4, "1:4");
	seqset_free(&s);
	ok(seqset_parse(&s, "*") == 0, "star alone");
	seqset_resolve(&s, 0);
	ok(!seqset_contains(&s, 1), "star on empty mailbox");
	seqset_free(&s);
	errno = 0;
	ok(seqset_parse(&s, "0") < 0 && errno == EINVAL, "zero refused");
	ok(seqset_parse(&s, "1,") < 0, "trailing comma");
	ok(seqset_parse(&s, "1::2") < 0, "double colon");
	ok(seqset_parse(&s, "") < 0, "empty");
	ok(seqset_parse(&s, "4294967296") < 0, "overflow");
	ok(seqset_parse(&s, "4294967294") == 0, "largest number");
	seqset_free(&s);
	big = malloc(LIM_SEQSET_RANGES * 4 + 16);
	big[0] = '1';
	for (int i = 1; i < LIM_SEQSET_RANGES; i++)
		memcpy(big + 2 * i - 1, ",1", 2);
	big[2 * LIM_SEQSET_RANGES - 1] = '\0';
	ok(seqset_parse(&s, big) == 0, "LIM_SEQSET_RANGES ranges");
	seqset_free(&s);
	memcpy(big + 2 * LIM_SEQSET_RANGES - 1, ",1", 3);
	errno = 0;
	ok(seqset_parse(&s, big) < 0 && errno == E2BIG, "one more refused");
	free(big);
	return done_testing();
}
