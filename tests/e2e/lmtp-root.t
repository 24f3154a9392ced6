#!/usr/bin/env python3
"""lmtpd as root writes each recipient's copy with that user's uid and
gid (never as root); as a single mail uid (virtual users) it writes as
itself."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402
from lmtptest import Users, lmtpd, Raw, message_files  # noqa: E402

t = TAP()
if not mailtest.IS_ROOT:
    t.skip_all("needs root to switch uids (CI runs as root)")

u = Users()
for login, uid in (("ann@x.org", 5101), ("ben@x.org", 5102)):
    md = u.add(login, uid=uid, extra="quota=1M")
    os.chmod(md, 0o700)
u.add("root@x.org", uid=0)
table = u.build()


def send(port, rcpts):
    c = Raw(port)
    c.reply()
    c.send("LHLO c\r\n")
    c.reply()
    got = [c.cmd("MAIL FROM:<s@y.org>")]
    got += [c.cmd(f"RCPT TO:<{r}>") for r in rcpts]
    n = sum(1 for g in got[1:] if g.startswith("250"))
    c.cmd("DATA")
    c.send(b"Subject: uid\r\n\r\nhello\r\n.\r\n")
    got += c.replies(n)
    c.close()
    return got


def owners(login):
    md = u.maildir(login)
    out = set()
    for root, dirs, files in os.walk(md):
        for f in files:
            st = os.stat(os.path.join(root, f))
            out.add((st.st_uid, st.st_gid))
    return out


with lmtpd(table) as srv:
    got = send(srv.port, ["ann@x.org", "root@x.org", "ben@x.org"])
    t.is_(got[2], "451 4.3.0 <root@x.org> Refusing to deliver as root",
          "a uid 0 user is refused")
    t.ok(got[-2].startswith("250 2.0.0 <ann@x.org>") and
         got[-1].startswith("250 2.0.0 <ben@x.org>"), "both saved")
    t.is_(len(message_files(u.maildir("ann@x.org"))), 1, "ann has it")
    t.is_(len(message_files(u.maildir("ben@x.org"))), 1, "ben has it")
    t.is_(owners("ann@x.org"), {(5101, 5101)},
          "ann's files (message, maildirsize) are ann's")
    t.is_(owners("ben@x.org"), {(5102, 5102)}, "ben's files are ben's")
    t.like(srv.log(), r"rcpt-root rcpt=root@x\.org", "refusal logged")

# Virtual users: lmtpd runs as the mail uid 5300 (tcpserver -u -g).
v = Users("lmtpv")
for login in ("vx@x.org", "vy@x.org"):
    v.add(login, uid=5300)
vtable = v.build()
os.chown(vtable, -1, 5300)	# the table is read by the mail uid
with mailtest.Server([mailtest.prog("lmtpd/lmtpd"), vtable],
                     env={"LMTP_HOSTNAME": "mx.test"},
                     tcpserver_opts=("-HRl0", "-u", "5300", "-g", "5300")) \
        as srv:
    got = send(srv.port, ["vx@x.org", "vy@x.org"])
    t.ok(all(g.startswith("250 2.0.0") for g in got[-2:]),
         "virtual users delivered by the mail uid")
    for login in ("vx@x.org", "vy@x.org"):
        md = v.maildir(login)
        t.is_({(os.stat(os.path.join(md, f)).st_uid) for f in
               mailtest.maildir_files(md)}, {5300}, f"{login}: mail uid")
t.done()
