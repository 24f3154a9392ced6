/* specialuse.c: SPECIAL-USE by name; see specialuse.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folder.h"
#include "log.h"
#include "specialuse.h"
#include "subscriptions.h"

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

static void
autocreate_one(const char *root, const char *name)
{
	const char *why = NULL;

	if (folder_create(root, name, &why) < 0) {
		if (errno != EEXIST)
			log_warn("autocreate", "folder=%s error=%s",
			    log_esc(name), log_esc(why ? why : strerror(errno)));
		return;
	}
	if (subs_add(root, name) < 0)
		log_warn("autosubscribe", "folder=%s errno=%d", log_esc(name),
		    errno);
}

void
specialuse_autocreate(const char *root)
{
	const char *list = getenv("IMAP_AUTOCREATE");
	char sep = list && strchr(list, ',') ? ',' : ' ';
	char name[256];

	while (list != NULL && *list != '\0') {
		size_t n0 = strcspn(list, sep == ',' ? "," : " ");
		const char *a = list, *b = list + n0;

		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		if (b > a && (size_t)(b - a) < sizeof name) {
			memcpy(name, a, (size_t)(b - a));
			name[b - a] = '\0';
			autocreate_one(root, name);
		}
		list += n0;
		while (*list == sep)
			list++;
	}
}
