/*
 * uidl.h: the unique-id strings UIDL reports (RFC 1939 section 7).
 *
 *   UIDL_DOVECOT   Dovecot's default pop3_uidl_format %08Xu%08Xv: the IMAP
 *                  (Dovecot's %X prints lowercase hex: so do we)
 *                  UID then the UIDVALIDITY, 8 uppercase hex digits each,
 *                  so POP3, IMAP and a former Dovecot server agree;
 *   UIDL_FILENAME  qmail-pop3d's: the file name up to ':' (the name
 *                  without new/ or cur/ and without the flags), so users
 *                  moving from qmail-pop3d keep their UIDLs.
 */
#ifndef POP3_UIDL_H
#define POP3_UIDL_H

#include <stddef.h>
#include <stdint.h>

enum uidl_mode { UIDL_DOVECOT, UIDL_FILENAME };

#define UIDL_MAX 256	/* longest string we produce, with NUL */

/* Parse POP3_UIDL ("dovecot", "filename" or unset); -1 if unknown. */
int uidl_mode_parse(const char *value, enum uidl_mode *);
/* Write the string for one message; -1 (ENAMETOOLONG) if it won't fit. */
int uidl_format(char *buf, size_t size, enum uidl_mode, uint32_t uid,
    uint32_t uidvalidity, const char *filename);

#endif
