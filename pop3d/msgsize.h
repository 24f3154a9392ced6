/*
 * msgsize.h: a message's wire size (wire.h) for LIST and STAT.
 *
 * W= in the file name (or the vsize the folder view has cached) is the
 * size with LF counted as CRLF.  It is used only when plausible against
 * the size on disk, S <= W <= 2 S + 2 (every stored byte becomes at most
 * two on the wire); otherwise the file is read and counted.  A plausible
 * but wrong W= (a writer that counted differently, bare CRs, no final
 * newline) is caught when RETR sends the whole message and counts the
 * octets it really sent: see maildrop_verified.
 */
#ifndef POP3_MSGSIZE_H
#define POP3_MSGSIZE_H

/* 1 and *out set if (size, vsize) from the name can be used, else 0. */
int msgsize_from_name(long long size, long long vsize,
    unsigned long long *out);
/* Read fd to the end and count its wire size; -1 on read error. */
int msgsize_read(int fd, unsigned long long *out);

#endif
