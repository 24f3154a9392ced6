#!/usr/bin/env python3
"""imapd killed (SIGKILL) at the worst moments loses no mail: in the
middle of a big APPEND (the literal is spooled to an unlinked file:
nothing is left and nothing appears), and in the middle of a MOVE of
many messages (they are staged in the target's tmp/ before any is
linked into cur/: the source keeps every message and the target gets
none, so nothing is lost or doubled).  A session started afterwards
sees consistent folders and can work at once (no lock left behind
blocks it)."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

t = TAP()
md = mailtest.make_maildir(os.path.join(mailtest.tmpdir("imap-kill"),
                                        "Maildir"), ["Target"])
N = 400
now = int(time.time())
for i in range(N):
    put_message(md, "%d.M%dP1.host:2," % (now, i),
                b"Subject: m%d\nMessage-ID: <m%d@x>\n\n" % (i, i) +
                b"b" * 2000 + b"\n", "cur")


def files(sub):
    return sorted(os.listdir(os.path.join(md, sub)))


def subjects(d, folder):
    d.cmd("SELECT " + folder)
    out = []
    for ln in d.cmd("UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")[:-1]:
        out.append(ln.split(b"Subject: ", 1)[1].split(b"\r\n")[0])
    return out


def uids(d, folder):
    d.cmd("SELECT " + folder)
    return [int(ln.split(b"UID ")[1].split(b")")[0].split()[0])
            for ln in d.cmd("UID FETCH 1:* (UID)")[:-1]]


# 1. Killed while the client sends a 2 MB APPEND literal.
d = Imapd(md)
d.cmd("SELECT INBOX")
big = b"Subject: big\r\n\r\n" + (b"x" * 998 + b"\r\n") * 2048
d.send(b"a1 APPEND INBOX {%d}\r\n" % len(big))
t.is_(d.line(), b"+ OK", "APPEND of 2 MB: continuation")
d.send(big[:len(big) // 2])
time.sleep(0.3)
d.proc.send_signal(signal.SIGKILL)
d.close()
t.is_(files("tmp"), [], "killed mid-APPEND: nothing left in tmp/")
t.is_(len(files("cur")) + len(files("new")), N, "  and nothing appeared")

# 2. Killed in the middle of a MOVE of every message.
d = Imapd(md)
d.cmd("SELECT INBOX")
d.send(b"m1 MOVE 1:* Target\r\n")
target_tmp = os.path.join(md, ".Target", "tmp")
deadline = time.time() + 10
while len(os.listdir(target_tmp)) < N // 4 and time.time() < deadline:
    time.sleep(0.002)
d.proc.send_signal(signal.SIGKILL)
d.close()
staged = len(os.listdir(target_tmp))
t.ok(N // 4 <= staged < N,
     "killed mid-MOVE with %d of %d messages staged" % (staged, N))
t.is_(os.listdir(os.path.join(md, ".Target", "cur")) +
      os.listdir(os.path.join(md, ".Target", "new")), [],
      "  none of them is in the target")

d = Imapd(md)
src = subjects(d, "INBOX")
dst = subjects(d, "Target")
want = [b"m%d" % i for i in range(N)]
t.is_(sorted(src), sorted(want), "  the source has every message, once")
t.is_(dst, [], "  the target is empty")
for folder in ("INBOX", "Target"):
    u = uids(d, folder)
    t.ok(u == sorted(set(u)), "  %s: UIDs unique and increasing" % folder)
r = d.cmd("SELECT INBOX")
t.like(r[-1].decode(), r"OK \[READ-WRITE\]",
       "a new session selects at once (no lock left behind)")
r = d.cmd("MOVE 1:* Target")
t.like(r[-1].decode(), r"OK", "  and can finish the move")
t.is_(sorted(subjects(d, "Target")), sorted(want),
      "  the target now has every message, once")
t.is_(subjects(d, "INBOX"), [], "  the source is empty")
d.cmd("LOGOUT")
d.close()
t.is_(files("tmp"), [], "nothing left in the source's tmp/")
t.done()
