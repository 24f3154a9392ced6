/* specialuse.c: SPECIAL-USE by name; see specialuse.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "specialuse.h"

static const char default_table[] =
    "\\Sent=Sent,Sent Messages;\\Drafts=Drafts;"
    "\\Trash=Trash,Deleted Messages;\\Junk=Junk,Spam;\\Archive=Archive";

static const char *const attrs[] = { "\\Sent", "\\Drafts", "\\Trash",
    "\\Junk", "\\Archive", "\\All", "\\Flagged" };

/* Is name listed for this attribute in the table text? */
static const char *
lookup(const char *table, const char *name)
{
	size_t nl = strlen(name);

	for (const char *p = table; *p != '\0';) {
		const char *eq = strchr(p, '='), *end = strchr(p, ';');
		const char *attr = NULL;

		if (end == NULL)
			end = p + strlen(p);
		if (eq == NULL || eq > end)
			break;
		for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
			if ((size_t)(eq - p) == strlen(attrs[i]) &&
			    strncasecmp(p, attrs[i], (size_t)(eq - p)) == 0)
				attr = attrs[i];
		for (const char *n = eq + 1; attr && n < end;) {
			const char *comma = memchr(n, ',', (size_t)(end - n));
			const char *ne = comma ? comma : end;

			if ((size_t)(ne - n) == nl && memcmp(n, name, nl) == 0)
				return attr;
			n = ne + 1;
		}
		p = *end ? end + 1 : end;
	}
	return NULL;
}

const char *
specialuse_attr(const char *name)
{
	const char *t = getenv("IMAP_SPECIAL_USE");

	return lookup(t != NULL ? t : default_table, name);
}
