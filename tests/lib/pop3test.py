"""pop3test.py: helpers for the pop3d end-to-end tests (tests/e2e/pop3-*.t).

pop3d is started directly over a socketpair, the way pop3-login leaves it
(fd 4: the "started" pipe, fd 5: client bytes already read), or behind
tcpserver with mailtest.Server.  Messages are written straight into the
Maildir, as a delivery agent would.
"""
import fcntl
import os
import poplib
import socket
import subprocess
import time

import mailtest

_seq = [0]


def put_msg(maildir, data, sub="new", name=None, info=None, vsize=None):
    """Write one message file; returns its file name (without new/ cur/)."""
    _seq[0] += 1
    if name is None:
        name = (f"{int(time.time())}.M{_seq[0]:06d}P{os.getpid()}.test,"
                f"S={len(data)}")
        if vsize is not None:
            name += f",W={vsize}"
    if info is not None:
        name += ":2," + info
    tmp = os.path.join(maildir, "tmp", name)
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(maildir, sub, name))
    return name


def crlf_vsize(data):
    """Dovecot's W=: LF counted as CRLF."""
    return len(data) + data.count(b"\n") - data.count(b"\r\n")


def wire(data):
    """What RETR must send for data, before the final '.\\r\\n', unstuffed
    (the reference model of pop3d/wire.c, written independently)."""
    out = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    out = out.replace(b"\n", b"\r\n")
    if out and not out.endswith(b"\r\n"):
        out += b"\r\n"
    return out


class Direct:
    """pop3d on a socketpair, as after a login handoff.

    d = Direct(maildir, env={...}, pending=b"STAT\\r\\n")
    d.line() -> first line (+OK Logged in.); d.send(b"..."); d.close()
    """

    def __init__(self, maildir, env=None, pending=None, args=None,
                 started_fd=True, user=None):
        self.sock, theirs = socket.socketpair()
        e = {k: v for k, v in os.environ.items()
             if not k.startswith("POP3_")}
        e.update({"MAILDIR": maildir, "USER": "tester",
                  "TCPREMOTEIP": "127.0.0.1"})
        e.update(env or {})
        r4, w4 = os.pipe()
        r5, w5 = os.pipe()
        if pending is not None:
            os.write(w5, pending)
        os.close(w5)
        # Move both ends above 4 and 5 so the dup2s cannot collide.
        hi4 = fcntl.fcntl(w4, fcntl.F_DUPFD, 10)
        hi5 = fcntl.fcntl(r5, fcntl.F_DUPFD, 10)
        os.close(w4)
        os.close(r5)

        def setup():
            if started_fd:
                os.dup2(hi4, 4)
                os.dup2(hi5, 5)
        self.proc = subprocess.Popen(
            [mailtest.prog("pop3d/pop3d"), *(args or [])],
            stdin=theirs, stdout=theirs, stderr=subprocess.PIPE, env=e,
            preexec_fn=setup, pass_fds=(4, 5) if started_fd else (),
            **({"user": user[0], "group": user[1], "extra_groups": []}
               if user else {}))
        os.close(hi4)
        os.close(hi5)
        self.started = os.read(r4, 1)
        os.close(r4)
        theirs.close()
        self.sock.settimeout(20)
        self.f = self.sock.makefile("rb")
        self._log = None

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        return self.f.readline()

    def multi(self):
        """Read a multi-line response after its status line; unstuffed."""
        out = []
        while True:
            ln = self.f.readline()
            if ln == b".\r\n" or ln == b"":
                return b"".join(out)
            out.append(ln[1:] if ln.startswith(b"..") else ln)

    def cmd(self, c):
        self.send(c + b"\r\n")
        return self.line()

    def rss_peak_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for ln in f:
                if ln.startswith("VmHWM:"):
                    return int(ln.split()[1])
        return -1

    def close(self, quit=True):
        if quit and self.proc.poll() is None:
            try:
                self.cmd(b"QUIT")
            except OSError:
                pass
        self.sock.close()
        self.f.close()
        return self.wait()

    def wait(self):
        err = self.proc.stderr.read()
        self.proc.wait(20)
        self._log = err.decode(errors="replace")
        return self.proc.returncode

    def log(self):
        return self._log or ""


class SockPOP3(poplib.POP3):
    """poplib on an already connected socket (the first line is read)."""

    def __init__(self, sock):
        self.host = "socketpair"
        self.port = 0
        self._tls_established = False
        self._debugging = 0
        self.sock = sock
        self.file = sock.makefile("rb")
        self.welcome = self._getresp()


def poplib_direct(maildir, env=None):
    """(poplib object, Direct) for pop3d on a socketpair."""
    d = Direct.__new__(Direct)
    Direct.__init__(d, maildir, env)
    # Hand the socket to poplib: it reads the +OK itself.
    d.f.close()
    p = SockPOP3(d.sock)
    d.f = p.file
    return p, d


DOVECOT_POP3 = "/usr/lib/dovecot/pop3"


def dovecot_conf(workdir, maildir):
    """A private Dovecot config for running its pop3 binary pre-
    authenticated on maildir (never the system service).  As root, mail
    is accessed as nobody (Dovecot refuses uid 0): maildir is chowned."""
    run = os.path.join(workdir, "dovecot-run")
    os.makedirs(run, exist_ok=True)
    if os.geteuid() == 0:
        uid = gid = 65534
        for dp, dn, fn in os.walk(maildir):
            os.chown(dp, uid, gid)
            for f in fn:
                os.chown(os.path.join(dp, f), uid, gid)
        d = maildir
        while d != "/":
            d = os.path.dirname(d)
            if d.startswith(tempfile_root()):
                os.chmod(d, 0o755)
    else:
        uid, gid = os.getuid(), os.getgid()
    conf = os.path.join(workdir, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(f"base_dir = {run}\nstate_dir = {run}\n"
                "log_path = /dev/stderr\n"
                f"mail_location = maildir:{maildir}\n"
                f"mail_uid = {uid}\nmail_gid = {gid}\n"
                "first_valid_uid = 0\nfirst_valid_gid = 0\n"
                "protocols = pop3\nssl = no\n"
                "pop3_uidl_format = %08Xu%08Xv\n")
    return conf


def tempfile_root():
    import tempfile
    return tempfile.gettempdir() + "/mdtest-"


def dovecot_pop3(conf, stderr=subprocess.PIPE):
    """Dovecot's pop3 pre-authenticated on pipes (it refuses a socket on
    stdin, taking it for inetd); it sends no greeting.  Returns the Popen
    with stdin/stdout pipes."""
    return subprocess.Popen(
        [DOVECOT_POP3, "-c", conf], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=stderr,
        env={"USER": "tester", "HOME": "/nonexistent",
             "PATH": "/usr/bin:/bin"})
