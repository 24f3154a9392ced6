#!/usr/bin/env python3
"""offlineimap (Debian offlineimap3) against imapd: a 2,000-message
mailbox with a folder syncs down, a second sync changes nothing, changes
made on the client (flag, delete, new message, new folder) go up, a
change on the server comes down, and a last sync is clean.  The server
is make demo's (scripts/demo: tcpserver, imap-login with TLS,
checkpassword-cdb, imapd), reached over IMAPS as imap-clients.t reaches
it with mbsync and mutt."""
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402
from demoserver import Demo  # noqa: E402

t = TAP()
OFFLINEIMAP = shutil.which("offlineimap")
if not OFFLINEIMAP:
    t.skip_all("offlineimap (offlineimap3) not installed")

work = mailtest.tmpdir("imap-offlineimap")
demo = Demo("imap-offlineimap-demo")
srv = demo.fill("demo", mailtest.corpus_messages(2000), ["Lists.x"])
USER, PASS = demo.login("demo")
now = int(time.time()) - 3600
local = os.path.join(work, "local")
conf = os.path.join(work, "offlineimaprc")
with open(conf, "w") as f:
    f.write(f"[general]\naccounts = a\nmetadata = {work}/meta\n"
            "ui = quiet\n\n"
            "[Account a]\nlocalrepository = L\nremoterepository = R\n\n"
            f"[Repository L]\ntype = Maildir\nlocalfolders = {local}\n\n"
            f"[Repository R]\ntype = IMAP\nremotehost = localhost\n"
            f"remoteport = {demo.imaps}\nremoteuser = {USER}\n"
            f"remotepass = {PASS}\nssl = yes\n"
            f"sslcacertfile = {demo.cert}\nmaxconnections = 1\n")


def sync():
    t0 = time.time()
    r = subprocess.run([OFFLINEIMAP, "-c", conf, "-o", "-u", "quiet"],
                       capture_output=True, text=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    if r.returncode or "ERROR" in r.stderr:
        t.diag((r.stdout + r.stderr)[-2000:])
    return r, time.time() - t0


def files(path):
    """Every message file under path (names carry the flags)."""
    out = []
    for dp, _, fn in os.walk(path):
        if os.path.basename(dp) in ("cur", "new"):
            out += [os.path.relpath(os.path.join(dp, f), path) for f in fn]
    return sorted(out)


def count(path):
    return len(os.listdir(os.path.join(path, "cur"))) + \
        len(os.listdir(os.path.join(path, "new")))


r, dt = sync()
t.ok(r.returncode == 0 and "ERROR" not in r.stderr,
     "first sync (%.1f s)" % dt)
t.is_((count(os.path.join(local, "INBOX")),
       count(os.path.join(local, "Lists.x"))), (1800, 200),
      "all 2,000 messages, the folder too")
seen = sum(n.endswith("S") for n in
           os.listdir(os.path.join(local, "INBOX", "cur")))
t.is_(seen, sum(1 for i in range(2000) if i % 10 and i % 3),
      "\\Seen came down with the messages")
before_l, before_s = files(local), files(srv)
r, dt = sync()
t.ok(r.returncode == 0 and "ERROR" not in r.stderr,
     "second sync (%.1f s)" % dt)
t.is_(files(local), before_l, "second sync changes nothing locally")
t.is_(files(srv), before_s, "nor on the server")

# local changes go up: flag one, delete one, add one, a new folder
cur = os.path.join(local, "INBOX", "cur")
names = sorted(os.listdir(cur))
base = names[0].split(":2,")[0]
os.rename(os.path.join(cur, names[0]), os.path.join(cur, base + ":2,FS"))
os.unlink(os.path.join(cur, names[1]))
newmsg = b"Subject: from offlineimap\nMessage-ID: <o1@x>\n\nnew\n"
with open(os.path.join(local, "INBOX", "new", "%d.new.local" % now),
          "wb") as f:
    f.write(newmsg)
mailtest.make_maildir(os.path.join(local, "Made"))
with open(os.path.join(local, "Made", "new", "%d.made.local" % now),
          "wb") as f:
    f.write(b"Subject: in a new folder\n\nx\n")
r, dt = sync()
t.ok(r.returncode == 0 and "ERROR" not in r.stderr,
     "third sync, changes going up (%.1f s)" % dt)
d = demo.imapd("demo")
t.ok(b"* 1800 EXISTS" in d.cmd("SELECT INBOX"),
     "server: one deleted, one added")
r = d.cmd("SEARCH FLAGGED")
t.is_(len(r[0].split()) - 2, 1, "server: the flag arrived")
r = d.cmd('SEARCH SUBJECT "from offlineimap"')
t.is_(len(r[0].split()) - 2, 1, "server: the new message arrived")
r = d.cmd("STATUS Made (MESSAGES)")
t.like(r[0].decode(), r"MESSAGES 1\)", "server: the new folder arrived")
# a server-side change comes down
r = d.cmd("STORE 5 +FLAGS (\\Answered)")
uid = re.search(rb"UID (\d+)", d.cmd("FETCH 5 UID")[0]).group(1)
d.cmd("LOGOUT")
d.close()
r, dt = sync()
t.ok(r.returncode == 0 and "ERROR" not in r.stderr,
     "fourth sync, a change coming down (%.1f s)" % dt)
inbox = os.path.join(local, "INBOX")
answered = [n for n in files(inbox) if "R" in n.split(":2,")[1]]
t.ok(len(answered) == 1 and (",U=%s," % uid.decode()) in answered[0],
     "the \\Answered flag came down (%s)" % answered)
before_l, before_s = files(local), files(srv)
r, dt = sync()
t.ok(r.returncode == 0 and files(local) == before_l and
     files(srv) == before_s, "last sync clean (%.1f s)" % dt)
demo.stop()
t.done()
