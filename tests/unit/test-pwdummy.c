/* test-pwdummy.c: login/pwdummy.c, the user table's dummy hash. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "../../login/pwdummy.h"
#include "../../login/pwscheme.h"

#define BLF "{BLF-CRYPT}$2b$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxz" \
	"Zkwre/z.Ri"
#define BLF12 "{BLF-CRYPT}$2b$12$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7Pet" \
	"MxzZkwre/z.Ri"
#define SHA "{SHA512-CRYPT}$6$saltsaltsalt$Eq7AXoCiNaawmn73OzHS/Onu63TphN5" \
	"OQr60M2oXjFa5F.pQts/b39gupmlqDTIdMumDdbS9OVbuNRng/NNQ61"
#define SHAR "{SHA512-CRYPT}$6$rounds=10000$saltsaltsalt$BP7c4mzwJkw27cZ8" \
	"wfnnHoYvpygm0GCXReUFfQ70HZxZ3afmxQsc9b47CWxlT7RGJmAAtOOdS8SfMvMYyp4" \
	"9.1"
#define YES "{YESCRYPT}$y$j9T$abcdefghijklmnop$/dT/iWLbuioIArlkX/dfYpn5rMqo" \
	"TI45y3e4WkgYUC1"
#define CRAM "{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f" \
	"332bee68d2cf6"

static const struct {
	const char *stored, *class;
} classes[] = {
	{ BLF, "{BLF-CRYPT}$2b$05$" },
	{ BLF12, "{BLF-CRYPT}$2b$12$" },
	{ SHA, "{SHA512-CRYPT}$6$" },
	{ SHAR, "{SHA512-CRYPT}$6$rounds=10000$" },
	{ YES, "{YESCRYPT}$y$j9T$" },
	{ CRAM, "{CRAM-MD5}" },
	{ "{PLAIN}secret", "{PLAIN}" },
	{ "{SHA256-CRYPT}$5$saltsaltsalt$fWmE5RtSsk8IeSmaAfD9pG4HQ.0NlBv8jsuTt."
	  "/ojWB", "{SHA256-CRYPT}$5$" },
	{ "", NULL },
	{ "{NOPE}x", NULL },
	{ "{SHA512-CRYPT}$6$short", NULL },
	{ "no braces", NULL },
};

static void
test_classes(void)
{
	char out[PWDUMMY_CLASS];

	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
		int r = pwdummy_class(classes[i].stored, out, sizeof out);

		if (classes[i].class)
			ok(r == 0 && strcmp(out, classes[i].class) == 0,
			    "class of %.24s: %s", classes[i].stored, out);
		else
			ok(r < 0, "no class for malformed \"%s\"",
			    classes[i].stored);
	}
	ok(pwdummy_class(SHAR, out, 10) < 0, "class too long for the buffer");
}

/* Tally stored secrets, make the dummy, check its class and strength. */
static void
check_dummy(const char *const *stored, size_t n, const char *want)
{
	static struct pwdummy_tally t;
	char dummy[LIM_SECRET], class[PWDUMMY_CLASS];
	const char *used = NULL;

	memset(&t, 0, sizeof t);
	for (size_t i = 0; i < n; i++)
		pwdummy_count(&t, stored[i]);
	ok(pwdummy_make(&t, dummy, sizeof dummy, &used) == 0 && used &&
	    strcmp(used, want) == 0, "most common class %s", want);
	ok(pwdummy_class(dummy, class, sizeof class) == 0 &&
	    strcmp(class, want) == 0, "dummy %.30s... is of that class",
	    dummy);
	for (size_t i = 0; i < n; i++)
		if (strcmp(dummy, stored[i]) == 0)
			ok(0, "the dummy equals a user's secret");
	ok(!pwscheme_verify(dummy, "", 0) && !pwscheme_verify(dummy,
	    "test", 4) && !pwscheme_verify(dummy, "secret", 6),
	    "the dummy matches no guessable password");
	pwdummy_wipe(&t);
	ok(t.n == 0 && t.c[0].sample[0] == '\0', "wipe clears the samples");
}

static void
test_make(void)
{
	static const char *const blf[] = { SHA, BLF, BLF, "", "{X}y" };
	static const char *const yes[] = { YES, BLF12, YES, SHA };
	static const char *const rounds[] = { SHAR };
	static const char *const plain[] = { "{PLAIN}a", "{PLAIN}b", CRAM };
	static const char *const cram[] = { CRAM };
	static struct pwdummy_tally t;
	char dummy[LIM_SECRET];

	check_dummy(blf, 5, "{BLF-CRYPT}$2b$05$");
	check_dummy(yes, 4, "{YESCRYPT}$y$j9T$");
	check_dummy(rounds, 1, "{SHA512-CRYPT}$6$rounds=10000$");
	check_dummy(plain, 3, "{PLAIN}");
	check_dummy(cram, 1, "{CRAM-MD5}");
	memset(&t, 0, sizeof t);
	pwdummy_count(&t, "");
	errno = 0;
	ok(pwdummy_make(&t, dummy, sizeof dummy, NULL) < 0 && errno == ENOENT,
	    "nothing counted: no dummy (ENOENT)");
	ok(pwdummy_make(&(struct pwdummy_tally){ .n = 0 }, dummy, 8, NULL) < 0,
	    "empty tally");
}

static void
test_overflow(void)
{
	static struct pwdummy_tally t;
	char stored[LIM_SECRET];

	memset(&t, 0, sizeof t);
	for (int i = 0; i < PWDUMMY_CLASSES + 4; i++) {
		snprintf(stored, sizeof stored, "{SHA512-CRYPT}$6$rounds=%d$"
		    "saltsaltsalt$Eq7AXoCiNaawmn73OzHS/Onu63TphN5OQr60M2oXjFa5"
		    "F.pQts/b39gupmlqDTIdMumDdbS9OVbuNRng/NNQ61", 5000 + i);
		pwdummy_count(&t, stored);
	}
	is_int((long)t.n, PWDUMMY_CLASSES, "at most %d classes tallied",
	    PWDUMMY_CLASSES);
	pwdummy_count(&t, stored);
	is_int(t.c[0].count, 1, "a class past the limit is not counted");
}

int
main(void)
{
	plan_lazy();
	test_classes();
	test_make();
	test_overflow();
	return done_testing();
}
