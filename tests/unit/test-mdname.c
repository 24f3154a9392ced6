/* test-mdname.c: shared/mdname.c against names from every writer. */
#include <errno.h>
#include "tap.h"
#include "mdname.h"

static void
check(const char *name, long long size, long long vsize, unsigned flags,
    uint32_t kw, size_t baselen)
{
	struct mdname mn;

	if (!ok(mdname_parse(name, &mn) == 0, "parse %s", name))
		return;
	is_int(mn.size, size, "  S=");
	is_int(mn.vsize, vsize, "  W=");
	is_int(mn.flags, flags, "  flags");
	is_int(mn.keywords, kw, "  keywords");
	is_int(mn.baselen, baselen, "  base length");
}

int
main(void)
{
	char buf[MDNAME_MAX + 1], info[MDNAME_INFO_MAX];
	struct mdname mn;

	plan_lazy();
	check("1035478339.27041_1.mail.example.org", -1, -1, 0, 0, 35);
	check("1035478339.27041.host:2,S", -1, -1, MDF_SEEN, 0, 21);
	check("1204680122.M314866P10246V0000000000000803I00000000001A0F27_0"
	    ".host,S=1234:2,RS", 1234, -1, MDF_REPLIED | MDF_SEEN, 0, 72);
	check("1603890987.M123456P99.host,S=2048,W=2100:2,DFabz", 2048, 2100,
	    MDF_DRAFT | MDF_FLAGGED, (1u << 0) | (1u << 1) | (1u << 25), 40);
	check("1500000000.V803I1a2b3M123456.mx.example.com", -1, -1, 0, 0, 43);
	check("1500000000.M1P2_3.host,S=77:2,", 77, -1, 0, 0, 27);
	check("1500000000.1.host,S=12x:2,T", -1, -1, MDF_TRASHED, 0, 23);
	check("1.2.host:1,S", -1, -1, 0, 0, 8);
	check("1.2.h\\057x,W=5,S=4:2,PS", 4, 5, MDF_PASSED | MDF_SEEN, 0, 18);
	errno = 0;
	ok(mdname_parse(".hidden", &mn) < 0 && errno == EINVAL, "dot file");
	ok(mdname_parse("", &mn) < 0, "empty");
	ok(mdname_parse(":2,S", &mn) < 0, "no base");

	mdname_info(info, MDF_SEEN | MDF_DRAFT | MDF_TRASHED, 1u << 3 | 1);
	is_str(info, ":2,DSTad", "info in ASCII order");
	ok(mdname_with_flags(buf, sizeof buf, "1.2.h:2,S", 5, MDF_FLAGGED, 0)
	    == 0, "with_flags");
	is_str(buf, "1.2.h:2,F", "flags replaced");
	ok(mdname_unique(buf, sizeof buf, 100, 103) == 0, "unique");
	ok(mdname_parse(buf, &mn) == 0 && mn.size == 100 && mn.vsize == 103,
	    "unique name parses with S= and W=");
	char other[MDNAME_MAX + 1];
	ok(mdname_unique(other, sizeof other, 1, 1) == 0 &&
	    strcmp(buf, other) != 0, "two unique names differ");
	ok(strchr(mdname_host(), '/') == NULL &&
	    strchr(mdname_host(), ':') == NULL, "host escaped");
	ok(mdname_unique(buf, 20, 1, 1) < 0 && errno == ENAMETOOLONG,
	    "too small buffer");
	return done_testing();
}
