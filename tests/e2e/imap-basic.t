#!/usr/bin/env python3
"""imapd: greeting, CAPABILITY, NOOP, LOGOUT, ID, ENABLE, NAMESPACE, bad
commands and state checks, literal bounds (RFC 3501, 2971, 5161, 2342,
7888), and the session-end log line."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, imaplib_client  # noqa: E402

CAPS = (b"IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS "
        b"UNSELECT MOVE CHILDREN SPECIAL-USE QUOTA")

t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-basic"), "Maildir"))

d = Imapd(md)
t.is_(d.greeting, b"* PREAUTH [CAPABILITY " + CAPS + b"] Logged in as tester",
      "PREAUTH greeting with capabilities")
t.is_(d.cmd("CAPABILITY"), [b"* CAPABILITY " + CAPS,
                            b"t1 OK Capability completed."], "CAPABILITY")
t.is_(d.cmd("noop"), [b"t2 OK NOOP completed."], "NOOP, any case")
t.is_(d.cmd("NOOP x"), [b"t3 BAD NOOP takes no arguments"], "NOOP with arg")
t.is_(d.cmd('ID ("name" "test" "version" "1")'),
      [b'* ID ("name" "imapd" "vendor" "maildir-suite")',
       b"t4 OK ID completed."], "ID with a list")
t.is_(d.cmd("ID NIL")[-1], b"t5 OK ID completed.", "ID NIL")
t.is_(d.cmd('ID ("odd")')[-1], b"t6 BAD Invalid ID list", "ID odd list")
t.is_(d.cmd("ENABLE CONDSTORE"), [b"* ENABLED", b"t7 OK Enabled."],
      "ENABLE of something unsupported enables nothing")
t.is_(d.cmd("NAMESPACE"), [b'* NAMESPACE (("" ".")) NIL NIL',
                           b"t8 OK Namespace completed."], "NAMESPACE")
t.is_(d.cmd("FROBNICATE"), [b"t9 BAD Unknown command FROBNICATE"],
      "unknown command")
t.is_(d.cmd("FETCH 1 FLAGS"), [b"t10 BAD No mailbox selected"],
      "FETCH in authenticated state")
t.is_(d.cmd("LOGIN a b"), [b"t11 BAD Already logged in."], "LOGIN again")
t.is_(d.cmd("UID NOOP"), [b"t12 BAD Unknown command NOOP"], "UID NOOP")
t.is_(d.cmd('SELECT "unterminated'),
      [b"t13 BAD Unterminated quoted string"], "bad quoting")
d.send(b"\r\n")
t.is_(d.line(), b"* BAD Missing tag", "empty line")
d.send(b"a+ NOOP\r\n")
t.is_(d.line(), b"* BAD Invalid tag", "+ in tag")
d.send(b"x" * 9000 + b"\r\n")
t.is_(d.line(), b"* BAD Command line too long", "line over LIM_LINE")
# synchronising literal: "+" then the data
d.send(b"l1 ID ({4}\r\n")
t.is_(d.line(), b"+ OK", "continuation for a synchronising literal")
d.send(b'name "x")\r\n')
t.is_(d.read_until(b"l1")[-1], b"l1 OK ID completed.", "literal completed")
# LITERAL+: no continuation
d.send(b'l2 ID ({4+}\r\nname "x")\r\n')
t.is_(d.read_until(b"l2")[-1], b"l2 OK ID completed.", "LITERAL+")
# a literal too large for a command that is not APPEND
d.send(b"l3 ID ({999999}\r\n")
t.is_(d.line(), b"l3 BAD Command too long",
      "oversized synchronising literal refused before it is sent")
d.send(b"l4 ID ({300000+}\r\n" + b"x" * 300000 + b" \"y\")\r\n")
t.is_(d.line(), b"l4 BAD Command too long",
      "oversized LITERAL+ read, discarded, refused")
t.is_(d.cmd("NOOP")[-1], b"t14 OK NOOP completed.", "session still in sync")
# bounds a client cannot push past (shared/limits.h)
d.cmd("APPEND INBOX {1+}\r\nx")
d.cmd("SELECT INBOX")
big = ",".join(["1"] * 4097)    # LIM_SEQSET_RANGES + 1 needs > LIM_LINE
d.send(b"s1 FETCH " + big.encode() + b" FLAGS\r\n")
t.is_(d.line(), b"* BAD Command line too long", "4097 ranges cannot be sent")
t.is_(d.cmd("FETCH " + ",".join(["1"] * 4000) + " FLAGS")[-1],
      b"t%d OK Fetch completed." % d.n, "4000 ranges are fine")
t.is_(d.cmd("FETCH 1 " + "(" * 17 + "FLAGS" + ")" * 17)[-1],
      b"t%d BAD Lists nested too deeply" % d.n, "lists nested 17 deep")
kws = " ".join("kw%d" % i for i in range(27))
t.is_(d.cmd("STORE 1 +FLAGS (%s)" % kws)[-1],
      b"t%d NO [LIMIT] Too many keywords" % d.n, "27 keywords: NO [LIMIT]")
t.is_(d.cmd("SEARCH " + "OR ALL " * 40 + "ALL")[-1],
      b"t%d BAD Search keys nested too deeply" % d.n, "deep OR refused")
t.is_(d.cmd("SEARCH " + " ".join(["ALL"] * 1100))[-1],
      b"t%d BAD Too many search keys" % d.n, "1100 search keys refused")
d.cmd("CLOSE")
t.is_(d.cmd("LOGOUT"), [b"* BYE Logging out",
                       b"t%d OK Logout completed." % (d.n)], "LOGOUT")
t.is_(d.close(), 0, "exit 0 after LOGOUT")
t.like(d.stderr, r"imapd\[\d+\]: info: session-end in=\d+ out=\d+ selects=1 .*"
       r"user=tester", "session-end log line")

# fd 5 bytes come first; IMAPLOGINTAG answers the login
r5, w5 = os.pipe()
os.write(w5, b"p1 NOOP\r\n")
os.close(w5)
import socket, subprocess  # noqa: E401,E402
from mailtest import prog  # noqa: E402
a, b = socket.socketpair()
env = dict(os.environ, MAILDIR=md, USER="u", IMAPLOGINTAG="L7")
r4, w4 = os.pipe()


def fds45():
    import fcntl
    hi4 = fcntl.fcntl(w4, fcntl.F_DUPFD, 20)
    hi5 = fcntl.fcntl(r5, fcntl.F_DUPFD, 20)
    os.dup2(hi4, 4)
    os.dup2(hi5, 5)


p = subprocess.Popen([prog("imapd/imapd")], stdin=b, stdout=b, env=env,
                     stderr=subprocess.DEVNULL,
                     preexec_fn=fds45, close_fds=False)
b.close()
os.close(r5)
os.close(w4)
a.sendall(b"p2 LOGOUT\r\n")
a.settimeout(10)
got = b""
while b"p2 OK" not in got:
    chunk = a.recv(4096)
    if not chunk:
        break
    got += chunk
t.is_(os.read(r4, 10), b"1", "one byte on fd 4")
t.is_(got.split(b"\r\n")[:4],
      [b"L7 OK [CAPABILITY " + CAPS + b"] Logged in",
       b"p1 OK NOOP completed.", b"* BYE Logging out",
       b"p2 OK Logout completed."],
      "tagged login OK, then fd 5 bytes, then fd 0")
p.wait(5)
a.close()

M = imaplib_client(md)
t.is_(M.state, "AUTH", "imaplib sees PREAUTH")
typ, data = M.capability()
t.is_(typ, "OK", "imaplib CAPABILITY")
t.is_(M.logout()[0], "BYE", "imaplib LOGOUT")
t.done()
