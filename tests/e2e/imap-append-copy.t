#!/usr/bin/env python3
"""imapd APPEND (flags, date, literals, LITERAL+, size bound, TRYCREATE,
APPENDUID), COPY/MOVE with COPYUID, EXPUNGE, UID EXPUNGE, CLOSE,
UNSELECT, QUOTA (RFC 3501 6.3.11, 6.4; 4315; 6851; 3691; 7888; 9208)."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir, maildir_files  # noqa: E402
from imaptest import Imapd, imaplib_client  # noqa: E402

t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-ac"), "Maildir"), ["Trash"])
d = Imapd(md, env={"IMAP_APPEND_MAX": "500000"})
uidv = None

msg = b"Subject: appended\r\nFrom: a@b\r\n\r\nbody\r\n"
d.send(b'a1 APPEND INBOX (\\Seen $Label1) " 5-Mar-2021 14:07:09 +0100" '
       b'{%d}\r\n' % len(msg))
t.is_(d.line(), b"+ OK", "APPEND: continuation for the literal")
d.send(msg + b"\r\n")
r = d.read_until(b"a1")
m = re.match(rb"a1 OK \[APPENDUID (\d+) 1\] Append completed\.", r[-1])
t.ok(m, "APPENDUID for uid 1: %r" % r[-1])
uidv = m.group(1) if m else b"?"
files = maildir_files(md)
t.is_(len(files), 1, "one file")
t.ok(files and files[0].startswith("cur/") and files[0].endswith(":2,Sa"),
     "in cur/ with S and keyword a: %s" % files)
st = os.stat(os.path.join(md, files[0]))
t.is_(int(st.st_mtime), 1614949629, "internal date is the mtime")
with open(os.path.join(md, files[0]), "rb") as f:
    t.is_(f.read(), msg.replace(b"\r\n", b"\n"), "stored with LF")

d.send(b"a2 APPEND INBOX {5+}\r\nhello\r\n")
t.like(d.read_until(b"a2")[-1].decode(), r"a2 OK \[APPENDUID \d+ 2\]",
       "APPEND with LITERAL+, no flags")
t.is_(d.cmd("APPEND Nope {1+}\r\nx")[-1],
      b"t1 NO [TRYCREATE] Mailbox doesn't exist", "TRYCREATE")
d.send(b"a3 APPEND INBOX {600000}\r\n")
t.is_(d.line(), b"a3 NO [TOOBIG] Message too large",
      "over IMAP_APPEND_MAX: NO [TOOBIG] before the literal is sent")
d.send(b"a4 APPEND INBOX {600000+}\r\n" + b"x" * 600000 + b"\r\n")
t.is_(d.line(), b"a4 NO [TOOBIG] Message too large",
      "LITERAL+ over the limit: read, discarded, NO [TOOBIG]")
big = b"Subject: big\r\n\r\n" + b"y" * 400000 + b"\r\n"
d.send(b"a5 APPEND INBOX {%d}\r\n" % len(big))
t.is_(d.line(), b"+ OK", "large literal accepted")
d.send(big + b"\r\n")
t.like(d.read_until(b"a5")[-1].decode(), r"a5 OK \[APPENDUID \d+ 3\]",
       "large APPEND (spooled) works")
t.is_(d.cmd('APPEND INBOX "bad date" {1+}\r\nx')[-1],
      b"t2 BAD Invalid APPEND arguments", "bad date")

r = d.cmd("SELECT INBOX")
t.ok(b"* 3 EXISTS" in r, "3 messages")
t.ok(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1)" in r,
     "keyword from APPEND in FLAGS")
r = d.cmd("FETCH 1 (FLAGS INTERNALDATE)")
t.like(r[0].decode(), r'FLAGS \(\\Seen \$Label1\) INTERNALDATE '
       r'"05-Mar-2021 \d\d:07:09 [+-]\d{4}"', "flags and date kept")
r = d.cmd("FETCH 3 RFC822.SIZE")
t.is_(r[0], b"* 3 FETCH (RFC822.SIZE %d)" % len(big), "large message size")

# APPEND to the selected folder: EXISTS comes with the reply
r = d.cmd("APPEND INBOX {3+}\r\nabc")
t.is_(r[0], b"* 4 EXISTS", "EXISTS after APPEND to the selected folder")

r = d.cmd("COPY 1:2 Trash")
t.like(r[-1].decode(), r"OK \[COPYUID \d+ 1:2 1:2\] Copy completed\.",
       "COPYUID, runs as ranges")
r = d.cmd("UID MOVE 3 Trash")
t.like(r[0].decode(), r"^\* OK \[COPYUID \d+ 3 3\] Moved UIDs\.$",
       "MOVE: untagged COPYUID first")
t.is_(r[1], b"* 3 EXPUNGE", "MOVE expunges the source")
t.is_(d.cmd("COPY 1 Nope")[-1], b"t%d NO [TRYCREATE] Mailbox doesn't exist"
      % d.n, "COPY to a missing folder")
d.cmd("CREATE Runs")
t.like(d.cmd("COPY 1:3 Runs")[-1].decode(),
       r"OK \[COPYUID \d+ 1:2,4 1:3\] Copy completed\.",
       "COPYUID of UIDs 1, 2 and 4: 1:2,4 -> 1:3, in the same order")
r = d.cmd("STATUS Trash (MESSAGES)")
t.is_(r[0], b"* STATUS Trash (MESSAGES 3)", "Trash has 3")
r = d.cmd("FETCH 1:* UID")
t.is_(r[:-1], [b"* 1 FETCH (UID 1)", b"* 2 FETCH (UID 2)",
               b"* 3 FETCH (UID 4)"], "UIDs after MOVE")

d.cmd("STORE 1:3 +FLAGS.SILENT \\Deleted")
r = d.cmd("UID EXPUNGE 2")
t.is_(r, [b"* 2 EXPUNGE", b"t%d OK Expunge completed." % d.n],
      "UID EXPUNGE only the named UID")
r = d.cmd("EXPUNGE")
t.is_(r, [b"* 2 EXPUNGE", b"* 1 EXPUNGE", b"t%d OK Expunge completed." % d.n],
      "EXPUNGE sends descending numbers")
r = d.cmd("FETCH 1:* UID")
t.is_(r, [b"t%d BAD Invalid messageset" % d.n], "empty mailbox")
d.cmd("SELECT Trash")
d.cmd("STORE 1 +FLAGS.SILENT \\Deleted")
t.is_(d.cmd("UNSELECT"), [b"t%d OK Unselect completed." % d.n], "UNSELECT")
r = d.cmd("SELECT Trash")
t.ok(b"* 3 EXISTS" in r, "UNSELECT did not expunge")
t.is_(d.cmd("CLOSE"), [b"t%d OK Close completed." % d.n],
      "CLOSE: no EXPUNGE responses")
r = d.cmd("EXAMINE Trash")
t.ok(b"* 2 EXISTS" in r, "CLOSE expunged")
t.is_(d.cmd("EXPUNGE")[-1], b"t%d NO [READ-ONLY] Mailbox is read-only." % d.n,
      "EXPUNGE in EXAMINE")
t.is_(d.cmd("STORE 1 +FLAGS \\Seen")[-1],
      b"t%d NO [READ-ONLY] Mailbox is read-only." % d.n, "STORE in EXAMINE")

# QUOTA
t.is_(d.cmd("GETQUOTAROOT INBOX"), [b"* QUOTAROOT INBOX",
                                    b"t%d OK Getquotaroot completed." % d.n],
      "no quota configured: no root")
with open(os.path.join(md, "maildirsize"), "w") as f:
    f.write("1000S,10C\n")
r = d.cmd("GETQUOTAROOT INBOX")
t.like(r[1].decode(), r'^\* QUOTA "" \(STORAGE \d+ 0 MESSAGE \d+ 10\)$',
       "GETQUOTAROOT with maildirsize")
t.is_(r[0], b'* QUOTAROOT INBOX ""', "quota root")
t.like(d.cmd('GETQUOTA ""')[0].decode(), r'^\* QUOTA "" \(STORAGE', "GETQUOTA")
t.like(d.cmd('SETQUOTA "" (STORAGE 1)')[-1].decode(), r"NO \[CANNOT\]",
       "SETQUOTA refused")
t.is_(d.cmd("APPEND INBOX {1200+}\r\n" + "z" * 1200)[-1],
      b"t%d NO [OVERQUOTA] Quota exceeded" % d.n, "OVERQUOTA on APPEND")

# COPY and the quota: one maildirsize line for the lot; a COPY whose
# messages fit one by one but not together is refused whole (RFC 3501
# 6.4.7: the target as it was, nothing accounted).
def qlines():
    with open(os.path.join(md, "maildirsize")) as f:
        return f.read().splitlines()


def target_files():
    return maildir_files(os.path.join(md, ".QC"))


d.cmd("CREATE QC")
d.cmd("SELECT Trash")
with open(os.path.join(md, "maildirsize"), "w") as f:
    f.write("10000000S,1000C\n")
t.like(d.cmd("COPY 1:2 QC")[-1].decode(), r"OK \[COPYUID ", "COPY under quota")
sizes = sum(os.path.getsize(os.path.join(md, ".QC", n)) for n in target_files())
t.is_([ln.split() for ln in qlines()[1:]], [[str(sizes), "2"]],
      "  one maildirsize line: the bytes and count of both copies")
with open(os.path.join(md, "maildirsize"), "w") as f:
    f.write("10000000S,1C\n")	# room for one more message
before = target_files()
t.is_(d.cmd("COPY 1:2 QC")[-1], b"t%d NO [OVERQUOTA] Quota exceeded" % d.n,
      "COPY of two messages with room for one more: NO [OVERQUOTA]")
t.is_(target_files(), before, "  the target is as it was (no first copy)")
t.is_(qlines(), ["10000000S,1C"], "  and nothing was accounted")
t.is_(os.listdir(os.path.join(md, ".QC", "tmp")), [], "  nor left in tmp/")
d.cmd("LOGOUT")
d.close()

M = imaplib_client(md)
os.unlink(os.path.join(md, "maildirsize"))
typ, data = M.append("INBOX", "(\\Flagged)", None, b"Subject: il\r\n\r\nx\r\n")
t.is_(typ, "OK", "imaplib APPEND")
M.logout()
t.done()
