/* test-str.c: shared/str.c */
#include <errno.h>
#include "tap.h"
#include "str.h"

int
main(void)
{
	struct str s = STR_INIT(10);

	plan_lazy();
	ok(str_appends(&s, "hello") == 0, "append within max");
	is_str(s.s, "hello", "content");
	ok(str_printf(&s, "%d", 12345) == 0, "printf up to max exactly");
	is_int(s.len, 10, "length at max");
	errno = 0;
	ok(str_appendc(&s, 'x') < 0 && errno == ENOSPC, "one byte over fails");
	is_str(s.s, "hello12345", "unchanged after failure");
	str_truncate(&s, 2);
	is_str(s.s, "he", "truncate");
	ok(str_copy(&s, "abc", 3) == 0 && s.len == 3, "copy");
	str_free(&s);
	ok(s.s == NULL && s.len == 0 && s.max == 10, "free keeps max");
	return done_testing();
}
