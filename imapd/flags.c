/* flags.c: IMAP flags; see flags.h. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "flags.h"
#include "mdname.h"

static const struct {
	const char *name;
	unsigned bit;
} sysflags[] = {
	{ "\\Answered", MDF_REPLIED }, { "\\Flagged", MDF_FLAGGED },
	{ "\\Deleted", MDF_TRASHED }, { "\\Seen", MDF_SEEN },
	{ "\\Draft", MDF_DRAFT },
};

unsigned
flag_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof sysflags / sizeof sysflags[0]; i++)
		if (strcasecmp(name, sysflags[i].name) == 0)
			return sysflags[i].bit;
	return 0;
}

int
flags_put_system(struct str *o, unsigned flags)
{
	int first = 1;

	for (size_t i = 0; i < sizeof sysflags / sizeof sysflags[0]; i++) {
		if (!(flags & sysflags[i].bit))
			continue;
		if ((!first && str_appendc(o, ' ') < 0) ||
		    str_appends(o, sysflags[i].name) < 0)
			return -1;
		first = 0;
	}
	return 0;
}

/* Why dovecot-keywords could not take a new keyword (view_keyword_add). */
static const char *
keyword_add_error(int e)
{
	if (e == EOVERFLOW)
		return "[LIMIT] Too many keywords";
	if (e == ENOSPC || e == EDQUOT)
		return "[OVERQUOTA] Not enough disk space";
	if (e == EAGAIN)
		return "[INUSE] Mailbox is locked by another process, "
		    "try again later";
	return "[SERVERBUG] Cannot save the keyword";
}

static int
one_flag(struct view *v, const struct imap_arg *a, int add, unsigned *flags,
    uint32_t *kw, const char **why)
{
	int k;

	if (a->type != IMAP_ARG_ATOM) {
		*why = "Invalid flag";
		return -1;
	}
	if (a->s[0] == '\\') {
		unsigned bit = flag_from_name(a->s);
		if (bit == 0 && strcasecmp(a->s, "\\Recent") != 0) {
			*why = "Invalid system flag";
			return -1;
		}
		*flags |= bit;	/* \Recent cannot be set: ignored */
		return 0;
	}
	for (size_t i = 0; i < a->len; i++)
		if (!imap_is_atom_char((unsigned char)a->s[i])) {
			*why = "Invalid keyword";
			return -1;
		}
	if (a->len > LIM_KEYWORD) {
		*why = "Keyword too long";
		return -1;
	}
	k = add ? view_keyword_add(v, a->s) : view_keyword_find(v, a->s);
	if (k < 0) {
		*why = add ? keyword_add_error(errno) : "No such keyword";
		return -1;
	}
	*kw |= (uint32_t)1 << k;
	return 0;
}

int
flags_parse(struct view *v, const struct imap_arg *a, int add,
    unsigned *flags, uint32_t *kw, const char **why)
{
	*flags = 0;
	*kw = 0;
	if (a == NULL) {
		*why = "Missing flags";
		return -1;
	}
	if (a->type == IMAP_ARG_LIST)
		a = a->child;
	for (; a != NULL; a = a->next)
		if (one_flag(v, a, add, flags, kw, why) < 0)
			return -1;
	return 0;
}
