/*
 * fuzz-pop3-login.c: pop3-login's pre-auth command parser under libFuzzer,
 * with what pop3-login does next with the pieces (mechanism lookup,
 * base64 initial response, sasl_set):
 *	clang -g -fsanitize=fuzzer,address -iquote shared \
 *	    tests/fuzz/fuzz-pop3-login.c login/pop3-parse.c login/sasl.c \
 *	    login/base64.c -o fuzz-pop3-login
 *	./fuzz-pop3-login tests/fuzz/seeds/pop3-login
 * The input is split after each LF into lines, as conn_getline() would
 * deliver them; each is parsed from a buffer of exactly n + 1 bytes.
 * Checked: every view lies in the line and is NUL-terminated there; the
 * kind matches the word; the validity flags match the limits; and the
 * result equals that of old_parse() below, a copy of the string code
 * pop3-login had inline before login/pop3-parse.c, so the wire stays the
 * same byte for byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "limits.h"
#include "../../login/base64.h"
#include "../../login/pop3-parse.h"
#include "../../login/sasl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the old inline code decided for one line. */
struct old {
	enum pop3_kind kind;
	int valid;
	const char *word, *name, *secret, *mech, *ir;	/* NULL: unset */
	size_t mechlen;
};

static void
old_args(struct old *o, char *arg)
{
	char *sp;

	if (o->kind == POP3_USER) {
		o->name = arg;
		o->valid = strlen(arg) != 0 && strlen(arg) <= LIM_LOGIN;
	} else if (o->kind == POP3_PASS) {
		o->secret = arg;	/* sasl_set: 1 to LIM_SECRET bytes */
		o->valid = strlen(arg) != 0 && strlen(arg) <= LIM_SECRET;
	} else if (o->kind == POP3_APOP) {
		sp = strrchr(arg, ' ');
		o->valid = 0;
		if (sp == NULL || strlen(sp + 1) != 32 || sp == arg)
			return;
		*sp = '\0';
		for (char *h = sp + 1; *h; h++)
			if (*h >= 'A' && *h <= 'F')
				*h = (char)(*h - 'A' + 'a');
		o->name = arg;
		o->secret = sp + 1;
		o->valid = strlen(arg) <= LIM_LOGIN;	/* sasl_set */
	} else if (o->kind == POP3_AUTH && arg[0] != '\0') {
		sp = strchr(arg, ' ');
		o->mech = arg;
		o->mechlen = sp ? (size_t)(sp - arg) : strlen(arg);
		/* "=" skipped base64_decode; "" decodes to nothing too */
		o->ir = sp == NULL ? NULL : strcmp(sp + 1, "=") == 0 ? "" :
		    sp + 1;
	}
}

static void
old_parse(char *line, size_t len, struct old *o)
{
	char *sp;

	memset(o, 0, sizeof *o);
	o->valid = 1;
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (memchr(line, '\0', len) != NULL) {
		o->kind = POP3_INVALID;
		return;
	}
	sp = strchr(line, ' ');
	if (sp)
		*sp = '\0';
	o->word = line;
	o->kind = POP3_UNKNOWN;
	for (int k = POP3_CAPA; k < POP3_KINDS; k++)
		if (strcasecmp(line, pop3_kind_name((enum pop3_kind)k)) == 0)
			o->kind = (enum pop3_kind)k;
	old_args(o, sp ? sp + 1 : line + len);
}

/* A view lies in [buf, buf + n] and ends in a NUL. */
static void
check_view(struct pop3_str v, const char *buf, size_t n)
{
	if (v.p == NULL)
		return;
	if (v.p < buf || v.p + v.n > buf + n || v.p[v.n] != '\0')
		abort();
}

/* The same bytes, or both unset. */
static void
check_same(struct pop3_str v, const char *want)
{
	if ((v.p == NULL) != (want == NULL))
		abort();
	if (want != NULL && (v.n != strlen(want) || memcmp(v.p, want, v.n)))
		abort();
}

static void
check_kind(const struct pop3_cmd *c, const struct old *o)
{
	if (c->kind != o->kind || c->valid != o->valid)
		abort();
	if (c->kind == POP3_INVALID)
		return;
	check_same(c->word, o->word);
	if (c->kind == POP3_USER || c->kind == POP3_APOP)
		check_same(c->name, o->name);
	if (c->kind == POP3_PASS || c->kind == POP3_APOP)
		check_same(c->secret, o->secret);
	if (c->kind == POP3_AUTH) {
		if ((c->mech.p == NULL) != (o->mech == NULL) ||
		    (o->mech && (c->mech.n != o->mechlen ||
		    memcmp(c->mech.p, o->mech, o->mechlen))))
			abort();
		check_same(c->ir, o->ir);
	}
	if (c->kind == POP3_APOP && c->valid && (c->name.n == 0 ||
	    c->secret.n != POP3_DIGEST_LEN ||
	    strpbrk(c->secret.p, "ABCDEF") != NULL))
		abort();
}

/* What pop3-login does with the pieces, all I/O-free. */
static void
consume(const struct pop3_cmd *c)
{
	static unsigned char resp[LIM_SASL];
	static struct sasl s;
	size_t n;

	if (c->kind == POP3_AUTH && c->mech.p != NULL) {
		(void)sasl_mech_parse(c->mech.p, c->mech.n);
		if (c->ir.p != NULL && base64_decode(c->ir.p, c->ir.n, resp,
		    LIM_SASL, &n) == 0 && n > LIM_SASL)
			abort();
	}
	if ((c->kind != POP3_PASS && c->kind != POP3_APOP) || !c->valid)
		return;
	(void)sasl_begin(&s, c->kind == POP3_APOP ? SASL_APOP : SASL_LOGIN,
	    "<1.2@fuzz>");
	if (sasl_set(&s, c->kind == POP3_PASS ? "user" : c->name.p,
	    c->kind == POP3_PASS ? 4 : c->name.n, c->secret.p,
	    c->secret.n) < 0)
		abort();	/* valid means sasl_set takes it */
	sasl_wipe(&s);
}

static void
one_line(const uint8_t *p, size_t n)
{
	char *buf = malloc(n + 1), *ref = malloc(n + 1);
	struct pop3_cmd c;
	struct old o;
	size_t len, k = n;

	if (buf == NULL || ref == NULL)
		abort();
	memcpy(buf, p, n);
	memcpy(ref, p, n);
	ref[n] = '\0';
	if (pop3_parse(buf, n, &c) != c.kind || (unsigned)c.kind >= POP3_KINDS)
		abort();
	check_view(c.word, buf, n);
	check_view(c.arg, buf, n);
	check_view(c.name, buf, n);
	check_view(c.secret, buf, n);
	check_view(c.mech, buf, n);
	check_view(c.ir, buf, n);
	old_parse(ref, n, &o);
	check_kind(&c, &o);
	consume(&c);
	while (k > 0 && (p[k - 1] == '\n' || p[k - 1] == '\r'))
		k--;
	if (pop3_sasl_line((const char *)p, n, &len) != !(k == 1 &&
	    p[0] == '*') || len != k)
		abort();
	free(buf);
	free(ref);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl ? nl + 1 : end;
		if ((size_t)(nl - p) <= LIM_LINE_MAX)
			one_line(p, (size_t)(nl - p));
		p = nl;
	}
	return 0;
}
