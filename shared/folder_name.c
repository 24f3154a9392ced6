/*
 * folder_name.c: client folder names <-> Maildir++ directory names.
 * I/O-free, so it can be fuzzed alone.  The on-disk name is "." plus the
 * client name, byte for byte: the client already speaks mUTF-7 and "."
 * is the separator on both sides, so the mapping is the identity and
 * round-trips by construction; everything else is validation.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "folder.h"
#include "limits.h"
#include "mutf7.h"
#include "str.h"

static int
fail(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	errno = EINVAL;
	return -1;
}

int
folder_is_inbox(const char *name)
{
	return strcasecmp(name, FOLDER_INBOX) == 0;
}

/* 1 if name starts with "INBOX." in any case. */
static int
under_inbox(const char *name)
{
	return strncasecmp(name, FOLDER_INBOX ".", 6) == 0;
}

/* The checks on raw bytes: characters, empty levels, depth, length. */
static int
check_bytes(const char *name, const char **why)
{
	size_t len = strlen(name), depth = 1, i;
	unsigned char c;

	if (len == 0)
		return fail(why, "Empty mailbox name");
	if (len + 1 > LIM_FOLDER_NAME)
		return fail(why, "Mailbox name too long");
	if (name[0] == FOLDER_SEP)
		return fail(why, "Mailbox name begins with the separator");
	if (name[len - 1] == FOLDER_SEP)
		return fail(why, "Mailbox name ends with the separator");
	for (i = 0; i < len; i++) {
		c = (unsigned char)name[i];
		if (c == '/')
			return fail(why, "Character / not allowed in name");
		if (c < 0x20 || c == 0x7f)
			return fail(why, "Control characters not allowed");
		if (c >= 0x80)
			return fail(why, "8-bit name: use modified UTF-7");
		if (c == FOLDER_SEP && name[i + 1] == FOLDER_SEP)
			return fail(why, "Empty hierarchy level (..)");
		if (c == FOLDER_SEP && ++depth > LIM_FOLDER_DEPTH)
			return fail(why, "Mailbox hierarchy too deep");
	}
	return 0;
}

/* 1 if the UTF-8 text holds a C0/C1 control character or DEL. */
static int
has_control(const struct str *u)
{
	const unsigned char *p = (const unsigned char *)u->s;
	size_t i;

	for (i = 0; i < u->len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return 1;
		/* U+0080..U+009F are C2 80..C2 9F in UTF-8. */
		if (p[i] == 0xc2 && i + 1 < u->len && p[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

int
folder_name_check(const char *name, const char **why)
{
	struct str u = STR_INIT(4 * LIM_FOLDER_NAME);
	int r;

	if (check_bytes(name, why) < 0)
		return -1;
	if (mutf7_to_utf8(name, strlen(name), &u) < 0) {
		str_free(&u);
		return fail(why, "Invalid modified UTF-7 in name");
	}
	r = has_control(&u);
	str_free(&u);
	if (r)
		return fail(why, "Control characters not allowed");
	return 0;
}

static int
put(char *buf, size_t size, const char *prefix, const char *a,
    const char *b)
{
	int n;

	if (buf == NULL)
		return 0;
	n = snprintf(buf, size, "%s%s%s", prefix, a, b);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
folder_canon(const char *name, char *canon, size_t canonsize, char *disk,
    size_t disksize, const char **why)
{
	if (folder_name_check(name, why) < 0)
		return -1;
	if (folder_is_inbox(name))
		return put(canon, canonsize, "", FOLDER_INBOX, "") < 0 ||
		    put(disk, disksize, "", "", "") < 0 ? -1 : 0;
	/* RFC 3501 5.1: INBOX is case-insensitive, so is its subtree. */
	if (under_inbox(name))
		return put(canon, canonsize, "", FOLDER_INBOX, name + 5) < 0 ||
		    put(disk, disksize, ".", FOLDER_INBOX, name + 5) < 0 ?
		    -1 : 0;
	return put(canon, canonsize, "", name, "") < 0 ||
	    put(disk, disksize, ".", name, "") < 0 ? -1 : 0;
}

int
folder_from_disk(const char *dirent, char *name, size_t size)
{
	char canon[LIM_FOLDER_NAME + 1];

	/* ".", "..", "..DOVECOT-TRASHED", "..#deleted-" fail the check. */
	if (dirent[0] != FOLDER_SEP ||
	    folder_name_check(dirent + 1, NULL) < 0) {
		errno = EINVAL;
		return -1;
	}
	/* ".INBOX" is INBOX's own name; ".inbox.x" is not canonical. */
	if (folder_is_inbox(dirent + 1) ||
	    folder_canon(dirent + 1, canon, sizeof canon, NULL, 0,
	    NULL) < 0 || strcmp(canon, dirent + 1) != 0) {
		errno = EINVAL;
		return -1;
	}
	return put(name, size, "", dirent + 1, "");
}

int
folder_path(const char *root, const char *name, char *path, size_t size,
    const char **why)
{
	char disk[LIM_FOLDER_NAME + 1];
	int n;

	if (folder_canon(name, NULL, 0, disk, sizeof disk, why) < 0)
		return -1;
	n = disk[0] == '\0' ? snprintf(path, size, "%s", root) :
	    snprintf(path, size, "%s/%s", root, disk);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
