#!/usr/bin/env python3
"""imapd STORE and SEARCH (RFC 3501 6.4.4, 6.4.6): flag and keyword
changes with .SILENT and UID forms, and every kind of search key:
flags, keywords, sizes, dates, sets, headers with RFC 2047 words,
bodies in quoted-printable and base64, OR/NOT/nesting, charsets."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

M1 = (b"From: Alice <alice@example.org>\nTo: bob@example.org\n"
      b"Subject: =?iso-8859-1?q?R=E9sum=E9?= attached\n"
      b"Date: Tue, 2 Jan 2024 08:00:00 -0500\n\nplain body with ZEBRA\n")
M2 = (b"From: bob@example.org\nSubject: quoted\n"
      b"Date: 3 Feb 2024 10:00 +0000\n"
      b"Content-Type: text/plain; charset=utf-8\n"
      b"Content-Transfer-Encoding: quoted-printable\n\n"
      b"caf=C3=A9 au lait, =C3=89COLE\n")
M3 = (b"From: carol@example.org\nSubject: b64\n"
      b"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
      b"Content-Type: text/plain; charset=koi8-r\n"
      b"Content-Transfer-Encoding: base64\n\n8NLJ18XU\n--b--\n")

t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-ss"), "Maildir"))
now = int(time.time())
for i, m in enumerate([M1, M2, M3]):
    p = put_message(md, "%d.M%dP1.host" % (now, i), m)
    os.utime(p, (1704067200 + i * 86400 * 40,) * 2)   # 1 Jan 2024 + 40 d

d = Imapd(md)
d.cmd("SELECT INBOX")


def q(cmd):
    return d.cmd(cmd)


r = q("STORE 1 +FLAGS (\\Seen \\Flagged)")
t.is_(r[0], b"* 1 FETCH (FLAGS (\\Flagged \\Seen \\Recent))", "+FLAGS")
r = q("STORE 1 -FLAGS.SILENT (\\Flagged)")
t.is_(r, [b"t%d OK Store completed." % d.n], "-FLAGS.SILENT says nothing")
r = q("STORE 2 FLAGS ($Work \\Answered)")
t.is_(r[:3], [b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)",
              b"* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen "
              b"\\Draft $Work \\*)] Flags permitted.",
              b"* 2 FETCH (FLAGS (\\Answered $Work \\Recent))"],
      "new keyword: FLAGS first, then the FETCH")
r = q("UID STORE 3 +FLAGS \\Draft")
t.is_(r[0], b"* 3 FETCH (UID 3 FLAGS (\\Draft \\Recent))",
      "UID STORE with a bare flag")
t.is_(q("STORE 1 +FLAGS (\\Bogus)")[-1],
      b"t%d BAD Invalid system flag" % d.n, "unknown system flag")
t.is_(q("STORE 1 FOO (\\Seen)")[-1], b"t%d BAD Invalid STORE item" % d.n,
      "bad item")
names = os.listdir(os.path.join(md, "cur"))
t.ok(any(n.endswith(":2,S") for n in names) and
     any(n.endswith(":2,Ra") for n in names) and
     any(n.endswith(":2,D") for n in names),
     "flags are in the file names (%s)" % " ".join(sorted(names)))
with open(os.path.join(md, "dovecot-keywords")) as f:
    t.is_(f.read(), "0 $Work\n", "dovecot-keywords written")

cases = [
    ("ALL", "1 2 3"), ("SEEN", "1"), ("UNSEEN", "2 3"),
    ("ANSWERED", "2"), ("UNANSWERED", "1 3"), ("DRAFT", "3"),
    ("UNDRAFT", "1 2"), ("FLAGGED", ""), ("UNFLAGGED", "1 2 3"),
    ("DELETED", ""), ("UNDELETED", "1 2 3"), ("KEYWORD $Work", "2"),
    ("UNKEYWORD $work", "1 3"), ("KEYWORD $Nope", ""), ("RECENT", "1 2 3"),
    ("NEW", "2 3"), ("OLD", ""), ("LARGER 150", "1 2 3"),
    ("SMALLER 10", ""), ("2:*", "2 3"), ("*:2", "2 3"), ("3,1", "1 3"),
    ("UID 2", "2"), ("NOT 2", "1 3"), ("OR 1 3", "1 3"),
    ("OR SEEN (DRAFT UNSEEN)", "1 3"), ("NOT (SEEN)", "2 3"),
    ("FROM alice", "1"), ("FROM ALICE@EXAMPLE", "1"),
    ("TO bob", "1"), ("SUBJECT résumé", "1"), ("SUBJECT RÉSUMÉ", "1"),
    ('HEADER Subject "b64"', "3"), ("HEADER X-Nope \"\"", ""),
    ('HEADER Subject ""', "1 2 3"), ("BODY zebra", "1"),
    ("BODY école", "2"), ("BODY \"CAFÉ AU\"", "2"), ("BODY привет", "3"),
    ("TEXT alice", "1"), ("TEXT ZEBRA", "1"), ("TEXT nothing-here", ""),
    ("SENTBEFORE 3-Feb-2024", "1"), ("SENTON 3-Feb-2024", "2"),
    ("SENTSINCE 3-Feb-2024", "2"), ("SENTON 2-Jan-2024", "1"),
    ("BEFORE 9-Feb-2024", "1"), ("ON 10-Feb-2024", "2"),
    ("SINCE 10-Feb-2024", "2 3"), ("CHARSET UTF-8 BODY ÉCOLE", "2"),
    ("CHARSET US-ASCII FROM carol", "3"),
]
for key, want in cases:
    r = q(("SEARCH " + key).encode())
    t.is_(r[0], (b"* SEARCH " + want.encode()).strip(), "SEARCH " + key)
r = q("SEARCH CHARSET ISO-8859-1 SUBJECT R\xe9sum\xe9".encode("latin-1"))
t.is_(r[0], b"* SEARCH 1", "SEARCH in ISO-8859-1")
r = q("UID SEARCH ANSWERED")
t.is_(r[0], b"* SEARCH 2", "UID SEARCH returns UIDs")
r = q("SEARCH CHARSET X-BOGUS ALL")
t.is_(r[-1], b"t%d NO [BADCHARSET (UTF-8 US-ASCII)] Unknown charset" % d.n,
      "unknown charset")
t.is_(q("SEARCH FOO")[-1], b"t%d BAD Unknown search key" % d.n, "bad key")
t.is_(q("SEARCH " + "NOT " * 40 + "ALL")[-1],
      b"t%d BAD Search keys nested too deeply" % d.n, "deep nesting bounded")
t.is_(q("SEARCH 1:9")[0], b"* SEARCH 1 2 3", "set beyond EXISTS")
d.cmd("LOGOUT")
d.close()
t.done()
