#!/usr/bin/env python3
"""lmtpd: BDAT in chunks (RFC 3030), 8-bit bodies, SMTPUTF8 addresses
(RFC 6531), CR/LF edge cases, per-recipient replies after BDAT LAST."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from lmtptest import Users, lmtpd, Raw, message_files, split_headers  # noqa

t = TAP()
u = Users()
u.add("alice@x.org")
u.add("j\u00f6rg@b\u00fccher.example")
table = u.build()


def start(srv, mail="MAIL FROM:<s@y.org>", rcpts=("alice@x.org",)):
    c = Raw(srv.port)
    c.reply()
    c.send("LHLO c\r\n")
    c.reply()
    got = [c.cmd(mail)] + [c.cmd(f"RCPT TO:<{r}>") for r in rcpts]
    return c, got


def body_with(login, subject):
    """The stored message (after our headers) with this Subject line."""
    for data in message_files(u.maildir(login)).values():
        rest = split_headers(data)[1]
        if rest.startswith(b"Subject: " + subject + b"\n"):
            return rest
    return None


with lmtpd(table) as srv:
    c, _ = start(srv, rcpts=("alice@x.org", "nobody@x.org"))
    wire = b"Subject: chunks\r\n\r\nline one\r\n.dot stays\r\nend\r"
    t.is_(c.send(b"BDAT 20\r\n" + wire[:20]) or c.reply(),
          ["250 2.0.0 20 octets received"], "first chunk")
    rest = wire[20:]
    c.send(b"BDAT %d\r\n" % len(rest) + rest)
    t.is_(c.reply(), ["250 2.0.0 %d octets received" % len(rest)],
          "second chunk ending in CR")
    c.send(b"BDAT 1 LAST\r\n\n")
    t.like(c.reply()[0], r"^250 2\.0\.0 <alice@x\.org> \S+ Saved$",
           "BDAT LAST: one reply, for the one accepted recipient")
    t.is_(body_with("alice@x.org", b"chunks"), b"Subject: chunks\n\nline one\n"
          b".dot stays\nend\n", "chunks joined, CRLF across chunks, no "
          "dot-unstuffing in BDAT")
    t.is_(c.cmd("NOOP"), "250 2.0.0 OK", "in sync")
    c.close()

    # Pipelined BDAT with a zero-length LAST, two recipients.
    c, _ = start(srv, rcpts=())
    c.send(b"RCPT TO:<alice@x.org>\r\nRCPT TO:<alice@x.org>\r\n"
           b"BDAT 8\r\nA: b\r\n\r\nBDAT 0 LAST\r\n")
    got = c.replies(5)
    t.is_(got[:3], ["250 2.1.5 <alice@x.org> Recipient OK"] * 2 +
          ["250 2.0.0 8 octets received"], "pipelined RCPT and BDAT")
    t.ok(all(re.match(r"250 2\.0\.0 <alice@x\.org> \S+ Saved$", g)
             for g in got[3:]), "BDAT 0 LAST: a reply per recipient")
    c.cmd("QUIT")
    c.close()

    # BDAT refused: the chunk is still read, the session stays in sync.
    c = Raw(srv.port)
    c.reply()
    c.send("LHLO c\r\n")
    c.reply()
    c.send(b"BDAT 5\r\nNOOP\nQUIT\r\n")
    t.is_(c.reply(), ["503 5.5.1 Need MAIL before BDAT"], "BDAT first")
    t.is_(c.reply(), ["221 2.0.0 mx.test closing connection"],
          "chunk bytes were skipped, not run as commands")
    c.close()
    c, _ = start(srv, rcpts=("nobody@x.org",))
    c.send(b"BDAT 4 LAST\r\nNOOP")
    t.is_(c.reply(), ["503 5.5.1 No valid recipients"], "BDAT, no rcpt")
    t.is_(c.cmd("DATA"), "503 5.5.1 No valid recipients", "DATA, no rcpt")
    c.close()
    c, _ = start(srv)
    c.send(b"BDAT 3\r\nab\n")
    c.reply()
    t.is_(c.cmd("DATA"), "503 5.5.1 DATA not allowed after BDAT",
          "DATA after BDAT")
    c.close()

    # 8-bit body through DATA, every byte value but NUL-free lines.
    body8 = b"Subject: 8bit\n\n" + bytes(range(0x80, 0x100)) + b"\n" + \
        b"caf\xc3\xa9 \xff\xfe\n.\n..\n"
    c, _ = start(srv, "MAIL FROM:<s@y.org> BODY=8BITMIME")
    c.cmd("DATA")
    wire = b"".join((b"." + ln if ln.startswith(b".") else ln) + b"\r\n"
                    for ln in body8.split(b"\n")[:-1]) + b".\r\n"
    c.send(wire)
    t.like(c.reply()[0], r"^250 2\.0\.0 ", "8BITMIME message saved")
    t.is_(body_with("alice@x.org", b"8bit"), body8,
          "8-bit bytes kept exactly")
    c.close()

    # SMTPUTF8: UTF-8 sender and recipient.
    c, got = start(srv, "MAIL FROM:<s\u00e9nder@\u00fc.example> SMTPUTF8",
                   ("J\u00f6RG@b\u00fccher.example",))
    t.is_(got, ["250 2.1.0 Sender OK",
                "250 2.1.5 <J\u00f6RG@b\u00fccher.example> Recipient OK"],
          "SMTPUTF8 addresses accepted")
    c.cmd("DATA")
    c.send("Subject: =?UTF-8?Q?gr=C3=BC=C3=9F?=\r\n\r\nhall\u00f6\r\n.\r\n"
           .encode())
    t.like(c.reply()[0], r"^250 2\.0\.0 <J\u00f6RG@b\u00fccher\.example>",
           "UTF-8 recipient saved")
    files = message_files(u.maildir("j\u00f6rg@b\u00fccher.example"))
    data = list(files.values())[0].decode()
    t.like(data, "^Return-Path: <s\u00e9nder@\u00fc\\.example>\n"
           "Delivered-To: J\u00f6RG@b\u00fccher\\.example\n",
           "UTF-8 in Return-Path and Delivered-To")
    t.like(data, r"\tby mx\.test with UTF8LMTP\n", "with UTF8LMTP")
    c.close()
t.done()
