#!/usr/bin/env python3
"""deliver-dovecot-quota.t: deliver and Dovecot's LDA (quota plugin,
Maildir++ backend) share one maildirsize: each reads the other's lines,
totals stay equal to the files, and each refuses mail once the other has
filled the Maildir."""
import os
import pwd
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
DELIVER = mailtest.prog("deliver/deliver")
LDA = "/usr/lib/dovecot/dovecot-lda"
if not os.access(LDA, os.X_OK):
    t.skip_all("dovecot-lda not installed (dovecot-core)")
AS = []
if mailtest.IS_ROOT:
    # Dovecot's LDA wants -d and an auth service as root: use nobody.
    try:
        nob = pwd.getpwnam("nobody")
    except KeyError:
        t.skip_all("no nobody user to run dovecot-lda as")
    if not shutil.which("setpriv"):
        t.skip_all("setpriv missing")
    AS = ["setpriv", f"--reuid={nob.pw_uid}", f"--regid={nob.pw_gid}",
          "--clear-groups"]
TOP = mailtest.tmpdir("deliver-dovecot")
os.chmod(TOP, 0o755)
HOME = os.path.join(TOP, "home")
MD = os.path.join(HOME, "Maildir")
mailtest.make_maildir(MD)
CONF = os.path.join(TOP, "dovecot.conf")
with open(CONF, "w") as f:
    f.write(f"""base_dir = {TOP}/run
log_path = {TOP}/dovecot.log
ssl = no
protocols =
mail_location = maildir:{MD}
mail_plugins = quota
plugin {{
  quota = maildir:User quota
  quota_rule = *:storage=10k
}}
""")
ENV = {k: v for k, v in os.environ.items()
       if k not in ("SENDER", "RECIPIENT", "DTLINE", "RPLINE")}


def own():
    if AS:
        for root, dirs, files in os.walk(TOP):
            for n in dirs + files:
                os.lchown(os.path.join(root, n), nob.pw_uid, nob.pw_gid)
            os.lchown(root, nob.pw_uid, nob.pw_gid)


def ours(data, *args):
    p = subprocess.run([*AS, DELIVER, "-Q", "10240S", *args, MD],
                       input=data, env=ENV, capture_output=True)
    return p.returncode


def lda(data):
    e = dict(ENV, HOME=HOME, USER="nobody" if AS else
             pwd.getpwuid(os.getuid()).pw_name)
    p = subprocess.run([*AS, "env", f"HOME={HOME}", LDA, "-c", CONF, "-e",
                        "-f", "s@example.org"], input=data, env=e,
                       capture_output=True)
    return p.returncode, p.stderr.decode(errors="replace")


def totals():
    lines = open(os.path.join(MD, "maildirsize")).read().split("\n")
    b = c = 0
    for ln in lines[1:]:
        if ln.strip():
            x, y = ln.split()
            b, c = b + int(x), c + int(y)
    return b, c


def files():
    b = c = 0
    for sub in ("new", "cur"):
        for n in os.listdir(os.path.join(MD, sub)):
            b += int(re.search(r",S=(\d+)", n).group(1))
            c += 1
    return b, c


msg = b"Subject: q\n\n" + b"m" * 1987 + b"\n"       # 2000 bytes
own()
t.is_([ours(msg), ours(msg)], [0, 0], "deliver: two messages, 4000 bytes")
rc, err = lda(msg)
t.is_(rc, 0, "dovecot-lda delivers into the same Maildir" +
      ("" if rc == 0 else ": " + err[:100]))
t.is_(totals(), files(), "dovecot appended to our maildirsize: "
      f"totals {totals()} match the files")
t.is_(open(os.path.join(MD, "maildirsize")).readline(), "10240S\n",
      "limits line agreed")
t.is_([ours(msg, "-g", "0") for i in range(3)], [0, 0, 111],
      "deliver counts Dovecot's message: the 6th does not fit")
rc, err = lda(msg)
t.is_(rc, 77, "dovecot-lda refuses too once deliver filled it (-e: 77)")
t.like(err, r"(?i)quota", "  with a quota reason")
# Dovecot writes the file from scratch; deliver reads it
os.unlink(os.path.join(MD, "maildirsize"))
for n in os.listdir(os.path.join(MD, "new"))[:3]:
    os.unlink(os.path.join(MD, "new", n))
rc, err = lda(b"Subject: s\n\nsmall\n")
t.ok(rc == 0 and os.path.exists(os.path.join(MD, "maildirsize")),
     "dovecot-lda recalculated a missing maildirsize")
t.is_(ours(b"Subject: s\n\nsmall too\n"), 0, "deliver reads Dovecot's file")
t.is_(totals(), files(), "totals still match the files")
t.done()
