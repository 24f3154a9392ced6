#!/usr/bin/env python3
"""Real clients against make demo's server (scripts/demo: tcpserver,
imap-login with TLS, checkpassword-cdb, imapd; as root with privilege
separation): mbsync (isync) syncs a 2,000-message mailbox with folders
both ways over IMAPS and a second sync changes nothing; mutt in batch
mode logs in over IMAPS, reads and moves a message."""
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402
from demoserver import Demo  # noqa: E402

t = TAP()
MBSYNC = shutil.which("mbsync")
MUTT = shutil.which("mutt")
if not MBSYNC and not MUTT:
    t.skip_all("neither mbsync nor mutt installed")

work = mailtest.tmpdir("imap-clients")
demo = Demo("imap-clients-demo")
srv = demo.fill("demo", mailtest.corpus_messages(2000), ["Lists.x"])
USER, PASS = demo.login("demo")
URL = "imaps://demo%%40example.org@127.0.0.1:%d" % demo.imaps
now = int(time.time()) - 3600


def files(path):
    out = []
    for dp, dn, fn in os.walk(path):
        out += [os.path.relpath(os.path.join(dp, f), path) for f in fn
                if "/cur/" in "/" + os.path.relpath(dp, path) + "/" or
                "/new/" in "/" + os.path.relpath(dp, path) + "/"]
    return sorted(out)


if MBSYNC:
    local = os.path.join(work, "local")
    os.makedirs(local)
    rc = os.path.join(work, "mbsyncrc")
    with open(rc, "w") as f:
        f.write(f"IMAPAccount acc\nHost localhost\nPort {demo.imaps}\n"
                f"User {USER}\nPass {PASS}\nSSLType IMAPS\n"
                f"CertificateFile {demo.cert}\n\n"
                "IMAPStore remote\nAccount acc\n\n"
                f"MaildirStore local\nPath {local}/\nInbox {local}/INBOX\n"
                "SubFolders Verbatim\n\n"
                "Channel ch\nFar :remote:\nNear :local:\nPatterns *\n"
                "Create Both\nExpunge Both\nSyncState *\n")

    def mbsync():
        return subprocess.run([MBSYNC, "-c", rc, "-a"], capture_output=True,
                              text=True, timeout=120)

    t0 = time.time()
    r = mbsync()
    t.is_(r.returncode, 0, "mbsync first sync (%.1f s)" % (time.time() - t0))
    if r.returncode:
        t.diag(r.stderr[-2000:])
    n_inbox = len(os.listdir(os.path.join(local, "INBOX", "cur"))) + \
        len(os.listdir(os.path.join(local, "INBOX", "new")))
    n_list = len(os.listdir(os.path.join(local, "Lists", "x", "cur"))) + \
        len(os.listdir(os.path.join(local, "Lists", "x", "new")))
    t.is_((n_inbox, n_list), (1800, 200), "all 2,000 messages, folders too")
    before_l, before_s = files(local), files(srv)
    r = mbsync()
    t.is_(r.returncode, 0, "second sync")
    t.ok(files(local) == before_l and files(srv) == before_s,
         "second sync changes nothing on either side")
    # local changes go up: flag one, delete one, add one
    cur = os.path.join(local, "INBOX", "cur")
    names = sorted(os.listdir(cur))
    flagged = names[0]
    base = flagged.split(":2,")[0]
    os.rename(os.path.join(cur, flagged),
              os.path.join(cur, base + ":2,FS"))
    os.rename(os.path.join(cur, names[1]),
              os.path.join(cur, names[1].split(":2,")[0] + ":2,ST"))
    with open(os.path.join(local, "INBOX", "new", "%d.new.local" % now),
              "wb") as f:
        f.write(b"Subject: from the client\n\nnew\n")
    r = mbsync()
    t.is_(r.returncode, 0, "third sync (changes going up)")
    d = demo.imapd("demo")
    sel = d.cmd("SELECT INBOX")
    t.ok(b"* 1800 EXISTS" in sel, "server: one deleted, one added")
    r = d.cmd("SEARCH FLAGGED")
    t.is_(len(r[0].split()) - 2, 1, "server: the flag arrived")
    r = d.cmd('SEARCH SUBJECT "from the client"')
    t.is_(len(r[0].split()) - 2, 1, "server: the new message arrived")
    d.cmd("LOGOUT")
    d.close()
    r = mbsync()
    t.ok(r.returncode == 0 and files(srv) == files(srv),
         "fourth sync clean")
else:
    t.skip("mbsync not installed", 8)

if MUTT and shutil.which("script"):
    home = os.path.join(work, "home")
    os.makedirs(home)
    muttrc = os.path.join(work, "muttrc")
    with open(muttrc, "w") as f:
        f.write(f'set folder="{URL}/"\nset spoolfile="{URL}/INBOX"\n'
                f'set imap_pass="{PASS}"\nset ssl_verify_host=no\n'
                f'set certificate_file="{demo.cert}"\n'
                "set confirmappend=no\nset move=no\nset mail_check=0\n"
                "set imap_check_subscribed=no\nset header_cache=\n"
                "set message_cachedir=\nset delete=yes\nset wait_key=no\n")
    env = dict(os.environ, HOME=home, TERM="vt100")
    d = demo.imapd("demo")
    d.cmd("SELECT INBOX")
    before = d.cmd("STATUS Lists.x (MESSAGES)")[0]
    inbox0 = d.cmd("STATUS INBOX (MESSAGES)")[0]
    in0 = int(re.search(rb"MESSAGES (\d+)", inbox0).group(1))
    d.cmd("LOGOUT")
    d.close()
    # read message 1 (sets \Seen) and move it to Lists.x, in batch mode
    cmds = ["<first-entry>", "<display-message>", "<exit>",
            "<save-message>=Lists.x<enter>", "<sync-mailbox>", "<quit>"]
    # mutt wants a terminal even with -e push: script(1) gives it a pty
    line = " ".join(shlex.quote(a) for a in [
        MUTT, "-n", "-F", muttrc, "-f", URL + "/INBOX", "-e",
        "push %s" % "".join(cmds)])
    r = subprocess.run(["script", "-qec", line, "/dev/null"], env=env,
                       capture_output=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    d = demo.imapd("demo")
    after = d.cmd("STATUS Lists.x (MESSAGES)")[0]
    n0 = int(re.search(rb"MESSAGES (\d+)", before).group(1))
    n1 = int(re.search(rb"MESSAGES (\d+)", after).group(1))
    t.is_(n1, n0 + 1, "mutt moved a message into Lists.x (rc %d)" %
          r.returncode)
    r = d.cmd("SELECT Lists.x")
    r = d.cmd("FETCH %d FLAGS" % n1)
    t.like(r[0].decode(), r"\\Seen", "the message mutt read is \\Seen")
    inbox1 = d.cmd("STATUS INBOX (MESSAGES)")[0]
    t.is_(inbox1, inbox0.replace(b"MESSAGES %d" % in0,
                                 b"MESSAGES %d" % (in0 - 1)),
          "and removed it from INBOX")
    d.cmd("LOGOUT")
    d.close()
else:
    t.skip("mutt or script not installed", 3)
demo.stop()
t.done()
