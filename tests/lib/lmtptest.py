"""lmtptest.py: fixtures for the lmtpd end-to-end tests.

    u = Users(); u.add("alice@x.org", uid=5001, extra="quota=10k")
    table = u.build()             # users.cdb through login/mkusers
    with lmtpd(table, env) as srv:   # tcpserver on a loopback port
        c = Raw(srv.port); c.expect("220 ")
"""
import os
import pwd
import socket
import subprocess
import sys

import mailtest


class Users:
    """A users(5) text table and the Maildirs it names, in a temp dir."""

    def __init__(self, name="lmtp"):
        self.dir = mailtest.tmpdir(name)
        os.chmod(self.dir, 0o755)
        self.lines = []
        self.homes = {}

    def add(self, login, uid=None, gid=None, extra="", folders=(),
            maildir=True):
        if uid is None:	# as root lmtpd refuses to write as uid 0
            uid = 5000 if mailtest.IS_ROOT else os.getuid()
        gid = uid if gid is None else gid
        home = os.path.join(self.dir, login.split("@")[0])
        os.makedirs(home, exist_ok=True)
        if maildir:
            mailtest.make_maildir(os.path.join(home, "Maildir"), folders)
        if mailtest.IS_ROOT:
            for root, dirs, files in os.walk(home):
                for p in [root] + [os.path.join(root, f) for f in files]:
                    os.chown(p, uid, gid)
        self.lines.append(f"{login}:{{PLAIN}}secret:{uid}:{gid}::{home}::"
                          f"{extra}")
        self.homes[login] = home
        return os.path.join(home, "Maildir")

    def maildir(self, login):
        return os.path.join(self.homes[login], "Maildir")

    def build(self):
        src = os.path.join(self.dir, "users")
        with open(src, "w") as f:
            f.write("\n".join(self.lines) + "\n")
        cdb = os.path.join(self.dir, "users.cdb")
        mk = os.environ.get("MKUSERS") or mailtest.prog("login/mkusers")
        subprocess.run([mk, src, cdb], check=True)
        return cdb


def lmtpd(table, env=None):
    e = {"LMTP_HOSTNAME": "mx.test", "TZ": "UTC"}
    e.update(env or {})
    return mailtest.Server([mailtest.prog("lmtpd/lmtpd"), table], env=e)


class Raw:
    """A raw LMTP client: send bytes, read reply lines."""

    def __init__(self, port, timeout=20):
        self.s = socket.create_connection(("127.0.0.1", port), timeout)
        self.buf = b""

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.s.sendall(data)

    def line(self):
        while b"\r\n" not in self.buf:
            d = self.s.recv(65536)
            if not d:
                r, self.buf = self.buf, b""
                return r.decode("utf-8", "replace")
            self.buf += d
        ln, self.buf = self.buf.split(b"\r\n", 1)
        return ln.decode("utf-8", "replace")

    def reply(self):
        """One whole (possibly multi-line) reply as a list of lines."""
        lines = [self.line()]
        while len(lines[-1]) > 3 and lines[-1][3] == "-":
            lines.append(self.line())
        return lines

    def replies(self, n):
        """The last line of each of n replies."""
        return [self.reply()[-1] for _ in range(n)]

    def cmd(self, line):
        self.send(line + "\r\n")
        return self.reply()[-1]

    def close(self):
        self.s.close()


def message_files(maildir):
    """{name: bytes} of the messages in new/ and cur/."""
    out = {}
    for rel in mailtest.maildir_files(maildir):
        with open(os.path.join(maildir, rel), "rb") as f:
            out[rel] = f.read()
    return out


def split_headers(data):
    """(our three trace header fields as one block, the rest)."""
    lines = data.split(b"\n")
    i = 0
    assert lines[0].startswith(b"Return-Path: ")
    assert lines[1].startswith(b"Delivered-To: ")
    assert lines[2].startswith(b"Received: ")
    i = 3
    while lines[i].startswith(b"\t"):
        i += 1
    return b"\n".join(lines[:i]) + b"\n", b"\n".join(lines[i:])


def crlf(msg):
    """LF message -> CRLF wire form, dot-stuffed, with the end line."""
    lines = msg.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = b"".join((b"." + ln if ln.startswith(b".") else ln) + b"\r\n"
                   for ln in lines)
    return out + b".\r\n"


def user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def corpus(count, seed=1):
    """count gen_mbox messages with LF line ends (the generator writes
    CRLF; Maildir files hold LF)."""
    d = mailtest.tmpdir("corpus")
    mbox = os.path.join(d, "c.mbox")
    subprocess.run([sys.executable, mailtest.CORPUS, str(count), mbox,
                    str(seed)], check=True, stdout=subprocess.DEVNULL)
    with open(mbox, "rb") as f:
        data = f.read().replace(b"\r\n", b"\n")
    return mailtest.split_mbox(data)
