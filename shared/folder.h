/*
 * folder.h: Maildir++ folders, addressed by the name the IMAP client
 * uses (modified UTF-7, as on the wire).
 *
 *   INBOX (any case)      the Maildir root itself
 *   Sent                  root/.Sent
 *   Lists.debian          root/.Lists.debian
 *
 * The hierarchy separator is "." both for the client and on disk, with
 * an empty namespace prefix: Dovecot's default for the Maildir++ layout
 * and Courier's layout without its "INBOX." prefix.  Children of INBOX
 * ("INBOX.x", any case of INBOX) are ordinary folders .INBOX.x; the
 * INBOX component is canonicalised to upper case.  Parents are only name
 * prefixes: creating Lists.debian does not create Lists, which LIST shows
 * as \Noselect while it exists only as a prefix.
 *
 * Every function that takes a name validates it; a rejected name fails
 * with EINVAL and *why (if why is not NULL) points at a static English
 * reason fit for a NO response.  Other failures set errno: EEXIST,
 * ENOENT, EPERM (delete of INBOX), ENAMETOOLONG, or whatever the file
 * system said (*why is then set too for EEXIST, ENOENT and EPERM).
 */
#ifndef MD_FOLDER_H
#define MD_FOLDER_H

#include <stddef.h>

#define FOLDER_SEP	'.'
#define FOLDER_INBOX	"INBOX"

/* Attributes in struct folder_entry.flags (RFC 3501 7.2.2, RFC 3348). */
#define FOLDER_NOSELECT		0x01	/* only a prefix of other names */
#define FOLDER_HASCHILDREN	0x02
#define FOLDER_HASNOCHILDREN	0x04

struct folder_entry {
	char *name;		/* client (mUTF-7) name, "INBOX" for INBOX */
	unsigned flags;
};

struct folder_list {
	struct folder_entry *v;	/* INBOX first, then sorted by name */
	size_t n;
};

/*
 * Validate a client name; 0 if it names INBOX or a representable folder.
 * Rejected: empty name or component (leading, trailing or doubled "."),
 * "/", control characters, bytes outside printable ASCII, invalid or
 * non-canonical mUTF-7 (RFC 3501 5.1.3),
 * control characters inside the mUTF-7 encoding, more than
 * LIM_FOLDER_DEPTH components, an on-disk name over LIM_FOLDER_NAME
 * bytes.  "*" and "%" are allowed, as Dovecot allows them.  A server
 * handling CREATE "x." strips the one trailing separator itself first
 * (RFC 3501 6.3.3).
 */
int folder_name_check(const char *name, const char **why);
/* 1 if name is INBOX in any case. */
int folder_is_inbox(const char *name);
/*
 * The canonical client name ("inbox" -> "INBOX", "inbox.x" -> "INBOX.x")
 * and the on-disk directory name ("" for INBOX, ".Name" otherwise).
 * Either output may be NULL.  -1 EINVAL (+why) or ENAMETOOLONG.
 */
int folder_canon(const char *name, char *canon, size_t canonsize,
    char *disk, size_t disksize, const char **why);
/* The directory of folder name under root ("root" or "root/.Name"). */
int folder_path(const char *root, const char *name, char *path,
    size_t size, const char **why);
/*
 * The client name of an on-disk directory entry (".Sent" -> "Sent");
 * -1 EINVAL if the entry is not a valid folder (no leading ".",
 * "..", "..DOVECOT-TRASHED", our own temporary names, bad mUTF-7).
 */
int folder_from_disk(const char *dirent, char *name, size_t size);

/*
 * Create a folder: its directory with cur/ new/ tmp/ and an empty
 * maildirfolder file, built under a temporary name and renamed into
 * place, so no half-made folder is ever visible.  EEXIST if it exists
 * (INBOX always does).
 */
int folder_create(const char *root, const char *name, const char **why);
/*
 * Delete a folder (RFC 3501 6.3.4).  EPERM for INBOX; ENOENT if it has
 * no directory (also for a \Noselect name that is only a prefix).  A
 * folder with children loses its directory and messages and is listed
 * as \Noselect from then on; the children stay, as with Dovecot's
 * Maildir++ layout.  The directory is first renamed to a
 * trash name no client name maps to ("..#deleted-..."), then removed,
 * so a crash never leaves a half-deleted visible folder; folder_list()
 * removes trash left behind.
 */
int folder_delete(const char *root, const char *name, const char **why);
/*
 * Rename a folder and all its children (RFC 3501 6.3.5).  EEXIST if the
 * new name or any renamed child exists, ENOENT if the old name neither
 * exists nor has children, EINVAL for a rename into its own subtree.
 * Renaming INBOX creates the new folder, moves the messages of INBOX
 * into it and leaves INBOX empty; INBOX's children stay.  Not atomic
 * across children (Maildir++ cannot be): each directory rename is.
 */
int folder_rename(const char *root, const char *from, const char *to,
    const char **why);
/*
 * Every folder under root, INBOX first, with \Noselect entries for names
 * that exist only as prefixes and \HasChildren/\HasNoChildren on all.
 * Free with folder_list_free().
 */
int folder_list(const char *root, struct folder_list *out);
void folder_list_free(struct folder_list *);

#endif
