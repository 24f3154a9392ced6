#!/usr/bin/env python3
"""The real chain: imap-login/pop3-login -> checkpassword-cdb users.cdb ->
post-login program (imapd/pop3d when built, else the stub): hashed and
CRAM-MD5 secrets, rejection of a wrong password and an unknown user, and
the environment checkpassword-cdb hands on."""
import base64
import hmac
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
for p in ("login/checkpassword-cdb", "login/mkusers", "login/mailpw"):
    if not os.access(os.path.join(mailtest.BUILD, p), os.X_OK):
        t.skip_all(f"{p} not built")


def b64(s):
    return base64.b64encode(s.encode()).decode()


def mailpw(pw, scheme):
    return subprocess.run([mailtest.prog("login/mailpw"), "-s", scheme],
                          input=pw + "\n", capture_output=True, text=True,
                          check=True).stdout.strip()


d = mailtest.tmpdir("chain")
os.chmod(d, 0o711)
uid, gid = (65534, 65534) if mailtest.IS_ROOT else (os.getuid(), os.getgid())
lines = []
for user, pw, scheme in (("alice", "secret", "SHA512-CRYPT"),
                         ("carol", "cram", "CRAM-MD5")):
    home = os.path.join(d, user)
    mailtest.make_maildir(os.path.join(home, "Maildir"))
    if mailtest.IS_ROOT:
        subprocess.run(["chown", "-R", f"{uid}:{gid}", home], check=True)
    lines.append(f"{user}@example.org:{mailpw(pw, scheme)}:{uid}:{gid}::"
                 f"{home}::\n")
with open(os.path.join(d, "users"), "w") as f:
    f.writelines(lines)
cdb = os.path.join(d, "users.cdb")
subprocess.run([mailtest.prog("login/mkusers"), os.path.join(d, "users"),
                cdb], check=True)
CPW = mailtest.prog("login/checkpassword-cdb")
# The stub runs as the mail uid after checkpassword-cdb: use the system
# interpreter, which that uid can reach (a per-user one may not be).
SYSPY = ["/usr/bin/python3", "-S"] if os.access("/usr/bin/python3",
                                                os.X_OK) else lt.PY
STUB = os.path.join(d, "login-stub")     # where the mail uid can read it
shutil.copy(lt.STUB, STUB)
os.chmod(STUB, 0o755)

with lt.server(implicit=True, argv=[CPW, cdb, *SYSPY, STUB]) as srv:
    c = lt.Client(srv.port, implicit=True)
    c.line()
    r = c.cmd("a LOGIN alice@example.org wrong")
    t.like(r[-1], r"^a NO \[AUTHENTICATIONFAILED\]", "wrong password")
    r = c.cmd("b LOGIN nobody@example.org secret")
    t.like(r[-1], r"^b NO \[AUTHENTICATIONFAILED\]", "unknown user")
    r = c.cmd("c LOGIN Alice@Example.ORG secret")
    t.like(r[-1], r"^c OK .*Logged in", "SHA512-CRYPT secret, login "
           "matched case-insensitively")
    r = c.cmd("d ENV")
    env = dict(x[6:].split("=", 1) for x in r if x.startswith("* ENV "))
    t.is_(env.get("USER"), "alice@example.org", "USER from the table")
    t.is_(env.get("HOME"), os.path.join(d, "alice"), "HOME from the table")
    t.is_(env.get("IMAPLOGINTAG"), "c", "IMAPLOGINTAG survives "
          "checkpassword-cdb")
    c.close()
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send("e AUTHENTICATE CRAM-MD5\r\n")
    ch = base64.b64decode(c.line()[2:]).decode()
    dig = hmac.new(b"cram", ch.encode(), "md5").hexdigest()
    c.send(b64("carol@example.org " + dig) + "\r\n")
    t.like(c.until("e ")[-1], r"^e OK .*Logged in",
           "CRAM-MD5 against a {CRAM-MD5} secret")
    c.close()
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send("f AUTHENTICATE CRAM-MD5\r\n")
    ch = base64.b64decode(c.line()[2:]).decode()
    dig = hmac.new(b"secret", ch.encode(), "md5").hexdigest()
    c.send(b64("alice@example.org " + dig) + "\r\n")
    t.like(c.until("f ")[-1], r"^f NO", "CRAM-MD5 cannot work against a "
           "crypt hash")
    c.close()

pop3d = os.path.join(mailtest.BUILD, "pop3d/pop3d")
post = [pop3d] if os.access(pop3d, os.X_OK) else [*SYSPY, STUB]
with lt.server("pop3", implicit=True, argv=[CPW, cdb, *post]) as srv:
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.cmd("USER alice@example.org", "+OK")
    c.send("PASS secret\r\nQUIT\r\n")
    r = [c.line(), c.line()]
    t.like(r[0], r"^\+OK", f"POP3 through checkpassword-cdb to "
           f"{os.path.basename(post[-1])}")
    t.like(r[1], r"^\+OK", "pipelined QUIT answered by the mail process")
    c.close()
t.done()
