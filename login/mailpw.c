/*
 * mailpw: hash a password for users(5), or check one against a hash.
 * See mailpw(1).
 *
 *   mailpw [-s SCHEME] [-r rounds]     print {SCHEME}hash
 *   mailpw -t '{SCHEME}hash'           exit 0 if the password matches
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limits.h"
#include "log.h"
#include "pwread.h"
#include "pwscheme.h"

static char pw1[LIM_SECRET], pw2[LIM_SECRET];

static void
wipe(void)
{
	explicit_bzero(pw1, sizeof pw1);
	explicit_bzero(pw2, sizeof pw2);
}

static void
usage(void)
{
	fprintf(stderr, "usage: mailpw [-s scheme] [-r rounds]\n"
	    "       mailpw -t '{SCHEME}hash'\n");
	exit(2);
}

static __attribute__((noreturn)) void
fail(int code, const char *msg)
{
	wipe();
	fprintf(stderr, "mailpw: %s\n", msg);
	exit(code);
}

/* The password: twice from a terminal (must agree), once from a pipe. */
static long
password_get(int confirm)
{
	long n = pwread(0, "Password: ", pw1, sizeof pw1);

	if (n < 0)
		fail(111, errno == EMSGSIZE ? "password too long" :
		    "cannot read the password");
	if (n == 0)
		fail(1, "empty password");
	if (memchr(pw1, '\0', (size_t)n))
		fail(1, "NUL byte in password");
	if (confirm && isatty(0)) {
		if (pwread(0, "Retype password: ", pw2, sizeof pw2) != n ||
		    !pwscheme_equal(pw1, (size_t)n, pw2, (size_t)n))
			fail(1, "passwords do not match");
	}
	return n;
}

static int
check(const char *stored)
{
	char err[160];
	long n;
	int r;

	if (pwscheme_check(stored, err, sizeof err) < 0)
		fail(2, err);
	n = password_get(0);
	r = pwscheme_verify(stored, pw1, (size_t)n);
	wipe();
	fprintf(stderr, "mailpw: %s\n", r ? "password matches" :
	    "password does not match");
	return r ? 0 : 1;
}

static int
hash(const char *scheme, unsigned long rounds)
{
	enum pwscheme s = pwscheme_byname(scheme, strlen(scheme));
	char out[512];
	long n;

	if (s == PW_NONE)
		fail(2, "unknown scheme (SHA512-CRYPT SHA256-CRYPT BLF-CRYPT "
		    "YESCRYPT CRAM-MD5 PLAIN)");
	n = password_get(1);
	if (pwscheme_hash(s, pw1, (size_t)n, rounds, out, sizeof out) < 0)
		fail(111, "cannot hash (bad rounds, or no random bytes)");
	wipe();
	if (printf("%s\n", out) < 0 || fflush(stdout) == EOF) {
		explicit_bzero(out, sizeof out);
		fail(111, "cannot write");
	}
	explicit_bzero(out, sizeof out);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *scheme = "SHA512-CRYPT", *test = NULL;
	unsigned long rounds = 0;
	char *end;
	int c;

	log_init("mailpw");
	while ((c = getopt(argc, argv, "r:s:t:")) != -1) {
		switch (c) {
		case 'r':
			rounds = strtoul(optarg, &end, 10);
			if (*end || *optarg == '\0')
				usage();
			break;
		case 's': scheme = optarg; break;
		case 't': test = optarg; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	return test ? check(test) : hash(scheme, rounds);
}
