/* test-sasl.c: login/sasl.c */
#include "tap.h"
#include "../../login/sasl.h"

#define R(s) (const unsigned char *)(s), sizeof(s) - 1

int
main(void)
{
	struct sasl s;
	const char *ch;
	char rec[LIM_CRED];
	size_t n;

	plan_lazy();
	is_int(sasl_mech_parse("plain", 5), SASL_PLAIN, "mechanism by name");
	is_int(sasl_mech_parse("CRAM-MD5", 8), SASL_CRAM_MD5, "CRAM-MD5");
	is_int(sasl_mech_parse("APOP", 4), -1, "APOP is not a SASL mech");
	ok(!sasl_mech_allows_ir(SASL_CRAM_MD5), "CRAM-MD5 has no IR");

	sasl_begin(&s, SASL_PLAIN, "<1.2@h>");
	is_str(sasl_first_challenge(&s), "", "PLAIN: empty challenge");
	is_int(sasl_step(&s, R("\0alice\0pw"), &ch), SASL_DONE, "PLAIN done");
	is_str(s.login, "alice", "PLAIN login");
	is_str(s.secret, "pw", "PLAIN password");
	ok(sasl_record(&s, rec, sizeof rec, &n) == 0 && n == 17 &&
	    memcmp(rec, "alice\0pw\0<1.2@h>\0", 17) == 0, "record");
	sasl_begin(&s, SASL_PLAIN, "<1.2@h>");
	is_int(sasl_step(&s, R("alice\0alice\0pw"), &ch), SASL_DONE,
	    "PLAIN authzid = authcid");
	sasl_begin(&s, SASL_PLAIN, "<1.2@h>");
	is_int(sasl_step(&s, R("root\0alice\0pw"), &ch), SASL_FAIL,
	    "PLAIN foreign authzid refused");
	sasl_begin(&s, SASL_PLAIN, "<1.2@h>");
	is_int(sasl_step(&s, R("\0alice"), &ch), SASL_FAIL, "PLAIN one NUL");
	sasl_begin(&s, SASL_PLAIN, "<1.2@h>");
	is_int(sasl_step(&s, R("\0\0pw"), &ch), SASL_FAIL, "PLAIN empty user");
	sasl_begin(&s, SASL_PLAIN, "<1.2@h>");
	is_int(sasl_step(&s, R("\0a\0p\0w"), &ch), SASL_FAIL,
	    "PLAIN NUL in password");

	sasl_begin(&s, SASL_LOGIN, "<1.2@h>");
	is_str(sasl_first_challenge(&s), "Username:", "LOGIN asks user");
	is_int(sasl_step(&s, R("bob"), &ch), SASL_CONTINUE, "LOGIN step 1");
	is_str(ch, "Password:", "then password");
	is_int(sasl_step(&s, R("pw"), &ch), SASL_DONE, "LOGIN done");
	is_int(sasl_step(&s, R("pw"), &ch), SASL_FAIL, "no third step");

	sasl_begin(&s, SASL_CRAM_MD5, "<1.2@h>");
	is_str(sasl_first_challenge(&s), "<1.2@h>", "CRAM challenge = stamp");
	is_int(sasl_step(&s, R("tim b913a602c7eda7a495b4e6e7334d3890"), &ch),
	    SASL_DONE, "CRAM-MD5 (RFC 2195 example)");
	is_str(s.login, "tim", "CRAM login");
	is_str(s.secret, "b913a602c7eda7a495b4e6e7334d3890", "CRAM digest");
	sasl_begin(&s, SASL_CRAM_MD5, "<1.2@h>");
	is_int(sasl_step(&s, R("tim B913A602C7EDA7A495B4E6E7334D3890"), &ch),
	    SASL_FAIL, "CRAM uppercase hex refused");
	sasl_begin(&s, SASL_CRAM_MD5, "<1.2@h>");
	is_int(sasl_step(&s, R("b913a602c7eda7a495b4e6e7334d3890"), &ch),
	    SASL_FAIL, "CRAM without user");

	char big[LIM_LOGIN + 2];
	memset(big, 'u', sizeof big);
	sasl_begin(&s, SASL_LOGIN, "<1.2@h>");
	ok(sasl_set(&s, big, LIM_LOGIN, "p", 1) == 0, "login at the limit");
	ok(sasl_set(&s, big, LIM_LOGIN + 1, "p", 1) < 0, "one byte over");
	ok(sasl_set(&s, "a", 1, big, LIM_SECRET + 1) < 0, "secret over");
	sasl_wipe(&s);
	ok(s.secret[0] == '\0' && s.login[0] == '\0', "wiped");
	return done_testing();
}
