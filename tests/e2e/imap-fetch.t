#!/usr/bin/env python3
"""imapd FETCH: every item, ENVELOPE and BODYSTRUCTURE checked literally,
sections and partials, .PEEK and \\Seen, UID FETCH, nasty messages
(broken MIME, missing headers, 8-bit, encoded words, message/rfc822
nesting, empty bodies) and the gen_mbox corpus (RFC 3501 6.4.5, 7.4.2)."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir, corpus_messages  # noqa: E402
from imaptest import Imapd, put_message, imaplib_client  # noqa: E402

MULTI = (b"From: \"Doe, John\" <john@example.org>\n"
         b"To: a@b.c\nSubject: =?utf-8?q?caf=C3=A9?=\n"
         b"Date: Mon, 1 Jan 2024 10:00:00 +0000\nMessage-ID: <m1@x>\n"
         b"Content-Type: multipart/mixed; boundary=\"XX\"\n\n"
         b"preamble\n--XX\nContent-Type: text/plain\n\nhello\n"
         b"--XX\nContent-Type: message/rfc822\n\nSubject: inner\n\n"
         b"inner body\n--XX--\n")
BROKEN = b"Content-Type: multipart/mixed\n\nno boundary at all\n"
EMPTY = b""
NOHDR = b"\nbody only\n"
EIGHT = b"Subject: caf\xc3\xa9\nFrom: x@y\n\n8bit \xc3\xa9\n"

t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-fetch"), "Maildir"))
now = int(time.time())
for i, m in enumerate([MULTI, BROKEN, EMPTY, NOHDR, EIGHT]):
    p = put_message(md, "%d.M%dP1.host" % (now, i), m)
    os.utime(p, (1700000000 + i, 1700000000 + i))

d = Imapd(md)
sel = d.cmd("SELECT INBOX")
t.is_(sel[-1], b"t1 OK [READ-WRITE] Select completed.", "SELECT")
t.ok(b"* 5 EXISTS" in sel and b"* 5 RECENT" in sel, "5 EXISTS, 5 RECENT")

r = d.cmd("FETCH 1 (BODYSTRUCTURE)")
t.is_(r[0],
      b'* 1 FETCH (BODYSTRUCTURE (("text" "plain" ("charset" "us-ascii") '
      b'NIL NIL "7bit" 5 0 '
      b'NIL NIL NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 28 '
      b'(NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) '
      b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0 '
      b'NIL NIL NIL NIL) 2 NIL NIL NIL NIL) "mixed" ("boundary" "XX") '
      b'NIL NIL NIL))', "BODYSTRUCTURE of a nested multipart")
r = d.cmd("FETCH 1 (BODY)")
t.is_(r[0],
      b'* 1 FETCH (BODY (("text" "plain" ("charset" "us-ascii") NIL NIL '
      b'"7bit" 5 0)'
      b'("message" "rfc822" NIL NIL NIL "7bit" 28 '
      b'(NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) '
      b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0) 2) '
      b'"mixed"))', "BODY without extension data")
r = d.cmd("FETCH 1 ENVELOPE")
t.is_(r[0],
      b'* 1 FETCH (ENVELOPE ("Mon, 1 Jan 2024 10:00:00 +0000" '
      b'"=?utf-8?q?caf=C3=A9?=" (("Doe, John" NIL "john" "example.org")) '
      b'(("Doe, John" NIL "john" "example.org")) '
      b'(("Doe, John" NIL "john" "example.org")) '
      b'((NIL NIL "a" "b.c")) NIL NIL NIL "<m1@x>"))', "ENVELOPE")
r = d.cmd("FETCH 2:4 (BODYSTRUCTURE ENVELOPE)")
t.is_(r[0], b'* 2 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL '
      b'NIL) BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL '
      b'"7bit" 20 1 NIL NIL NIL NIL))',
      "broken multipart answers text/plain")
t.is_(r[1], b'* 3 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL '
      b'NIL) BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL '
      b'"7bit" 0 0 NIL NIL NIL NIL))', "empty message")
t.is_(r[2], b'* 4 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL '
      b'NIL) BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL '
      b'"7bit" 11 1 NIL NIL NIL NIL))', "no header at all")
r = d.cmd("FETCH 5 ENVELOPE")
t.is_(r[0], b'* 5 FETCH (ENVELOPE (NIL {5}\r\ncaf\xc3\xa9 ((NIL NIL "x" '
      b'"y")) ((NIL NIL "x" "y")) ((NIL NIL "x" "y")) NIL NIL NIL NIL '
      b'NIL))', "8-bit subject sent as a literal")

r = d.cmd("FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE UID)")
t.like(r[0].decode(), r'^\* 1 FETCH \(UID 1 FLAGS \(\\Recent\) '
       r'INTERNALDATE "\d\d-Nov-2023 \d\d:\d\d:20 [+-]\d{4}" '
       r'RFC822.SIZE %d\)$' % (len(MULTI) + MULTI.count(b"\n")),
       "FLAGS INTERNALDATE RFC822.SIZE (CRLF size) UID")
r = d.cmd("FETCH 1 FAST")
t.like(r[0].decode(), r"FLAGS .* INTERNALDATE .* RFC822.SIZE", "FAST")
r = d.cmd("FETCH 1 ALL")
t.like(r[0].decode(), r"FLAGS .* ENVELOPE \(", "ALL")
r = d.cmd("FETCH 1 FULL")
t.like(r[0].decode(), r"ENVELOPE .* BODY \(\(", "FULL")

crlf = MULTI.replace(b"\n", b"\r\n")
r = d.cmd("FETCH 1 BODY.PEEK[]")
t.is_(r[0], b"* 1 FETCH (BODY[] {%d}\r\n" % len(crlf) + crlf + b")",
      "BODY.PEEK[] is the whole message with CRLF")
r = d.cmd("FETCH 1 FLAGS")
t.is_(r[0], b"* 1 FETCH (FLAGS (\\Recent))", ".PEEK did not set \\Seen")
r = d.cmd("FETCH 1 BODY[1]")
t.is_(r[0], b"* 1 FETCH (FLAGS (\\Seen \\Recent) BODY[1] {5}\r\nhello)",
      "BODY[1] sets \\Seen and reports FLAGS")
sections = [
    ("BODY.PEEK[2]", b"Subject: inner\r\n\r\ninner body"),
    ("BODY.PEEK[2.HEADER]", b"Subject: inner\r\n\r\n"),
    ("BODY.PEEK[2.TEXT]", b"inner body"),
    ("BODY.PEEK[2.1]", b"inner body"),
    ("BODY.PEEK[1.MIME]", b"Content-Type: text/plain\r\n\r\n"),
    ("BODY.PEEK[HEADER.FIELDS (TO MESSAGE-ID)]",
     b"To: a@b.c\r\nMessage-ID: <m1@x>\r\n\r\n"),
    ("BODY.PEEK[TEXT]<0.8>", b"preamble"),
]
for item, want in sections:
    r = d.cmd("FETCH 1 " + item)
    name = item.replace(".PEEK", "").encode()
    if b"<" in name:
        name = name[:name.index(b".", name.index(b"<"))] + b">"
    t.is_(r[0], b"* 1 FETCH (" + name + b" {%d}\r\n" % len(want) + want +
          b")", "FETCH " + item)
r = d.cmd("FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (From To Subject Date "
          "Message-ID)]")
t.is_(r[0], b"* 1 FETCH (BODY[HEADER.FIELDS.NOT (From To Subject Date "
      b"Message-ID)] {48}\r\nContent-Type: multipart/mixed; "
      b"boundary=\"XX\"\r\n\r\n)", "HEADER.FIELDS.NOT")
r = d.cmd("FETCH 1 BODY.PEEK[9]")
t.is_(r[0], b"* 1 FETCH (BODY[9] NIL)", "missing part is NIL")
r = d.cmd("FETCH 1 BODY.PEEK[]<5000.10>")
t.is_(r[0], b"* 1 FETCH (BODY[]<5000> {0}\r\n)", "partial past the end")
r = d.cmd("FETCH 2 (RFC822.HEADER RFC822.TEXT)")
t.is_(r[0], b"* 2 FETCH (FLAGS (\\Seen \\Recent) RFC822.HEADER {33}\r\n"
      b"Content-Type: multipart/mixed\r\n\r\n RFC822.TEXT {20}\r\n"
      b"no boundary at all\r\n)", "RFC822.HEADER and RFC822.TEXT")
r = d.cmd("FETCH 3 RFC822")
t.is_(r[0], b"* 3 FETCH (FLAGS (\\Seen \\Recent) RFC822 {0}\r\n)",
      "RFC822 of an empty message")
r = d.cmd("UID FETCH 4:5 FLAGS")
t.is_(r[:2], [b"* 4 FETCH (UID 4 FLAGS (\\Recent))",
              b"* 5 FETCH (UID 5 FLAGS (\\Recent))"], "UID FETCH adds UID")
r = d.cmd("UID FETCH 6:* FLAGS")
t.is_(r, [b"* 5 FETCH (UID 5 FLAGS (\\Recent))", b"t%d OK Fetch completed."
          % d.n], "UID 6:* still includes the last message (RFC 3501 9)")
t.is_(d.cmd("UID FETCH 100 FLAGS"), [b"t%d OK Fetch completed." % (d.n)],
      "UID FETCH of a missing UID: nothing")
t.is_(d.cmd("FETCH 6 FLAGS")[-1], b"t%d BAD Invalid messageset" % d.n,
      "FETCH beyond EXISTS")
t.is_(d.cmd("FETCH 1 (FLAGS BODY[0])")[-1],
      b"t%d BAD Invalid fetch items" % d.n, "bad section")
t.is_(d.cmd("FETCH 1 ()")[-1], b"t%d BAD Invalid fetch items" % d.n,
      "empty list")
t.is_(d.cmd("FETCH 1 (ALL)")[-1], b"t%d BAD Invalid fetch items" % d.n,
      "macro inside a list")
d.cmd("LOGOUT")
d.close()

# EXAMINE: read-only, no \Seen set by BODY[]
d = Imapd(md)
r = d.cmd("EXAMINE INBOX")
t.is_(r[-1], b"t1 OK [READ-ONLY] Examine completed.", "EXAMINE")
t.ok(b"* OK [PERMANENTFLAGS ()] Read-only mailbox." in r,
     "EXAMINE: no permanent flags")
r = d.cmd("FETCH 4 BODY[]")
t.is_(r[0], b"* 4 FETCH (BODY[] {13}\r\n\r\nbody only\r\n)",
      "BODY[] in EXAMINE does not set \\Seen")
d.cmd("LOGOUT")
d.close()

# the corpus through imaplib: every message comes back byte-exact (CRLF)
md2 = make_maildir(os.path.join(tmpdir("imap-fetch2"), "Maildir"))
msgs = corpus_messages(60)
for i, m in enumerate(msgs):
    put_message(md2, "%d.C%dP1.host" % (now, i), m)
M = imaplib_client(md2)
M.select("INBOX")
typ, data = M.fetch("1:*", "(UID RFC822.SIZE BODY.PEEK[] BODYSTRUCTURE)")
bodies = {}
sizes = {}
for part in data:
    if isinstance(part, tuple):
        uid = int(re.search(rb"UID (\d+)", part[0]).group(1))
        bodies[uid] = part[1]
        sizes[uid] = int(re.search(rb"RFC822.SIZE (\d+)", part[0]).group(1))
t.is_(len(bodies), len(msgs), "corpus: every message fetched")
want = {i + 1: re.sub(rb"(?<!\r)\n", b"\r\n", m) for i, m in enumerate(msgs)}
# UIDs are given in file-name order (the library's scan order)
bad = [u for u in bodies if bodies[u] not in set(want.values())]
t.is_(bad, [], "corpus: bodies byte-exact in CRLF form")
t.is_([u for u in bodies if sizes[u] != len(bodies[u])], [],
      "corpus: RFC822.SIZE equals the fetched size")
M.logout()

# The ENVELOPE/BODYSTRUCTURE cache: a second FETCH does not read the
# messages (proved by rewriting a file behind its back, which a real
# Maildir never does), and deleting or tearing the cache changes nothing.
md3 = make_maildir(os.path.join(tmpdir("imap-fetch3"), "Maildir"))
p = put_message(md3, "1.c.host", b"Subject: old\n\nbody\n", "cur")
d = Imapd(md3)
d.cmd("SELECT INBOX")
first = d.cmd("FETCH 1 (ENVELOPE BODYSTRUCTURE)")[0]
with open(p, "wb") as f:
    f.write(b"Subject: new\n\nbody\n")
t.is_(d.cmd("FETCH 1 (ENVELOPE BODYSTRUCTURE)")[0], first,
      "second FETCH answered from the cache")
d.cmd("LOGOUT")
d.close()
cache = os.path.join(md3, "imapd.cache")
t.ok(os.path.exists(cache), "imapd.cache written")
d = Imapd(md3)
d.cmd("SELECT INBOX")
t.is_(d.cmd("FETCH 1 ENVELOPE")[0],
      b'* 1 FETCH (ENVELOPE (NIL "old" NIL NIL NIL NIL NIL NIL NIL NIL))',
      "the cache is used by the next session")
d.cmd("LOGOUT")
d.close()
with open(cache, "ab") as f:
    f.write(b"1 0 999\ntorn")
os.unlink(cache)
d = Imapd(md3)
d.cmd("SELECT INBOX")
t.is_(d.cmd("FETCH 1 ENVELOPE")[0],
      b'* 1 FETCH (ENVELOPE (NIL "new" NIL NIL NIL NIL NIL NIL NIL NIL))',
      "cache deleted: parsed again")
d.cmd("LOGOUT")
d.close()
with open(cache, "ab") as f:
    f.write(b"1 2 999\ntorn record")
d = Imapd(md3)
d.cmd("SELECT INBOX")
t.like(d.cmd("FETCH 1 BODYSTRUCTURE")[0].decode(),
       r'^\* 1 FETCH \(BODYSTRUCTURE \("text" "plain"',
       "a torn tail is ignored")
d.cmd("LOGOUT")
d.close()
with open(cache, "wb") as f:
    f.write(b"IMAPDCACHE2 1\n1 0 3\nNIL\n")
d = Imapd(md3)
d.cmd("SELECT INBOX")
t.is_(d.cmd("FETCH 1 ENVELOPE")[0],
      b'* 1 FETCH (ENVELOPE (NIL "new" NIL NIL NIL NIL NIL NIL NIL NIL))',
      "a cache of another UIDVALIDITY is replaced")
d.cmd("LOGOUT")
d.close()

# NUL bytes: a literal holds CHAR8, no NUL (RFC 3501 9).  In message
# data a NUL goes out as 0x80 (the size unchanged), in an ENVELOPE
# string as U+FFFD, as Dovecot sends them.
md4 = make_maildir(os.path.join(tmpdir("imap-fetch-nul"), "Maildir"))
put_message(md4, "%d.M9P1.host" % now,
            b"From: a@b\nSubject: nul\x00here\n\nbody\x00nul\n")
d = Imapd(md4)
d.cmd("SELECT INBOX")
r = d.cmd("FETCH 1 (RFC822.SIZE BODY.PEEK[])")
t.is_(r[0], b"* 1 FETCH (RFC822.SIZE 42 BODY[] {42}\r\n"
      b"From: a@b\r\nSubject: nul\x80here\r\n\r\nbody\x80nul\r\n)",
      "BODY[] with NULs: sent as 0x80, size as RFC822.SIZE says")
r = d.cmd("FETCH 1 (ENVELOPE)")
t.ok(b"{10}\r\nnul\xef\xbf\xbdhere " in r[0] and b"\x00" not in r[0],
     "ENVELOPE subject with a NUL: U+FFFD in a literal")
d.cmd("LOGOUT")
d.close()
t.done()
