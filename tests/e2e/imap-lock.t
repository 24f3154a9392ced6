#!/usr/bin/env python3
"""imapd and dovecot-uidlist.lock (shared/view.h view_lock): STORE,
EXPUNGE, UID EXPUNGE, CLOSE, MOVE and a \\Seen-setting FETCH over a
range take the lock once, not once per message (counted with strace on
the running imapd); a lock held by another process is waited for; one
held for the library's whole wait (LIM_LOCK_WAIT, 60 s, not settable at
run time) gets NO [INUSE] (RFC 5530) with nothing else said: that case
runs only with IMAPTEST_SLOW=1 because it takes a minute."""
import os
import re
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

N = 40
t = TAP()
root = tmpdir("imap-lock")
md = make_maildir(os.path.join(root, "Maildir"))
make_maildir(os.path.join(md, ".Other"))
now = int(time.time())
for i in range(N):
    put_message(md, "%d.M%dP1.host" % (now, i),
                b"Subject: m%d\n\nbody %d\n" % (i, i))
LOCK = os.path.join(md, "dovecot-uidlist.lock")


class Trace:
    """strace -p on a running imapd: count lock files it created."""

    def __init__(self, pid):
        self.out = os.path.join(root, "strace.%d" % time.monotonic_ns())
        self.p = subprocess.Popen(
            ["strace", "-q", "-e", "trace=openat", "-o", self.out,
             "-p", str(pid)], stderr=subprocess.PIPE)
        deadline = time.time() + 5       # wait until attached
        while time.time() < deadline and not os.path.exists(self.out):
            time.sleep(0.02)
        time.sleep(0.2)

    def locks(self):
        self.p.terminate()
        self.p.wait(5)
        self.p.stderr.close()
        with open(self.out) as f:
            text = f.read()
        return len(re.findall(re.escape(LOCK) + r'", O_WRONLY\|O_CREAT'
                              r'\|O_EXCL[^)]*\) = \d', text))


def traced(d, cmd):
    tr = Trace(d.proc.pid)
    r = d.cmd(cmd)
    return r, tr.locks()


can_trace = shutil.which("strace") is not None
if can_trace:
    probe = subprocess.run(["strace", "-q", "-e", "trace=none", "true"],
                           capture_output=True)
    can_trace = probe.returncode == 0

d = Imapd(md)
d.cmd("SELECT INBOX")
if not can_trace:
    t.skip("strace missing or ptrace not permitted", 6)
else:
    r, n = traced(d, "STORE 1:* +FLAGS.SILENT (\\Flagged)")
    t.ok(r[-1].endswith(b"OK Store completed.") and n == 1,
         "STORE 1:%d takes the lock once (%d)" % (N, n))
    r, n = traced(d, "FETCH 1:10 BODY[TEXT]")
    t.ok(r[-1].endswith(b"OK Fetch completed.") and n == 1 and
         sum(b"\\Seen" in x for x in r) == 10,
         "FETCH BODY[] setting \\Seen on 10 takes it once (%d)" % n)
    r, n = traced(d, "FETCH 1:10 BODY.PEEK[TEXT]")
    t.ok(r[-1].endswith(b"OK Fetch completed.") and n == 0,
         "BODY.PEEK takes no lock (%d)" % n)
    d.cmd("STORE 1:20 +FLAGS.SILENT (\\Deleted)")
    r, n = traced(d, "UID EXPUNGE 1:5")
    t.ok(sum(x.endswith(b" EXPUNGE") for x in r) == 5 and n == 1,
         "UID EXPUNGE of 5 takes it once (%d)" % n)
    r, n = traced(d, "EXPUNGE")
    t.ok(sum(x.endswith(b" EXPUNGE") for x in r) == 15 and n == 1,
         "EXPUNGE of 15 takes it once (%d)" % n)
    r, n = traced(d, "MOVE 1:10 Other")
    t.ok(r[-1].endswith(b"OK Move completed.") and
         sum(x.endswith(b" EXPUNGE") for x in r) == 10 and n == 1,
         "MOVE of 10 takes the source's lock once (%d)" % n)

# another process holds the lock for a while: STORE waits, then works
with open(LOCK, "w") as f:
    f.write("%d:%s" % (os.getpid(), socket.gethostname()))
d.n += 1
d.send(b"t%d STORE 1 +FLAGS (\\Answered)\r\n" % d.n)
d.sock.settimeout(1.5)
try:
    early = d.line()
except socket.timeout:
    early = None
t.is_(early, None, "STORE says nothing while the lock is held")
os.unlink(LOCK)
d.sock.settimeout(10)
r = d.read_until(b"t%d" % d.n)
t.ok(r[-1].endswith(b"OK Store completed.") and b"\\Answered" in r[0],
     "and completes once it is free")
t.is_(os.path.exists(LOCK), False, "imapd released its lock")

# MOVE between two folders takes both locks up front, in the order of
# their paths (the root, INBOX, before "/.Other"), so two MOVEs in
# opposite directions cannot each hold one and wait for the other.
md2 = make_maildir(os.path.join(root, "Maildir2"))
make_maildir(os.path.join(md2, ".Other"))
for i in range(150):
    for folder in (md2, os.path.join(md2, ".Other")):
        put_message(folder, "%d.M%dP2.host" % (now, i), b"Subject: x\n\nb\n")
LOCK2 = os.path.join(md2, "dovecot-uidlist.lock")
OLOCK2 = os.path.join(md2, ".Other", "dovecot-uidlist.lock")
a, b = Imapd(md2, timeout=50), Imapd(md2, timeout=50)
a.cmd("SELECT Other")
b.cmd("SELECT INBOX")
with open(LOCK2, "w") as f:      # someone holds INBOX's lock
    f.write("%d:%s" % (os.getpid(), socket.gethostname()))
a.n += 1
a.send(b"t%d MOVE 1 INBOX\r\n" % a.n)
time.sleep(1.0)
t.is_(os.path.exists(OLOCK2), False,
      "MOVE Other -> INBOX waits for INBOX's lock before taking Other's")
os.unlink(LOCK2)
r = a.read_until(b"t%d" % a.n)
t.ok(r[-1].endswith(b"OK Move completed."), "and moves once it is free")
a.n += 1
b.n += 1
a.send(b"t%d MOVE 1:* INBOX\r\n" % a.n)
b.send(b"t%d MOVE 1:* Other\r\n" % b.n)
t0 = time.time()
ra, rb = a.read_until(b"t%d" % a.n), b.read_until(b"t%d" % b.n)
t.ok(ra[-1].endswith(b"OK Move completed.") and
     rb[-1].endswith(b"OK Move completed.") and time.time() - t0 < 45,
     "two MOVEs in opposite directions both complete (%.1f s)" %
     (time.time() - t0))
for x in (a, b):
    x.cmd("LOGOUT")
    x.close()
left = [os.listdir(os.path.join(md2, s, "cur")) + os.listdir(
    os.path.join(md2, s, "new")) for s in ("", ".Other")]
t.is_(sum(len(x) for x in left), 300, "no message lost or doubled")

if os.environ.get("IMAPTEST_SLOW") != "1":
    t.skip("NO [INUSE] needs a 60 s lock wait; set IMAPTEST_SLOW=1", 3)
else:
    with open(LOCK, "w") as f:
        f.write("%d:%s" % (os.getpid(), socket.gethostname()))
    d.sock.settimeout(90)
    before = sorted(os.listdir(os.path.join(md, "cur")))
    r = d.cmd("STORE 1:* +FLAGS (\\Seen)")
    t.is_(len(r), 1, "nothing but the tagged line")
    t.ok(r[-1].startswith(b"t%d NO [INUSE]" % d.n), "NO [INUSE]: %r" % r)
    t.is_(sorted(os.listdir(os.path.join(md, "cur"))), before,
          "no file renamed")
    os.unlink(LOCK)
d.cmd("LOGOUT")
d.close()
t.done()
