/*
 * courier.h: import Courier-IMAP's UIDs and keywords.
 *
 * courierimapuiddb ("1 <uidvalidity> <uidnext>" then "<uid> <name>"
 * lines) becomes the records of a dovecot-uidlist with the same
 * UIDVALIDITY and UIDs.  courierimapkeywords/ (:list plus the per-message
 * update files, see courier-imapkeywords.txt) becomes dovecot-keywords,
 * and each message's keywords are added as letters to its file name in
 * cur/.  Courier's files are left in place.
 */
#ifndef MD_COURIER_H
#define MD_COURIER_H

#include "keywords.h"
#include "uidlist.h"

#define COURIER_UIDDB	"courierimapuiddb"
#define COURIER_KWDIR	"courierimapkeywords"

/* Parse courierimapuiddb (I/O-free); -1 EINVAL if it is not one. */
int courier_parse_uiddb(struct uidlist *, const char *buf, size_t len);
/*
 * Import dir's Courier files: ul gets UIDVALIDITY, UIDNEXT and records;
 * keywords are written to dovecot-keywords and file names (the caller
 * holds dovecot-uidlist.lock).  -1 ENOENT: no courierimapuiddb.
 */
int courier_import(const char *dir, struct uidlist *ul);

#endif
