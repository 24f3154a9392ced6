#!/usr/bin/env python3
"""pop3d: every command through poplib and raw lines; -ERR for every bad
command or argument; USER/PASS after login; the logout log line."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
from pop3test import Direct, poplib_direct, put_msg, wire
from tap import TAP

t = TAP()
md = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3cmd"), "Maildir"))
m1 = b"From: a@example.org\nSubject: one\n\nbody one\n"
m2 = b"From: b@example.org\nSubject: two\n\nline1\nline2\nline3\n"
m3 = b"Subject: three\n\n.\n"
for m in (m1, m2, m3):
    put_msg(md, m)
    ts = os.stat(md).st_mtime  # keep delivery order = UID order

# poplib
p, d = poplib_direct(md)
t.is_(p.getwelcome(), b"+OK Logged in.", "first line answers the login")
t.is_(p.stat(), (3, sum(len(wire(m)) for m in (m1, m2, m3))), "STAT")
resp, lines, _ = p.list()
t.is_(lines, [f"{i + 1} {len(wire(m))}".encode()
              for i, m in enumerate((m1, m2, m3))], "LIST")
t.is_(p.list(2), f"+OK 2 {len(wire(m2))}".encode(), "LIST 2")
resp, lines, octets = p.retr(1)
t.is_(b"\r\n".join(lines) + b"\r\n", wire(m1), "RETR 1 content")
t.like(resp.decode(), rf"^\+OK {len(wire(m1))} octets$", "RETR status")
resp, lines, _ = p.top(2, 1)
t.is_(lines, [b"From: b@example.org", b"Subject: two", b"", b"line1"],
      "TOP 2 1")
resp, lines, _ = p.top(2, 0)
t.is_(lines, [b"From: b@example.org", b"Subject: two", b""], "TOP 2 0")
resp, lines, _ = p.uidl()
t.is_(len(lines), 3, "UIDL lists 3")
uidls = [ln.split()[1] for ln in lines]
t.ok(all(len(u) == 16 for u in uidls), "UIDL default is %08Xu%08Xv")
t.is_(p.uidl(3), b"+OK 3 " + uidls[2], "UIDL 3")
t.is_(p.noop(), b"+OK", "NOOP")
caps = p.capa()
t.ok(all(c in caps for c in ("TOP", "UIDL", "RESP-CODES", "PIPELINING",
                            "IMPLEMENTATION")), "CAPA")
t.ok("EXPIRE" not in caps and "LOGIN-DELAY" not in caps,
     "EXPIRE/LOGIN-DELAY not advertised unless set")
t.like(p.dele(1).decode(), r"^\+OK", "DELE 1")
t.is_(p.stat()[0], 2, "STAT after DELE")
resp, lines, _ = p.list()
t.is_([ln.split()[0] for ln in lines], [b"2", b"3"],
      "LIST skips deleted, keeps numbers")
try:
    p.retr(1)
    t.ok(False, "RETR of deleted refused")
except Exception as e:
    t.like(str(e), "already deleted", "RETR of deleted refused")
t.like(p.rset().decode(), r"^\+OK Maildrop has 3 messages", "RSET")
t.is_(p.stat()[0], 3, "RSET undeletes")
t.like(p.quit().decode(), r"^\+OK", "QUIT")
t.is_(d.wait(), 0, "exit 0 after QUIT")
t.like(d.log(), r"session-end reason=logout top=2/\d+ retr=1/\d+ del=0/3 "
       r"size=\d+", "one log line at logout with counts")
t.like(d.log(), r"user=tester ip=127.0.0.1", "log carries user and ip")

# Raw lines: every bad command or argument gets a clear -ERR.
d = Direct(md)
t.is_(d.started, b"1", "one byte written to fd 4 at start")
t.is_(d.line(), b"+OK Logged in.\r\n", "greeting line")
bad = [
    (b"XYZZY", b"-ERR Unknown command"),
    (b"FOO", b"-ERR Unknown command"),
    (b"", b"-ERR Empty command"),
    (b"STAT 1", b"-ERR Too many arguments"),
    (b"LIST 0", b"-ERR Invalid message number"),
    (b"LIST x", b"-ERR Invalid message number"),
    (b"LIST 4", b"-ERR No such message"),
    (b"LIST 1 2", b"-ERR Too many arguments"),
    (b"RETR", b"-ERR Missing message number"),
    (b"RETR 99999999999999", b"-ERR No such message"),
    (b"DELE -1", b"-ERR Invalid message number"),
    (b"TOP 1", b"-ERR Usage: TOP message-number lines"),
    (b"TOP 1 -1", b"-ERR Invalid number of lines"),
    (b"UIDL 9", b"-ERR No such message"),
    (b"NOOP x", b"-ERR Too many arguments"),
    (b"USER bob", b"-ERR USER is not valid after login"),
    (b"PASS secret", b"-ERR PASS is not valid after login"),
    (b"AUTH PLAIN", b"-ERR AUTH is not valid after login"),
    (b"STLS", b"-ERR STLS is not valid after login"),
    (b"APOP a b", b"-ERR APOP is not valid after login"),
    (b"LAST", b"-ERR Unknown command"),
    (b"ST\x00T", b"-ERR Invalid characters in command"),
    (b"A" * 9000, b"-ERR Line too long"),
]
for c, want in bad:
    t.is_(d.cmd(c), want + b"\r\n", f"-ERR for {c[:20]!r}")
t.is_(d.cmd(b"DELE 2"), b"+OK Message 2 deleted\r\n", "DELE 2")
t.is_(d.cmd(b"DELE 2"), b"-ERR Message 2 already deleted\r\n", "DELE twice")
t.is_(d.cmd(b"list 2"), b"-ERR Message 2 already deleted\r\n",
      "LIST of deleted, lowercase command")
t.is_(d.cmd(b"noop"), b"+OK\r\n", "lowercase noop")
t.is_(d.cmd(b"RSET"), b"+OK Maildrop has 3 messages (%d octets)\r\n" %
      sum(len(wire(m)) for m in (m1, m2, m3)), "RSET golden")
t.is_(d.cmd(b"QUIT"), b"+OK Logging out\r\n", "QUIT golden")
t.is_(d.close(quit=False), 0, "exit 0")
t.is_(len(mailtest.maildir_files(md)), 3, "RSET then QUIT deletes nothing")

# Too many bad commands end the session.
d = Direct(md)
d.line()
for i in range(19):
    d.cmd(b"BOGUS")
t.is_(d.cmd(b"BOGUS"),
      b"-ERR Too many bad commands, closing connection\r\n",
      "20 bad commands in a row: goodbye")
t.is_(d.line(), b"", "connection closed")
d.close(quit=False)

# EXPIRE / LOGIN-DELAY advertised when set.
d = Direct(md, env={"POP3_EXPIRE": "30", "POP3_LOGIN_DELAY": "0"})
d.line()
d.send(b"CAPA\r\n")
d.line()
caps = d.multi()
t.ok(b"EXPIRE 30\r\n" in caps and b"LOGIN-DELAY 0\r\n" in caps,
     "EXPIRE and LOGIN-DELAY advertised when configured")
d.close()

# LOGIN-DELAY enforced: a second login within the delay is refused.
d = Direct(md, env={"POP3_LOGIN_DELAY": "3600"})
t.like(d.line().decode(), r"^-ERR \[LOGIN-DELAY\]",
       "LOGIN-DELAY: too soon after the previous login")
t.is_(d.close(quit=False), 111, "exit 111")

# Bad configuration and a missing Maildir.
d = Direct(md, env={"POP3_UIDL": "bogus"})
t.is_(d.line(), b"-ERR [SYS/PERM] Server configuration error\r\n",
      "bad POP3_UIDL refused")
t.is_(d.close(quit=False), 100, "exit 100 on bad configuration")
t.like(d.log(), "fatal: POP3_UIDL", "log names the bad setting")
d = Direct(md + "-missing")
t.like(d.line().decode(), r"^-ERR \[SYS/TEMP\]", "missing Maildir: -ERR")
t.is_(d.close(quit=False), 111, "exit 111")

# argv[1] wins over $MAILDIR; ./Maildir/ when neither.
d = Direct("/nonexistent", args=[md])
t.is_(d.line(), b"+OK Logged in.\r\n", "Maildir argument")
t.is_(d.cmd(b"STAT").split()[1], b"3", "argument used")
d.close()
t.done()
