#!/usr/bin/env python3
"""lmtpd on a UNIX socket (fds 0/1, as unixserver or systemd Accept=yes
run it): a 50 MB message with flat memory (lmtpd's peak RSS), byte-exact;
a client gone mid-DATA and lmtpd killed mid-DATA leave nothing."""
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402
from lmtptest import Users, Raw, message_files  # noqa: E402

t = TAP()
u = Users()
u.add("alice@x.org")
table = u.build()
spool = mailtest.tmpdir("spool")
os.chmod(spool, 0o700)


class Conn(Raw):
    """lmtpd started on one end of a socketpair."""

    def __init__(self):
        a, b = socket.socketpair()
        env = dict(os.environ, LMTP_HOSTNAME="mx.test", LMTP_SPOOL=spool)
        self.proc = subprocess.Popen([mailtest.prog("lmtpd/lmtpd"), table],
                                     stdin=b, stdout=b, env=env,
                                     stderr=subprocess.PIPE)
        b.close()
        a.settimeout(60)
        self.s = a
        self.buf = b""

    def hwm_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return -1


def begin(c):
    c.reply()
    c.send("LHLO c\r\n")
    c.reply()
    c.cmd("MAIL FROM:<s@y.org>")
    c.cmd("RCPT TO:<alice@x.org>")
    return c.cmd("DATA")


LINE = b"0123456789abcdefghijklmnopqrstuvwxyz" * 2 + b"\r\n"   # 74 bytes
CHUNK = LINE * 14000                                          # ~1 MB

c = Conn()
begin(c)
c.send(b"Subject: small\r\n\r\nx\r\n.\r\n")
t.like(c.reply()[0], r"^250 2\.0\.0 ", "small message over a UNIX socket")
base = c.hwm_kb()
c.cmd("MAIL FROM:<s@y.org> SIZE=52000000")
c.cmd("RCPT TO:<alice@x.org>")
c.cmd("DATA")
h = hashlib.sha256()
head = b"Subject: big\r\n\r\n"
c.send(head)
h.update(head.replace(b"\r\n", b"\n"))
t0 = time.time()
for _ in range(50):
    c.send(CHUNK)
    h.update(CHUNK.replace(b"\r\n", b"\n"))
c.send(b".\r\n")
r = c.reply()[0]
secs = time.time() - t0
t.like(r, r"^250 2\.0\.0 <alice@x\.org> ", "50 MB message saved")
peak = c.hwm_kb()
t.diag(f"lmtpd peak RSS: {base} kB after a small message, {peak} kB after "
       f"50 MB ({secs:.1f} s)")
t.ok(peak - base < 4096, "memory flat: peak RSS grew by less than 4 MB")
c.cmd("QUIT")
c.proc.wait(10)
log = c.proc.stderr.read().decode()
big = [d for d in message_files(u.maildir("alice@x.org")).values()
       if b"Subject: big" in d]
t.is_(len(big), 1, "one big file")
body = big[0][big[0].index(b"Subject: big"):] if big else b""
t.is_(hashlib.sha256(body).hexdigest(), h.hexdigest(),
      "50 MB file byte-exact after the trace headers")
t.ok(big and big[0].startswith(b"Return-Path: <s@y.org>\nDelivered-To: "
                               b"alice@x.org\nReceived: from c\n\tby "),
     "no IP literal on a UNIX socket")
t.like(log, r"info: deliver rcpt=alice@x\.org user=alice@x\.org id=\S+ "
       r"size=5\d{7} ", "log line with the size")

n_before = len(message_files(u.maildir("alice@x.org")))


def nothing_left(name):
    md = u.maildir("alice@x.org")
    t.is_(len(message_files(md)), n_before, f"{name}: nothing visible")
    t.is_(os.listdir(os.path.join(md, "tmp")), [], f"{name}: tmp/ empty")
    t.is_(os.listdir(spool), [], f"{name}: spool empty")


# The client goes away in the middle of the data.
c = Conn()
begin(c)
c.send(b"Subject: cut\r\n\r\n" + CHUNK * 3)
c.s.close()
c.proc.wait(10)
log = c.proc.stderr.read().decode()
t.like(log, r"info: data-lost id=\S+ spooled=\d+", "lost connection logged")
nothing_left("client gone mid-DATA")

# lmtpd killed in the middle of the data.
c = Conn()
begin(c)
c.send(b"Subject: kill\r\n\r\n" + CHUNK * 3)
time.sleep(0.2)
c.proc.send_signal(signal.SIGKILL)
c.proc.wait(10)
c.s.close()
nothing_left("lmtpd killed mid-DATA")
t.done()
