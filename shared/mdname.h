/*
 * mdname.h: Maildir message file names.
 *
 *   base[:2,info]        base = time.uniq.host[,S=size][,W=vsize][,...]
 *
 * New names are time.M<usec>P<pid>Q<counter>.host,S=<size>,W=<vsize>
 * (djb maildir.html, Dovecot's S=/W= fields); '/' and ':' in the host are
 * written \057 and \072.  Flags in the info part are kept in ASCII order:
 * D F P R S T, then keyword letters a-z (Dovecot's dovecot-keywords map
 * a letter to a name).  mdname_parse accepts every writer seen in the
 * wild: qmail (time.pid.host), Courier (time.MusecPpidVdevIino_n.host),
 * Dovecot, Postfix (time.VdevIinoMusec.host), maildrop, with or without
 * S=/W=, with ':2,' or ':1,' or no info at all.
 */
#ifndef MD_MDNAME_H
#define MD_MDNAME_H

#include <stddef.h>
#include <stdint.h>

enum {
	MDF_DRAFT = 1 << 0,	/* D */
	MDF_FLAGGED = 1 << 1,	/* F */
	MDF_PASSED = 1 << 2,	/* P */
	MDF_REPLIED = 1 << 3,	/* R */
	MDF_SEEN = 1 << 4,	/* S */
	MDF_TRASHED = 1 << 5,	/* T */
	MDF_ALL = (1 << 6) - 1,
};

#define MDNAME_MAX 255		/* longest name we create or accept */
#define MDNAME_INFO_MAX 40	/* ":2," + 6 flags + 26 keywords + NUL */

struct mdname {
	size_t baselen;		/* length of base (up to ':') */
	long long size;		/* S= value, -1 if absent */
	long long vsize;	/* W= value, -1 if absent */
	unsigned flags;		/* MDF_* */
	uint32_t keywords;	/* bit i: letter 'a' + i */
	int has_info;		/* ":2," seen */
};

/* Parse a file name; -1 EINVAL for names that are not messages. */
int mdname_parse(const char *name, struct mdname *);
/* Write a fresh unique base name with S= and W= (either may be -1). */
int mdname_unique(char *buf, size_t bufsize, long long size, long long vsize);
/* Write the info suffix ":2,DFS..ab" for flags and keywords. */
void mdname_info(char *buf, unsigned flags, uint32_t keywords);
/* Write base + info into buf: the name a message with these flags has. */
int mdname_with_flags(char *buf, size_t bufsize, const char *name,
    size_t baselen, unsigned flags, uint32_t keywords);
/* Flag letter <-> bit; 0 for a letter that is not a system flag. */
unsigned mdname_flag_bit(char letter);
/* The host part used in new names (gethostname, escaped, cached). */
const char *mdname_host(void);

#endif
