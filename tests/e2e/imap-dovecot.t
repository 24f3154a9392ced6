#!/usr/bin/env python3
"""imapd and Dovecot's imap serving the same Maildir alternately agree on
UIDVALIDITY, UIDs, flags and keywords (dovecot-uidlist and
dovecot-keywords shared), and each sees what the other changed."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

DOVECOT = "/usr/lib/dovecot/imap"
t = TAP()
if not os.access(DOVECOT, os.X_OK):
    t.skip_all("Dovecot's imap not installed")

work = mailtest.tmpdir("imap-dovecot")
os.chmod(work, 0o755)
md = mailtest.make_maildir(os.path.join(work, "Maildir"), ["Sent"])
for i in range(5):
    with open(os.path.join(md, "new", "170000000%d.M%dP1.host" % (i, i)),
              "wb") as f:
        f.write(b"Subject: m%d\n\nbody %d\n" % (i, i))
ROOT = os.geteuid() == 0
uid = gid = 65534 if ROOT else None
if ROOT:
    subprocess.run(["chown", "-R", "65534:65534", md], check=True)
else:
    uid, gid = os.getuid(), os.getgid()
run = os.path.join(work, "run")
os.makedirs(run)
conf = os.path.join(work, "dovecot.conf")
with open(conf, "w") as f:
    f.write(f"base_dir = {run}\nstate_dir = {run}\nlog_path = /dev/null\n"
            f"mail_location = maildir:{md}\nmail_uid = {uid}\n"
            f"mail_gid = {gid}\nfirst_valid_uid = 0\nfirst_valid_gid = 0\n"
            "protocols = imap\nssl = no\n")
IMAPD = os.path.join(work, "imapd")
import shutil  # noqa: E402
shutil.copy(mailtest.prog("imapd/imapd"), IMAPD)
os.chmod(IMAPD, 0o755)


def drop():
    if ROOT:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)


class Session:
    def __init__(self, ours):
        argv = [IMAPD] if ours else [DOVECOT, "-c", conf]
        env = {"MAILDIR": md, "USER": "tester", "HOME": "/nonexistent",
               "PATH": "/usr/bin:/bin"}
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, env=env,
                                  stderr=subprocess.DEVNULL,
                                  preexec_fn=drop if ours else None)
        self.n = 0
        self.p.stdout.readline()

    def cmd(self, text):
        self.n += 1
        tag = b"x%d" % self.n
        self.p.stdin.write(tag + b" " + text.encode() + b"\r\n")
        self.p.stdin.flush()
        out = []
        while True:
            ln = self.p.stdout.readline().rstrip(b"\r\n")
            out.append(ln)
            if ln.startswith(tag + b" ") or not ln:
                return out

    def close(self):
        self.cmd("LOGOUT")
        self.p.stdin.close()
        self.p.wait(10)


def state(s):
    r = s.cmd("SELECT INBOX")
    v = [x for x in r if b"UIDVALIDITY" in x][0]
    uv = re.search(rb"UIDVALIDITY (\d+)", v).group(1)
    r = s.cmd("UID FETCH 1:* (FLAGS)")
    msgs = {}
    for x in r:
        m = re.match(rb"\* \d+ FETCH \((.*)\)$", x)
        if m:
            u = int(re.search(rb"UID (\d+)", m.group(1)).group(1))
            fl = re.search(rb"FLAGS \(([^)]*)\)", m.group(1)).group(1)
            msgs[u] = sorted(f for f in fl.split() if f != b"\\Recent")
    return uv, msgs


s = Session(True)
s.cmd("SELECT INBOX")
s.cmd("STORE 1 +FLAGS (\\Seen $Work)")
s.cmd("STORE 3 +FLAGS (\\Flagged Later)")
ours = state(s)
s.close()
d = Session(False)
theirs = state(d)
t.is_(theirs[0], ours[0], "same UIDVALIDITY")
t.is_(sorted(theirs[1]), sorted(ours[1]), "same UIDs")
t.is_(theirs[1], ours[1], "same flags and keywords in Dovecot")
d.cmd("STORE 2 +FLAGS (\\Answered $Work)")
d.cmd("STORE 1 -FLAGS ($Work)")
d.cmd("APPEND INBOX (\\Draft NewKw) {12}\r\nSubject: d\r\n")
d.cmd("NOOP")
after = state(d)
d.close()
s = Session(True)
again = state(s)
t.is_(again, after, "imapd sees Dovecot's flags, keywords and new UID")
t.ok(6 in again[1] and again[1][6] == [b"NewKw", b"\\Draft"],
     "Dovecot's APPEND seen with its UID and keyword")
r = s.cmd("STATUS Sent (UIDNEXT UIDVALIDITY)")
s.close()
d = Session(False)
t.is_(d.cmd("STATUS Sent (UIDNEXT UIDVALIDITY)")[0], r[0],
      "same STATUS for another folder")
d.close()
t.done()
