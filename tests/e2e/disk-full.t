#!/usr/bin/env python3
"""A full disk: imapd, pop3d and lmtpd on a Maildir in a small tmpfs
(1 MiB, in a private mount namespace, so root only).  A store that does
not fit gets a clear temporary error (IMAP NO [OVERQUOTA] Not enough disk space
as Dovecot says it, LMTP 452 4.3.1), leaves nothing in tmp/, and a COPY
that fails half way takes back the copies it made (RFC 3501 6.4.7).
What needs no space keeps working on a full disk: flags (a rename),
FETCH BODY[] setting \\Seen, EXPUNGE, and POP3 DELE at QUIT, so a user
can free space.  Nothing is lost, and once there is space again
everything works."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

INNER = "DISKFULL_TMPFS"

if INNER not in os.environ:
    t = TAP()
    if not mailtest.IS_ROOT or not shutil.which("unshare"):
        t.skip_all("needs root and unshare(1) for a tmpfs in a private "
                   "mount namespace")
    top = mailtest.tmpdir("disk-full")
    os.chmod(top, 0o755)	# lmtpd delivers as another uid below it
    mnt = os.path.join(top, "mnt")
    os.mkdir(mnt)
    env = dict(os.environ, **{INNER: mnt, "TMPDIR": mnt})
    script = 'mount -t tmpfs -o size=1m,mode=0755 none "$1" && shift && ' \
             'exec "$@"'
    rc = subprocess.call(["unshare", "-m", "--propagation", "private",
                          "sh", "-c", script, "sh", mnt, sys.executable,
                          os.path.abspath(__file__)], env=env)
    sys.exit(rc)

# From here on: inside the namespace, everything below TOP on the tmpfs.
from imaptest import Imapd  # noqa: E402
from pop3test import Direct  # noqa: E402
import lmtptest  # noqa: E402

TOP = os.environ[INNER]
t = TAP()


def free_bytes():
    st = os.statvfs(TOP)
    return st.f_bavail * st.f_frsize


def fill(leave):
    """Take all free space but about leave bytes; the filler's path."""
    path = os.path.join(TOP, "filler%d" % len(os.listdir(TOP)))
    with open(path, "wb") as f:
        try:
            f.write(b"x" * max(free_bytes() - leave, 0))
            if leave == 0:
                f.write(b"x" * 65536)
        except OSError:
            pass
    return path


def unfill():
    for n in os.listdir(TOP):
        if n.startswith("filler"):
            os.unlink(os.path.join(TOP, n))


def names(md, sub):
    return sorted(os.listdir(os.path.join(md, sub)))


def body(i):
    return b"Subject: m%d\n\n" % i + b"z" * 20000 + b"\n"


def put(md, n):
    for i in range(n):
        with open(os.path.join(md, "cur", "100%d.M1P1.h:2," % i), "wb") as f:
            f.write(body(i))


PAD_NEXT = 200


def pad_uidlist(path):
    """Grow dovecot-uidlist with records of long-gone messages to just
    under a page, so that a record more needs a block the disk lacks."""
    with open(path) as f:
        head, *recs = f.read().splitlines()
    head = " ".join("N%d" % PAD_NEXT if w.startswith("N") else w
                    for w in head.split())
    out = head + "\n" + "".join(r + "\n" for r in recs)
    uid = 10
    while len(out) < 4096 - 60:	# 60-byte records: no compaction
        out += "%03d :pad%03d.M1P1.%s\n" % (uid, uid, "g" * 44)
        uid += 1
    with open(path, "w") as f:
        f.write(out)


def uidlist_lines(md):
    with open(os.path.join(md, "dovecot-uidlist")) as f:
        return f.read().splitlines()


def tagged(lines):
    """The tagged reply without its tag."""
    return lines[-1].split(b" ", 1)[1]


def bodies(d):
    """The messages of the selected folder as imapd sends them."""
    out = []
    for ln in d.cmd("FETCH 1:* BODY.PEEK[]")[:-1]:
        out.append(ln.split(b"}\r\n", 1)[1].rsplit(b")", 1)[0])
    return out


# imapd
md = mailtest.make_maildir(os.path.join(TOP, "imap", "Maildir"))
put(md, 6)
want = [body(i).replace(b"\n", b"\r\n") for i in range(6)]
d = Imapd(md)
d.cmd("SELECT INBOX")
fill(50000)
big = b"Subject: big\r\n\r\n" + b"y" * 100000 + b"\r\n"
d.send(b"a1 APPEND INBOX {%d}\r\n" % len(big))
d.line()
d.send(big + b"\r\n")
t.is_(d.read_until(b"a1")[-1], b"a1 NO [OVERQUOTA] Not enough disk space",
      "APPEND that does not fit: NO [OVERQUOTA] Not enough disk space")
t.is_(names(md, "tmp") + names(md, "new"), [], "  nothing left in tmp/")
r = d.cmd("COPY 1:6 INBOX")
t.is_(tagged(r), b"NO [OVERQUOTA] Not enough disk space",
      "COPY of 120 kB into 50 kB fails the same way")
t.is_(len(names(md, "cur")), 6, "  the copies it made are taken back")
t.ok(not any(b"EXISTS" in ln for ln in d.cmd("NOOP")),
     "  and no session is told of them")
fill(0)
t.is_(free_bytes(), 0, "the disk is full now")
huge = b"Subject: huge\r\n\r\n" + (b"h" * 998 + b"\r\n") * 400
d.send(b"a2 APPEND INBOX {%d}\r\n" % len(huge))
d.line()
d.send(huge + b"\r\n")
t.is_(d.read_until(b"a2")[-1], b"a2 NO [OVERQUOTA] Not enough disk space",
      "a 400 kB APPEND (spooled to tmp/) on a full disk: the same NO")
t.ok(tagged(d.cmd("NOOP")) == b"OK NOOP completed." and
     names(md, "tmp") == [], "  and the session goes on, tmp/ empty")
t.is_(tagged(d.cmd("STORE 1 +FLAGS (\\Flagged)")), b"OK Store completed.",
      "STORE a flag on a full disk works (a rename)")
r = d.cmd("STORE 2 +FLAGS (NewKeyword)")
t.is_(tagged(r), b"NO [OVERQUOTA] Not enough disk space",
      "a new keyword (dovecot-keywords grows) is refused clearly")
r = d.cmd("FETCH 3 BODY[]")
t.ok(tagged(r) == b"OK Fetch completed." and b"\\Seen" in b"".join(r),
     "FETCH BODY[] on a full disk sends the message and sets \\Seen")
t.is_(bodies(d), want, "every message intact on a full disk")
d.cmd("STORE 5:6 +FLAGS (\\Deleted)")
r = d.cmd("EXPUNGE")
t.is_(tagged(r), b"OK Expunge completed.", "EXPUNGE on a full disk works")
t.is_(len(names(md, "cur")), 4, "  and frees the space of two messages")
unfill()
r = d.cmd("STORE 2 +FLAGS (NewKeyword)")
t.is_(tagged(r), b"OK Store completed.", "with space again: the keyword")
r = d.cmd("COPY 1:4 INBOX")
t.like(tagged(r).decode(), r"^OK \[COPYUID \d+ 1:4 7:10\]",
       "  COPY works, with the next UIDs (no UID was burnt)")
d.cmd("LOGOUT")
d.close()
d = Imapd(md)
d.cmd("SELECT INBOX")
t.is_(bodies(d), want[:4] * 2, "a new session sees every message once")
d.cmd("LOGOUT")
d.close()

# imapd on a full disk when the uidlist wants a rewrite (mostly records
# of gone messages) and new mail waits for UIDs: the rewrite fails and
# is left for later, the session works, and the new mail shows up once
# there is room.
md = mailtest.make_maildir(os.path.join(TOP, "imap2", "Maildir"))
put(md, 3)
d = Imapd(md)
d.cmd("SELECT INBOX")
d.cmd("LOGOUT")
d.close()
ul = os.path.join(md, "dovecot-uidlist")
with open(ul) as f:
    head, *recs = f.read().splitlines()
head = " ".join("N500" if w.startswith("N") else w for w in head.split())
with open(ul, "w") as f:
    f.write(head + "\n" + "".join(r + "\n" for r in recs) +
            "".join("%d :gone%d.M1P1.h\n" % (i, i) for i in range(10, 300)))
for i in range(2):
    with open(os.path.join(md, "new", "400%d.M1P1.h" % i), "wb") as f:
        f.write(b"Subject: late %d\n\nlate\n" % i)
fill(0)
d = Imapd(md)
r = d.cmd("SELECT INBOX")
t.ok(b"* 3 EXISTS" in r, "imapd, full disk, uidlist to rewrite: 3 shown")
d.cmd("STORE 1 +FLAGS (\\Deleted)")
t.is_(tagged(d.cmd("EXPUNGE")), b"OK Expunge completed.",
      "  EXPUNGE works after the failed rewrite")
t.is_(names(md, "tmp"), [], "  no lock file or temp file left in tmp/")
t.ok(not os.path.exists(ul + ".lock"), "  the uidlist lock is not left")
unfill()
r = d.cmd("NOOP")
t.ok(b"* 4 EXISTS" in r, "  with room again the two new messages appear")
t.like(" ".join(x.decode() for x in d.cmd("UID FETCH 1:* (UID)")[:-1]),
       r"UID 500\).*UID 501\)", "  with UIDs after every one used")
d.cmd("LOGOUT")
d.close()

# pop3d on a full disk, with new mail that came before it filled up and
# has no UID yet: the uidlist cannot grow, so the new messages wait
# (unnumbered, untouched) and the old ones can be read and deleted.
md = mailtest.make_maildir(os.path.join(TOP, "pop", "Maildir"))
put(md, 3)
p = Direct(md)
p.line()
p.close()
pad_uidlist(os.path.join(md, "dovecot-uidlist"))
ul_before = uidlist_lines(md)
for i in range(5):
    with open(os.path.join(md, "new", "300%d.M1P1.h" % i), "wb") as f:
        f.write(b"Subject: new %d\n\nnew\n" % i)
fill(0)
p = Direct(md)
p.line()
t.like(p.cmd(b"STAT").decode(), r"^\+OK 3 ",
       "pop3d on a full disk opens: the 3 numbered messages")
t.like(p.cmd(b"RETR 1").decode(), r"^\+OK", "  RETR")
t.is_(p.multi(), body(0).replace(b"\n", b"\r\n"), "  the whole message")
t.like(p.cmd(b"DELE 2").decode(), r"^\+OK", "  DELE")
t.like(p.cmd(b"QUIT").decode(), r"^\+OK", "  QUIT answers +OK")
p.close(quit=False)
t.like(p.log(), r"warning: uidlist-full ", "  the log says why new mail waits")
t.is_(names(md, "cur"), ["1000.M1P1.h:2,S", "1002.M1P1.h:2,"],
      "  the message read is marked seen, the deleted one is gone")
t.is_(len(names(md, "new")), 5, "  the new messages wait in new/")
t.is_(uidlist_lines(md), ul_before + ["%d :300%d.M1P1.h" % (PAD_NEXT + i, i)
                                      for i in range(5)],
      "  the DELE made room: the new messages got the next UIDs, and no "
      "half record from the failed append is left")
unfill()
p = Direct(md)
p.line()
t.like(p.cmd(b"STAT").decode(), r"^\+OK 7 ",
       "with space again the new messages are there")
r = p.cmd(b"UIDL 3").decode()
t.like(r, r"^\+OK 3 %08x" % PAD_NEXT, "  numbered after every UID used")
p.close()

# lmtpd: 452 4.3.1 for a message that does not fit, then a retry works;
# first with the spool on the full disk, then with the spool elsewhere
# (LMTP_SPOOL on another file system) and only the Maildir full.
def lmtp_send(port):
    c = lmtptest.Raw(port)
    c.reply()
    for cmd in ("LHLO x", "MAIL FROM:<a@b>", "RCPT TO:<full@example.org>",
                "DATA"):
        c.cmd(cmd)
    c.send(lmtptest.crlf(b"Subject: lmtp\n\n" + b"w" * 120000 + b"\n"))
    r = c.reply()[-1]
    c.cmd("QUIT")
    c.close()
    return r


u = lmtptest.Users("diskfull")
umd = u.add("full@example.org")
table = u.build()
other_fs = "/dev/shm" if os.path.isdir("/dev/shm") else "/var/tmp"
for where, env in (("spool and Maildir", {}),
                   ("Maildir only", {"LMTP_SPOOL": other_fs})):
    with lmtptest.lmtpd(table, env) as srv:
        fill(40000)
        t.like(lmtp_send(srv.port), r"^452 4\.3\.1 <full@example\.org> "
               r"Insufficient system storage",
               "lmtpd, %s full: 452 4.3.1" % where)
        t.is_(names(umd, "tmp"), [], "  nothing left behind")
        unfill()
        t.like(lmtp_send(srv.port), r"^250 2\.0\.0 ",
               "  the MTA's retry is delivered")
t.done()
