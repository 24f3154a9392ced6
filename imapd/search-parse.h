/*
 * search-parse.h: the SEARCH key grammar (RFC 3501 6.4.4, 9) into a
 * tree, I/O-free.  The top level and parenthesised lists are AND nodes;
 * OR has two children, NOT one.  String keys are stored case-folded
 * (casefold.h) for matching against decoded, folded message text.  Dates
 * are day numbers (days since 1970-01-01), compared without time or zone
 * as the RFC says.  Nesting is bounded by LIM_SEARCH_DEPTH and the key
 * count by LIM_SEARCH_KEYS.
 */
#ifndef IMAPD_SEARCH_PARSE_H
#define IMAPD_SEARCH_PARSE_H

#include <stdint.h>

#include "parse.h"
#include "seqset.h"
#include "str.h"

enum search_key {
	SK_AND, SK_OR, SK_NOT, SK_ALL,
	SK_FLAG, SK_UNFLAG,		/* flag: MDF_* bit, or recent */
	SK_KEYWORD, SK_UNKEYWORD,
	SK_NEW, SK_OLD, SK_RECENT, SK_UNRECENT,
	SK_BEFORE, SK_ON, SK_SINCE,	/* internal date */
	SK_SENTBEFORE, SK_SENTON, SK_SENTSINCE,
	SK_LARGER, SK_SMALLER,
	SK_HEADER,			/* hdr names the field */
	SK_BODY, SK_TEXT,
	SK_SEQSET, SK_UIDSET,
};

struct search_node {
	enum search_key key;
	struct search_node *child;	/* AND/OR/NOT children */
	struct search_node *next;
	unsigned flag;
	char *str;			/* folded needle, keyword name */
	size_t len;
	char *hdr;			/* header field name */
	long day;			/* date keys */
	uint64_t size;
	struct seqset set;
};

struct search_prog {
	struct search_node *root;
	const char *err;		/* BAD text */
	int badcharset;			/* NO [BADCHARSET] */
	int need_headers, need_body;	/* what matching must read */
};

int search_parse(struct search_prog *, const struct imap_arg *args);
void search_free(struct search_prog *);
/* "1-Feb-1994" -> day number; -1 if invalid. */
long search_parse_date(const char *);
/* Day number of a time_t in the local or a given zone offset (seconds). */
long search_day(long long t, long gmtoff);

#endif
