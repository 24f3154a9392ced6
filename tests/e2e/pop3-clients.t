#!/usr/bin/env python3
"""pop3d with real clients: fetchmail and getmail6 download everything,
keep it on the server, and a second run downloads nothing twice; then
new mail only.  Chain: tcpserver + pop3-login (TRUSTED=1 on loopback) +
the test checkpassword program (MAILDIR passed with LOGIN_KEEPENV) +
pop3d; pop3-chain.t covers checkpassword-cdb."""
import os
import shutil
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
import logintest as lt
from pop3test import put_msg
from tap import TAP

t = TAP()
if not os.access(os.path.join(mailtest.BUILD, "login/pop3-login"), os.X_OK):
    t.skip_all("pop3-login not built")
FETCHMAIL, GETMAIL = shutil.which("fetchmail"), shutil.which("getmail")

top = mailtest.tmpdir("pop3cli")
md = mailtest.make_maildir(os.path.join(top, "Maildir"))
corpus = mailtest.corpus_messages(30, seed=5)
corpus.append(b"Subject: nasty\n\n.\n..\nbare\rcr\nno final newline")
for m in corpus:
    put_msg(md, m)
n0 = len(corpus)

srv = lt.server("pop3", tls=False,
                env={"TRUSTED": "1", "MAILDIR": md,
                     "LOGIN_KEEPENV": "MAILDIR"},
                argv=[lt.CHECKPW, mailtest.prog("pop3d/pop3d")])


def count_files(d):
    return sum(len(os.listdir(os.path.join(d, s))) for s in ("new", "cur"))


def fetchmail_run(work, dest):
    rc = os.path.join(work, "fetchmailrc")
    mda = os.path.join(work, "mda.py")
    with open(mda, "w") as f:
        f.write("import os, sys, uuid\n"
                f"open(os.path.join({dest!r}, uuid.uuid4().hex), 'wb')"
                ".write(sys.stdin.buffer.read())\n")
    with open(rc, "w") as f:
        f.write("set no syslog\n"
                f"poll 127.0.0.1 protocol pop3 port {srv.port} uidl\n"
                "  auth password user 'alice@example.org' "
                "password 'secret'\n"
                f"  keep mda '{sys.executable} {mda}' sslproto ''\n")
    os.chmod(rc, 0o600)
    env = dict(os.environ, HOME=work, FETCHMAILHOME=work)
    r = subprocess.run([FETCHMAIL, "-f", rc, "--idfile",
                        os.path.join(work, "ids"), "--pidfile",
                        os.path.join(work, "pid"), "-N"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=60)
    return r.returncode, r.stdout.decode(errors="replace")


def getmail_run(work, dest):
    rc = os.path.join(work, "getmailrc")
    # getmail refuses to deliver as root: deliver as nobody then.
    user = "user = nobody\n" if mailtest.IS_ROOT else ""
    if mailtest.IS_ROOT:
        os.chmod(work, 0o755)
        for dp, dn, fn in os.walk(dest):
            os.chmod(dp, 0o777)
    with open(rc, "w") as f:
        f.write("[retriever]\ntype = SimplePOP3Retriever\n"
                f"server = 127.0.0.1\nport = {srv.port}\n"
                "username = alice@example.org\npassword = secret\n"
                f"[destination]\ntype = Maildir\npath = {dest}/\n{user}"
                "[options]\nread_all = false\ndelete = false\n"
                "verbose = 1\n")
    r = subprocess.run([GETMAIL, "--getmaildir", work, "--rcfile", rc],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=60)
    return r.returncode, r.stdout.decode(errors="replace")


try:
    if FETCHMAIL:
        work = mailtest.tmpdir("fetchmail")
        dest = os.path.join(work, "got")
        os.mkdir(dest)
        rc, out = fetchmail_run(work, dest)
        t.is_(rc, 0, "fetchmail: first run gets mail")
        got = sorted(os.listdir(dest))
        t.is_(len(got), n0, f"fetchmail: all {n0} messages downloaded")
        bodies = [open(os.path.join(dest, g), "rb").read() for g in got]
        t.ok(any(b"\n.\n..\nbare" in b for b in bodies),
             "fetchmail: dot lines arrive unstuffed")
        t.is_(count_files(md), n0, "fetchmail keep: mail stays on server")
        rc, out = fetchmail_run(work, dest)
        t.is_(rc, 1, "fetchmail: second run, no new mail (exit 1)")
        t.is_(len(os.listdir(dest)), n0, "fetchmail: nothing downloaded twice")
        put_msg(md, b"Subject: new one\n\nhello\n")
        rc, out = fetchmail_run(work, dest)
        t.is_((rc, len(os.listdir(dest))), (0, n0 + 1),
              "fetchmail: third run gets only the new message")
        if rc != 0:
            t.diag(out)
    else:
        t.skip("fetchmail not installed", 7)
    if GETMAIL:
        work = mailtest.tmpdir("getmail")
        dest = mailtest.make_maildir(os.path.join(work, "dest"))
        rc, out = getmail_run(work, dest)
        n = count_files(md)
        t.is_(rc, 0, "getmail: first run")
        t.is_(count_files(dest), n, f"getmail: all {n} messages downloaded")
        if count_files(dest) != n:
            t.diag(out)
        t.is_(count_files(md), n, "getmail: mail stays on server")
        rc, out = getmail_run(work, dest)
        t.is_(count_files(dest), n, "getmail: second run downloads nothing")
        put_msg(md, b"Subject: another\n\nhello\n")
        rc, out = getmail_run(work, dest)
        t.is_(count_files(dest), n + 1, "getmail: then only the new one")
    else:
        t.skip("getmail not installed", 5)
finally:
    srv.stop()
t.done()
