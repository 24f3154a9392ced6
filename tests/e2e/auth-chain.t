#!/usr/bin/env python3
"""checkpassword-cdb in the real chain, tcpserver + pop3-login +
checkpassword-cdb + pop3d: APOP, AUTH CRAM-MD5 against a stored
{CRAM-MD5} context, master users, refusals."""
import base64
import hashlib
import hmac
import os
import poplib
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
need = ["login/pop3-login", "login/checkpassword-cdb", "login/mkusers",
        "pop3d/pop3d"]
missing = [p for p in need
           if not os.access(os.path.join(mailtest.BUILD, p), os.X_OK)]
if missing:
    t.skip_all("not built yet: " + " ".join(missing))
import logintest as lt  # noqa: E402

top = mailtest.tmpdir("authchain")
os.chmod(top, 0o755)
uid, gid = (5094, 5094) if mailtest.IS_ROOT else (os.getuid(), os.getgid())
users = {"alice": "{PLAIN}apop-secret",
         "bob": "{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd3"
                "76f332bee68d2cf6",              # "test", from doveadm pw
         "carol": "{PLAIN}secret"}
lines = []
for name, secret in users.items():
    home = os.path.join(top, name)
    mailtest.make_maildir(os.path.join(home, "Maildir"))
    if mailtest.IS_ROOT:
        for sub in ("..", "", "cur", "new", "tmp"):
            os.chown(os.path.join(home, "Maildir", sub), uid, gid)
    extra = "nologin" if name == "carol" else ""
    lines.append(f"{name}@example.org:{secret}:{uid}:{gid}::{home}::{extra}")
lines.append(f"admin:{{PLAIN}}adminpw:{uid}:{gid}::{top}::master")
src, cdb = os.path.join(top, "users"), os.path.join(top, "users.cdb")
with open(src, "w") as f:
    f.write("\n".join(lines) + "\n")
subprocess.run([mailtest.prog("login/mkusers"), src, cdb], check=True)
os.chmod(cdb, 0o644)

srv = lt.server("pop3", tls=False, env={"TRUSTED": "1", "APOP": "1"},
                argv=[mailtest.prog("login/checkpassword-cdb"), cdb,
                      mailtest.prog("pop3d/pop3d")])
try:
    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    t.like(p.apop("alice@example.org", "apop-secret").decode(),
           r"^\+OK", "APOP through pop3-login and checkpassword-cdb")
    t.is_(p.stat()[0], 0, "pop3d serves the user's Maildir")
    p.quit()

    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    try:
        p.apop("alice@example.org", "wrong")
        t.ok(False, "APOP wrong secret refused")
    except poplib.error_proto as e:
        t.like(str(e), r"\[AUTH\]", "APOP wrong secret refused")
    p.close()

    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    chal = base64.b64decode(p._shortcmd("AUTH CRAM-MD5").split()[1])
    dig = hmac.new(b"test", chal, hashlib.md5).hexdigest()
    r = p._shortcmd(base64.b64encode(b"bob@example.org " +
                                     dig.encode()).decode())
    t.like(r.decode(), r"^\+OK", "AUTH CRAM-MD5 with a stored context")
    p.quit()

    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    p.user("alice@example.org*admin")
    t.like(p.pass_("adminpw").decode(), r"^\+OK", "master user login")
    p.quit()
    t.like(srv.log(), r"checkpassword-cdb\[\d+\]: info: login .*"
           r"master=admin", "master login logged")

    p = poplib.POP3("127.0.0.1", srv.port, timeout=20)
    p.user("carol@example.org")
    try:
        p.pass_("secret")
        t.ok(False, "nologin refused")
    except poplib.error_proto as e:
        t.like(str(e), r"\[AUTH\]", "nologin refused like a bad password")
    p.close()
    t.like(srv.log(), r"login-fail reason=nologin", "nologin logged")
    t.ok("apop-secret" not in srv.log() and "adminpw" not in srv.log(),
         "no password in the logs")
finally:
    srv.stop()
t.done()
