#!/usr/bin/env python3
"""checkpassword-cdb driven by qmail-popup, when qmail is installed."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

t = TAP()
popup = shutil.which("qmail-popup") or next(
    (p for p in ("/var/qmail/bin/qmail-popup", "/usr/sbin/qmail-popup")
     if os.access(p, os.X_OK)), None)
if popup is None:
    t.skip_all("qmail-popup not installed (Debian 12 ships no qmail "
               "package); checkpassword-cdb's fd 3 interface is covered by "
               "auth-checkpassword.t")

CP = mailtest.prog("login/checkpassword-cdb")
MK = mailtest.prog("login/mkusers")
d = mailtest.tmpdir("popup")
uid, gid = (65534, 65534) if mailtest.IS_ROOT else (os.getuid(),
                                                    os.getgid())
os.chmod(d, 0o755)
with open(os.path.join(d, "users"), "w") as f:
    f.write(f"alice:{{PLAIN}}secret:{uid}:{gid}::{d}/alice\n")
subprocess.run([MK, os.path.join(d, "users"), os.path.join(d, "u.cdb")],
               check=True)


def session(pw):
    p = subprocess.run(
        [popup, "mail.example.org", CP, os.path.join(d, "u.cdb"),
         "sh", "-c", 'echo "+OK logged in as $USER"'],
        input=f"USER alice\r\nPASS {pw}\r\n", capture_output=True, text=True,
        env={"PATH": os.environ["PATH"], "MAILDIR_CREATE": "1"}, timeout=20)
    return p.stdout


t.like(session("secret"), r"\+OK logged in as alice", "qmail-popup login")
t.like(session("wrong"), r"-ERR authorization failed", "qmail-popup refusal")
t.done()
