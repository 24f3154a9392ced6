"""dovecotimap.py: Dovecot's own imap binary on a test Maildir, for the
interoperability tests.  No system service: a private config in a temp
dir, the binary run pre-authenticated with IMAP commands on stdin.
Dovecot refuses mail access as root, so as root everything that touches
the Maildir (ours too: use run()) runs as nobody."""
import os
import pwd
import re
import subprocess
import threading

IMAP = "/usr/lib/dovecot/imap"


def available():
    return os.access(IMAP, os.X_OK)


class Dovecot:
    def __init__(self, top, maildir):
        self.top, self.md = top, maildir
        if os.geteuid() == 0:
            pw = pwd.getpwnam("nobody")
            self.uid, self.gid = pw.pw_uid, pw.pw_gid
        else:
            self.uid, self.gid = os.geteuid(), os.getegid()
        for d in ("run", "index"):
            os.makedirs(os.path.join(top, d), exist_ok=True)
        self.conf = os.path.join(top, "dovecot.conf")
        with open(self.conf, "w") as f:
            f.write(f"base_dir = {top}/run\nlog_path = /dev/stderr\n"
                    f"ssl = no\nmail_location = maildir:{maildir}:"
                    f"INDEX={top}/index\nmail_uid = {self.uid}\n"
                    f"mail_gid = {self.gid}\nfirst_valid_uid = 0\n"
                    "first_valid_gid = 0\n")
        self.chown()

    def chown(self):
        """Give the whole tree to the user the tests run as."""
        os.chown(self.top, self.uid, self.gid)
        for dirpath, dirs, files in os.walk(self.top):
            for n in dirs + files:
                os.lchown(os.path.join(dirpath, n), self.uid, self.gid)

    def popen_kw(self):
        kw = {"env": {"USER": "test", "HOME": self.top,
                      "PATH": "/usr/bin:/bin"}}
        if os.geteuid() == 0:
            kw.update(user=self.uid, group=self.gid, extra_groups=[])
        return kw

    def run(self, argv, data=None, timeout=60):
        """Run argv as the test user; (stdout, stderr, returncode)."""
        r = subprocess.run(argv, input=data, capture_output=True,
                           timeout=timeout, **self.popen_kw())
        return (r.stdout.decode("latin-1"), r.stderr.decode("latin-1"),
                r.returncode)

    def session(self, cmds, timeout=60):
        """One IMAP session; (output, stderr).  LOGOUT goes only after
        the last command is answered, and standard input stays open until
        LOGOUT is: Dovecot drops output it has not written yet when it
        logs out or sees the end of its input, and its non-blocking
        stdout fills when this side reads slowly."""
        p = subprocess.Popen([IMAP, "-c", self.conf], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             **self.popen_kw())
        err = []
        t = threading.Thread(target=lambda: err.append(p.stderr.read()))
        t.start()
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        out = bytearray()

        def send_and_wait(script, tag):
            p.stdin.write(script.encode("latin-1"))
            p.stdin.flush()
            done = re.compile(rb"(^|\n)" + tag.encode() + rb" (OK|NO|BAD)")
            pos = len(out)
            while not done.search(out, max(0, pos - 16)):
                pos = len(out)
                chunk = p.stdout.read1(65536)
                if not chunk:
                    return
                out.extend(chunk)
        try:
            last = f"x{len(cmds) - 1}" if cmds else None
            if cmds:
                send_and_wait("".join(f"x{i} {c}\r\n"
                                      for i, c in enumerate(cmds)), last)
            send_and_wait("z LOGOUT\r\n", "z")
        finally:
            timer.cancel()
            p.stdin.close()
            out.extend(p.stdout.read())
            p.wait()
            t.join()
        return bytes(out).decode("latin-1"), err[0].decode("latin-1")

    def state(self):
        """(uidvalidity, uidnext, {uid: (flags set, rfc822.size)}, err)."""
        out, err = self.session(["SELECT INBOX",
                                 "UID FETCH 1:* (UID FLAGS RFC822.SIZE)",
                                 "STATUS INBOX (UIDNEXT UIDVALIDITY)"])
        msgs = {}
        for m in re.finditer(r"\* \d+ FETCH \((.*)\)", out):
            uid = int(re.search(r"UID (\d+)", m.group(1)).group(1))
            fl = re.search(r"FLAGS \(([^)]*)\)", m.group(1)).group(1)
            size = int(re.search(r"RFC822\.SIZE (\d+)", m.group(1)).group(1))
            msgs[uid] = (set(fl.split()) - {"\\Recent"}, size)
        st = re.search(r"STATUS INBOX \(UIDNEXT (\d+) UIDVALIDITY (\d+)\)",
                       out)
        if not st:     # what Dovecot said besides the FETCH lines
            said = [ln for ln in out.splitlines()
                    if not re.match(r"\* \d+ FETCH ", ln)]
            return 0, 0, {}, err + "\n".join(said)[-3000:]
        return int(st.group(2)), int(st.group(1)), msgs, err


# Dovecot 2.3's Maildir ignores P (passed): leave it out to compare.
FLAGNAMES = {"D": "\\Draft", "F": "\\Flagged", "R": "\\Answered",
             "S": "\\Seen", "T": "\\Deleted"}


def parse_viewtool_list(out):
    """viewtool list output -> (uidvalidity, uidnext, {uid: (flags set,
    vsize)}, {base: uid})."""
    lines = out.splitlines()
    head = {ln.split()[0]: ln.split()[1:] for ln in lines[:3]}
    msgs, bases = {}, {}
    for ln in lines[3:]:
        uid, flags, kws, size, vsize, date, base = ln.split()
        names = {FLAGNAMES[c] for c in flags if c in FLAGNAMES}
        names |= set(kws.split(",")) if kws != "-" else set()
        msgs[int(uid)] = (names, int(vsize))
        bases[base] = int(uid)
    return (int(head["uidvalidity"][0]), int(head["uidnext"][0]), msgs,
            bases)
