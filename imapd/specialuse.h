/*
 * specialuse.h: SPECIAL-USE attributes (RFC 6154) by folder name.  The
 * default table: Sent and "Sent Messages" \Sent, Drafts \Drafts, Trash
 * and "Deleted Messages" \Trash, Junk and Spam \Junk, Archive \Archive.
 * IMAP_SPECIAL_USE replaces it: "\Sent=Sent,Sent Messages;\Trash=Trash".
 */
#ifndef IMAPD_SPECIALUSE_H
#define IMAPD_SPECIALUSE_H

/* The attribute for a client folder name ("\Sent"), or NULL. */
const char *specialuse_attr(const char *name);
/*
 * IMAP_AUTOCREATE="Sent Drafts Trash Junk": create each missing folder
 * and subscribe to it (only when it is created, so a user's later
 * UNSUBSCRIBE stays).  Names are separated by spaces, or by commas when
 * the value contains one ("Sent Messages,Deleted Messages").
 */
void specialuse_autocreate(const char *root);

#endif
