/* msgset.c: sequence sets on the selected folder; see msgset.h. */
#include "msgset.h"

int
msgset_parse(struct session *s, const struct imap_arg *a, int uid,
    struct seqset *set, const char **why)
{
	const struct view *v = s->sel.v;
	size_t known = s->sel.known_exists;
	uint32_t max;

	if (a == NULL || a->type != IMAP_ARG_ATOM ||
	    seqset_parse(set, a->s) < 0) {
		*why = "Invalid message set";
		return -1;
	}
	if (uid)
		max = known > 0 ? v->msgs[known - 1].uid : 0;
	else
		max = (uint32_t)known;
	seqset_resolve(set, max);
	if (!uid && set->n > 0 && (set->r[0].lo == 0 ||
	    set->r[set->n - 1].hi > known)) {
		seqset_free(set);
		*why = "Invalid messageset";
		return -1;
	}
	return 0;
}

int
msgset_has(const struct session *s, const struct seqset *set, int uid,
    size_t i)
{
	if (i >= s->sel.known_exists)
		return 0;
	return seqset_contains(set, uid ? s->sel.v->msgs[i].uid :
	    (uint32_t)(i + 1));
}
