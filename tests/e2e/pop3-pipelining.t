#!/usr/bin/env python3
"""pop3d: PIPELINING (RFC 2449 6.6) - many commands in one packet are
answered in order; the handoff (fd 5 bytes first, then fd 0; one byte on
fd 4); bytes split anywhere; malformed input; POP3_TIMEOUT."""
import os
import socket
import sys
import time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
from pop3test import Direct, put_msg, wire
from tap import TAP

t = TAP()
md = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3pipe"), "Maildir"))
msgs = [b"Subject: %d\n\n%s\n" % (i, b"line\n" * i) for i in range(1, 41)]
for m in msgs:
    put_msg(md, m)


def read_all(sock, until, timeout=20):
    sock.settimeout(timeout)
    buf = b""
    while not buf.endswith(until):
        chunk = sock.recv(1 << 16)
        if not chunk:
            break
        buf += chunk
    return buf


# 40 RETRs, a LIST and a UIDL in one write; answers complete and in order.
d = Direct(md)
t.is_(d.line(), b"+OK Logged in.\r\n", "greeting")
batch = b"".join(b"RETR %d\r\n" % i for i in range(1, 41))
batch += b"LIST\r\nUIDL\r\nNOOP\r\nQUIT\r\n"
d.send(batch)
t0 = time.time()
expect = b""
for i, m in enumerate(msgs, 1):
    expect += b"+OK %d octets\r\n" % len(wire(m)) + wire(m) + b".\r\n"
data = d.f.read()  # until EOF after QUIT
t.ok(data.startswith(expect), "40 pipelined RETRs answered in order")
rest = data[len(expect):].split(b"\r\n")
t.ok(rest[0].startswith(b"+OK 40 messages"), "then LIST")
t.ok(b"+OK Unique-ID listing follows" in data, "then UIDL")
t.ok(data.endswith(b"+OK\r\n+OK Logging out\r\n"), "then NOOP and QUIT")
t.is_(d.close(quit=False), 0, "exit 0")

# The same batch through strace-free write counting: the server's output
# must come in few large writes, not one per line.
d = Direct(md)
d.line()
d.send(b"".join(b"LIST %d\r\n" % i for i in range(1, 41)) + b"QUIT\r\n")
reads = 0
buf = b""
d.sock.settimeout(20)
while not buf.endswith(b"Logging out\r\n"):
    chunk = d.sock.recv(1 << 20)
    if not chunk:
        break
    reads += 1
    buf += chunk
    time.sleep(0.05)
t.is_(buf.count(b"\r\n"), 41, "41 answers")
t.ok(reads <= 3, f"answers flushed together ({reads} reads)")
d.close(quit=False)

# Handoff: bytes the login already read (fd 5) come first, in order.
d = Direct(md, pending=b"STAT\r\nLIST 1\r\nNO")
t.is_(d.started, b"1", "fd 4: one byte")
t.is_(d.line(), b"+OK Logged in.\r\n", "+OK for the login first")
t.like(d.line().decode(), r"^\+OK 40 \d+", "pending STAT answered")
t.like(d.line().decode(), r"^\+OK 1 \d+", "pending LIST 1 answered")
d.send(b"OP\r\n")
t.is_(d.line(), b"+OK\r\n", "a command split between fd 5 and fd 0")
d.close()

# Without fds 4 and 5 (started by other means): still works.
d = Direct(md, started_fd=False)
t.is_(d.started, b"", "no fd 4: nothing written, no failure")
t.is_(d.line(), b"+OK Logged in.\r\n", "greeting without handoff fds")
t.is_(d.cmd(b"NOOP"), b"+OK\r\n", "works")
d.close()

# Bytes one at a time.
d = Direct(md)
d.line()
for b in b"UIDL 2\r\n":
    d.send(bytes([b]))
    time.sleep(0.002)
t.like(d.line().decode(), r"^\+OK 2 [0-9a-f]{16}\r\n$", "byte-at-a-time")
# Bare LF line ends and extra blanks are accepted.
d.send(b"LIST 2\n")
t.like(d.line().decode(), r"^\+OK 2 \d+", "bare LF command")
d.send(b"  RETR   2  \r\n")
t.like(d.line().decode(), r"^\+OK \d+ octets", "extra blanks")
d.multi()
# Garbage and a huge line in a pipeline: each gets its -ERR, in order.
d.send(b"\xff\xfe\r\nRETR\r\n" + b"X" * 20000 + b"\r\nNOOP\r\n")
t.is_(d.line(), b"-ERR Unknown command\r\n", "8-bit garbage")
t.is_(d.line(), b"-ERR Missing message number\r\n", "RETR without number")
t.is_(d.line(), b"-ERR Line too long\r\n", "20000-byte line")
t.is_(d.line(), b"+OK\r\n", "the pipeline goes on")
d.close()

# The client vanishes in the middle of a big pipelined answer.
before = mailtest.maildir_files(md)
d = Direct(md)
d.line()
d.send(b"".join(b"RETR %d\r\n" % i for i in range(1, 41)) * 20)
d.sock.shutdown(socket.SHUT_RDWR)
d.sock.close()
d.f.close()
t.is_(d.wait(), 0, "client gone mid-pipeline: clean exit")
t.like(d.log(), r"session-end reason=(disconnected|write-error)",
       "logged")
t.is_(mailtest.maildir_files(md), before, "nothing changed on disk")

# POP3_TIMEOUT: an idle client is told and dropped.
d = Direct(md, env={"POP3_TIMEOUT": "1"})
d.line()
t0 = time.time()
t.is_(d.line(), b"-ERR Disconnected for inactivity\r\n", "timeout message")
t.ok(0.8 < time.time() - t0 < 5, "after about POP3_TIMEOUT seconds")
t.is_(d.close(quit=False), 0, "exit 0")
t.like(d.log(), "session-end reason=timeout", "logged as timeout")

# A client that pipelines and never reads: the blocked write times out.
d = Direct(md, env={"POP3_TIMEOUT": "1"})
d.line()
d.send(b"".join(b"RETR %d\r\n" % (i % 40 + 1) for i in range(5000)))
t0 = time.time()
try:
    d.proc.wait(20)
except Exception:
    pass
t.ok(d.proc.poll() is not None and time.time() - t0 < 15,
     "client not reading: session ends after the write timeout")
d.close(quit=False)
t.like(d.log(), "session-end reason=write-error", "logged as write-error")
t.done()
