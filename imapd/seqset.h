/*
 * seqset.h: IMAP sequence sets (RFC 3501 9: sequence-set), I/O-free.
 *
 *   1,3:5,10:*,*:20
 *
 * Ranges may be written in either order (RFC 3501 9: "4:2" is "2:4");
 * '*' stands for the largest number in use, resolved when the set is
 * applied (seqset_resolve), so one parsed set serves both message
 * sequence numbers and UIDs.  At most LIM_SEQSET_RANGES ranges: a client
 * cannot make us hold more than that, whatever it sends.
 */
#ifndef IMAPD_SEQSET_H
#define IMAPD_SEQSET_H

#include <stddef.h>
#include <stdint.h>

#define SEQ_STAR UINT32_MAX

struct seq_range {
	uint32_t lo, hi;
};

struct seqset {
	struct seq_range *r;
	size_t n;
};

/* Parse s; 0, or -1 (EINVAL bad syntax, zero; E2BIG too many ranges). */
int seqset_parse(struct seqset *, const char *s);
/*
 * Replace '*' by max, order each range, sort and merge; ranges wholly
 * above max are kept (a UID set may name UIDs that no longer exist).
 */
void seqset_resolve(struct seqset *, uint32_t max);
/* After seqset_resolve: is n in the set?  (binary search) */
int seqset_contains(const struct seqset *, uint32_t n);
void seqset_free(struct seqset *);

#endif
