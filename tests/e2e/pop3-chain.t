#!/usr/bin/env python3
"""pop3d through the real chain: tcpserver + pop3-login +
checkpassword-cdb + pop3d, with poplib (USER/PASS with TRUSTED=1 on
loopback, AUTH PLAIN) and commands pipelined after PASS."""
import os
import poplib
import pwd
import socket
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
import logintest as lt
from pop3test import put_msg, wire
from tap import TAP

t = TAP()
need = ["login/pop3-login", "login/checkpassword-cdb", "login/mkusers"]
missing = [p for p in need
           if not os.access(os.path.join(mailtest.BUILD, p), os.X_OK)]
if missing:
    t.skip_all("not built yet: " + " ".join(missing))

top = mailtest.tmpdir("pop3chain")
os.chmod(top, 0o755)
home = os.path.join(top, "alice")
md = mailtest.make_maildir(os.path.join(home, "Maildir"))
msgs = [b"From: x@example.org\nSubject: %d\n\n.line %d\n" % (i, i)
        for i in range(1, 4)]
for m in msgs:
    put_msg(md, m)
if mailtest.IS_ROOT:
    uid = gid = 5093
    for dp, dn, fn in os.walk(home):
        for n in [dp] + [os.path.join(dp, f) for f in fn]:
            os.chown(n, uid, gid)
else:
    uid, gid = os.getuid(), os.getgid()
src = os.path.join(top, "users")
with open(src, "w") as f:
    f.write(f"alice@example.org:{{PLAIN}}secret:{uid}:{gid}::{home}::\n")
cdb = os.path.join(top, "users.cdb")
subprocess.run([mailtest.prog("login/mkusers"), src, cdb], check=True)
os.chmod(cdb, 0o644)

srv = lt.server("pop3", tls=False, env={"TRUSTED": "1"},
                argv=[mailtest.prog("login/checkpassword-cdb"), cdb,
                      mailtest.prog("pop3d/pop3d")])
try:
    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    p.user("alice@example.org")
    t.like(p.pass_("secret").decode(), r"^\+OK Logged in",
           "USER/PASS: pop3d answers PASS")
    t.is_(p.stat(), (3, sum(len(wire(m)) for m in msgs)), "STAT")
    resp, lines, _ = p.retr(2)
    t.is_(b"\r\n".join(lines) + b"\r\n", wire(msgs[1]), "RETR, dot line")
    resp, lines, _ = p.uidl()
    t.ok(all(len(x.split()[1]) == 16 for x in lines), "UIDL")
    p.dele(1)
    t.like(p.quit().decode(), r"^\+OK Logging out", "QUIT")
    t.is_(len(mailtest.maildir_files(md)), 2, "DELE + QUIT removed one")
    names = os.listdir(os.path.join(md, "cur"))
    t.is_(len(names), 1, "RETR'd message moved to cur/")
    if mailtest.IS_ROOT:
        t.is_(os.stat(os.path.join(md, "cur", names[0])).st_uid, uid,
              "pop3d ran as the user")
    else:
        t.skip("not root: no uid switch")

    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    p.user("alice@example.org")
    try:
        p.pass_("wrong")
        t.ok(False, "wrong password refused")
    except poplib.error_proto as e:
        t.like(str(e), r"\[AUTH\]", "wrong password refused with [AUTH]")
    p.close()

    # Commands pipelined right after PASS reach pop3d in order (fd 5).
    s = socket.create_connection(("127.0.0.1", srv.port), 20)
    f = s.makefile("rb")
    f.readline()
    s.sendall(b"USER alice@example.org\r\n")
    f.readline()
    s.sendall(b"PASS secret\r\nSTAT\r\nLIST 1\r\nUIDL 2\r\nQUIT\r\n")
    lines = [f.readline() for _ in range(5)]
    t.like(lines[0].decode(), r"^\+OK Logged in", "pipelined: PASS")
    t.like(lines[1].decode(), r"^\+OK 2 \d+", "pipelined: STAT")
    t.like(lines[2].decode(), r"^\+OK 1 \d+", "pipelined: LIST 1")
    t.like(lines[3].decode(), r"^\+OK 2 [0-9a-f]{16}", "pipelined: UIDL 2")
    t.like(lines[4].decode(), r"^\+OK Logging out", "pipelined: QUIT")
    s.close()

    # AUTH PLAIN.
    import base64
    s = socket.create_connection(("127.0.0.1", srv.port), 20)
    f = s.makefile("rb")
    f.readline()
    s.sendall(b"AUTH PLAIN " + base64.b64encode(
        b"\0alice@example.org\0secret") + b"\r\nNOOP\r\nQUIT\r\n")
    t.like(f.readline().decode(), r"^\+OK Logged in", "AUTH PLAIN")
    t.is_(f.readline(), b"+OK\r\n", "NOOP after AUTH")
    s.close()
    mailtest_log = srv.log()
    t.like(mailtest_log, r"pop3d\[\d+\]: info: session-end reason=logout "
           r".*user=alice@example.org", "pop3d logs the session end")
finally:
    srv.stop()
t.done()
