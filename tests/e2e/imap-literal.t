#!/usr/bin/env python3
"""imapd literals, RFC 7888: by default LITERAL+ (as Dovecot with
imap_literal_minus = no); with IMAP_LITERAL=minus it advertises LITERAL-
instead (never both, RFC 7888 5) and refuses a non-synchronizing literal
over 4096 bytes: read and dropped with a tagged BAD [TOOBIG] up to 256 KiB,
beyond that "* BYE [TOOBIG]" and the connection ends (RFC 7888 4).
Synchronizing literals of any allowed size still work in both modes."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir, prog  # noqa: E402
from imaptest import Imapd, imapd_env  # noqa: E402

t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-literal"), "Maildir"))
MSG = b"Subject: big\r\n\r\n" + b"y" * 5000 + b"\r\n"


def caps(d):
    r = d.cmd("CAPABILITY")
    return r[0].split()


def count():
    return len(os.listdir(os.path.join(md, "new"))) + \
        len(os.listdir(os.path.join(md, "cur")))


# default: LITERAL+
d = Imapd(md)
c = caps(d)
t.ok(b"LITERAL+" in c and b"LITERAL-" not in c, "default: LITERAL+ only")
t.ok(b"LITERAL+" in d.greeting and b"LITERAL-" not in d.greeting,
     "greeting capability agrees")
d.n += 1
d.send(b"t%d APPEND INBOX {%d+}\r\n" % (d.n, len(MSG)) + MSG + b"\r\n")
r = d.read_until(b"t%d" % d.n)
t.like(r[-1], rb"^t\d+ OK \[APPENDUID \d+ 1\]", "5000-byte {n+} accepted")
d.cmd("LOGOUT")
d.close()

# IMAP_LITERAL=plus is the default spelled out
d = Imapd(md, env={"IMAP_LITERAL": "plus"})
t.ok(b"LITERAL+" in caps(d), "IMAP_LITERAL=plus: LITERAL+")
d.close()

# LITERAL-
d = Imapd(md, env={"IMAP_LITERAL": "minus"})
c = caps(d)
t.ok(b"LITERAL-" in c and b"LITERAL+" not in c, "minus: LITERAL- only")
t.ok(b"LITERAL-" in d.greeting and b"LITERAL+" not in d.greeting,
     "greeting capability agrees")
small = b"Subject: s\r\n\r\n" + b"z" * (4096 - 16) + b"\r\n"
t.is_(len(small), 4096, "a literal of exactly 4096 bytes")
d.n += 1
d.send(b"t%d APPEND INBOX {4096+}\r\n" % d.n + small + b"\r\n")
r = d.read_until(b"t%d" % d.n)
t.like(r[-1], rb"^t\d+ OK \[APPENDUID \d+ 2\]", "{4096+} is accepted")
before = count()
d.n += 1
d.send(b"t%d APPEND INBOX {%d+}\r\n" % (d.n, len(MSG)) + MSG + b"\r\n")
r = d.read_until(b"t%d" % d.n)
t.like(r[-1], rb"^t\d+ BAD \[TOOBIG\] ", "{4097+ .. } APPEND: BAD [TOOBIG]")
t.is_(count(), before, "nothing stored")
t.like(d.cmd("NOOP")[-1], rb"^t\d+ OK ", "the session goes on")
d.n += 1
d.send(b"t%d SELECT {5000+}\r\n" % d.n + b"x" * 5000 + b"\r\n")
r = d.read_until(b"t%d" % d.n)
t.like(r[-1], rb"^t\d+ BAD \[TOOBIG\] ", "any command: BAD [TOOBIG]")
# the synchronizing form of the same literal works
d.n += 1
d.send(b"t%d APPEND INBOX {%d}\r\n" % (d.n, len(MSG)))
r = d.read_until(b"t%d" % d.n)
t.like(r[-1], rb"^\+ ", "synchronizing literal: continuation")
d.send(MSG + b"\r\n")
r = d.read_until(b"t%d" % d.n)
t.like(r[-1], rb"^t\d+ OK \[APPENDUID \d+ 3\]", "and stored")
# a huge non-synchronizing literal: BYE [TOOBIG], connection closed
d.n += 1
d.send(b"t%d APPEND INBOX {10000000+}\r\n" % d.n + b"x" * 65536)
r = d.line()
t.like(r, rb"^\* BYE \[TOOBIG\] ", "huge {n+}: BYE [TOOBIG]")
try:
    d.sock.settimeout(5)
    while True:
        more = d.sock.recv(65536)
        if not more:
            break
    closed = True
except (ConnectionResetError, OSError):
    closed = True
t.ok(closed, "and the connection is closed")
t.is_(d.close(), 0, "imapd exits cleanly")
t.like(d.stderr, r"literal-minus size=10000000 action=bye",
       "logged")

# a bad setting is a configuration error, not a silent default
r = subprocess.run([prog("imapd/imapd")], input=b"", capture_output=True,
                   env=imapd_env(md, {"IMAP_LITERAL": "bogus"}))
t.is_(r.returncode, 111, "IMAP_LITERAL=bogus: exit 111")
t.like(r.stderr.decode(), r"bad IMAP_LITERAL", "with the reason")
t.done()
