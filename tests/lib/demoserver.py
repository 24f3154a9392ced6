"""make demo's server for real-client tests: scripts/demo in the
foreground on free loopback ports, in a temporary directory, the way an
administrator runs it (as root: login parsers as maillogin in a chroot,
mail as vmail).

    with Demo("clients") as demo:
        demo.fill("demo", messages, folders=["Lists.x"])
        ... a client on 127.0.0.1:demo.imaps with demo.cert ...
        d = demo.imapd("demo")          # a direct imapd as the mail user
"""
import atexit
import os
import pwd
import signal
import subprocess
import time

import mailtest
from imaptest import Imapd

USERS = {"demo": "demo", "alice": "alice"}	# login part -> password


class Demo:
    def __init__(self, name="demo"):
        self.dir = mailtest.tmpdir(name)
        self.imap, self.imaps, self.pop3, self.pop3s, self.lmtp = (
            mailtest.free_port() for _ in range(5))
        env = dict(os.environ, DEMO_DIR=self.dir, BUILD=mailtest.BUILD,
                   DEMO_IMAP_PORT=str(self.imap),
                   DEMO_IMAPS_PORT=str(self.imaps),
                   DEMO_POP3_PORT=str(self.pop3),
                   DEMO_POP3S_PORT=str(self.pop3s),
                   DEMO_LMTP_PORT=str(self.lmtp))
        self.out = open(self.dir + ".out", "w+")
        self.proc = subprocess.Popen(
            [os.path.join(mailtest.SRC, "scripts", "demo")], env=env,
            stdin=subprocess.DEVNULL, stdout=self.out,
            stderr=subprocess.STDOUT, start_new_session=True)
        if not all(mailtest.wait_port(p, 30) for p in
                   (self.imap, self.imaps, self.pop3, self.pop3s)):
            self.stop()
            raise RuntimeError("demo did not start: " + self.output())
        self.cert = os.path.join(self.dir, "tls", "cert.pem")
        if mailtest.IS_ROOT:
            pw = pwd.getpwnam("vmail")
            self.uid, self.gid = pw.pw_uid, pw.pw_gid
        else:
            self.uid, self.gid = os.getuid(), os.getgid()

    def output(self):
        self.out.flush()
        self.out.seek(0)
        return self.out.read()

    def login(self, user):
        return f"{user}@example.org", USERS[user]

    def maildir(self, user):
        return os.path.join(self.dir, "mail", "example.org", user,
                            "Maildir")

    def chown(self, path):
        """Give path (recursively) to the mail user, as deliver would."""
        if not mailtest.IS_ROOT:
            return
        os.lchown(path, self.uid, self.gid)
        for dp, dn, fn in os.walk(path):
            for n in dn + fn:
                os.lchown(os.path.join(dp, n), self.uid, self.gid)

    def fill(self, user, messages, folders=(), every=10, seen=3):
        """Replace the user's welcome messages by messages, in cur/ with
        old mtimes: every every-th one in folders[0] (if any), all but
        every seen-th one \\Seen."""
        md = self.maildir(user)
        for f in folders:
            mailtest.make_maildir(os.path.join(md, "." + f))
        for sub in ("new", "cur"):
            for n in os.listdir(os.path.join(md, sub)):
                os.unlink(os.path.join(md, sub, n))
        for n in ("dovecot-uidlist", "maildir-view.cache", "imapd.cache"):
            if os.path.exists(os.path.join(md, n)):
                os.unlink(os.path.join(md, n))
        now = int(time.time()) - 3600
        for i, m in enumerate(messages):
            sub = os.path.join(md, "." + folders[0]) \
                if folders and i % every == 0 else md
            name = "%d.M%dP1.h:2,%s" % (now, i, "S" if i % seen else "")
            with open(os.path.join(sub, "cur", name), "wb") as f:
                f.write(m)
        self.chown(md)
        return md

    def imapd(self, user):
        """imapd pre-authenticated on user's Maildir, as the mail user."""
        kw = {"user": self.uid, "group": self.gid, "extra_groups": []} \
            if mailtest.IS_ROOT else {}
        return Imapd(self.maildir(user), popen_kw=kw)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if not self.out.closed:
            self.out.close()
        if os.path.exists(self.dir + ".out"):
            os.unlink(self.dir + ".out")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
