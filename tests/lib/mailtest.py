"""mailtest.py: shared fixtures for the end-to-end tests.

Programs are found under $BUILD (set by `make check`; the ASan build sets
it to build-san).  Nothing here talks a protocol: each test drives the
real programs with a real client library.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("SRC") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD") or SRC
CORPUS = os.path.join(SRC, "tests", "lib", "gen_mbox.py")  # copy of ../shared/corpus
if not os.path.exists(CORPUS):	# a worktree in /work/wt/<name>
    CORPUS = os.path.join(SRC, "..", "..", "shared", "corpus", "gen_mbox.py")
IS_ROOT = os.geteuid() == 0


def prog(path):
    """Absolute path of a built program, e.g. prog('deliver/deliver')."""
    p = os.path.join(BUILD, path)
    if not os.access(p, os.X_OK):
        raise SystemExit(f"Bail out! {p} not built")
    if os.environ.get("VALGRIND") and not p.endswith(".so"):
        return valgrind_wrapper(p)
    return p


def valgrind_wrapper(p):
    """With VALGRIND=<log dir> (make check-valgrind) a program runs under
    valgrind through a small wrapper script; every process writes its
    report to <log dir>/<name>.<pid>.log, and the make target fails if
    any report is not empty."""
    logs = os.environ["VALGRIND"]
    wdir = os.path.join(logs, "bin")
    os.makedirs(wdir, exist_ok=True)
    w = os.path.join(wdir, p.strip("/").replace("/", "_"))
    if not os.path.exists(w):
        name = os.path.basename(p)
        tmp = f"{w}.{os.getpid()}"
        with open(tmp, "w") as f:
            f.write("#!/bin/sh\nexec valgrind -q --error-exitcode=97 "
                    "--vgdb=no --leak-check=full --errors-for-leak-kinds=definite "
                    "--show-leak-kinds=definite "
                    f"--log-file={logs}/{name}.%p.log {p} \"$@\"\n")
        os.chmod(tmp, 0o755)
        os.replace(tmp, w)
    return w


def tmpdir(name="t"):
    """A fresh directory removed at exit (kept if KEEP_TMP is set)."""
    d = tempfile.mkdtemp(prefix=f"mdtest-{name}-")
    if not os.environ.get("KEEP_TMP"):
        import atexit
        atexit.register(shutil.rmtree, d, True)
    return d


def make_maildir(path, folders=()):
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    for f in folders:
        fp = os.path.join(path, "." + f)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(fp, sub), exist_ok=True)
        open(os.path.join(fp, "maildirfolder"), "w").close()
    return path


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


class Server:
    """tcpserver on a free loopback port running argv per connection.

        with Server(["imap-login", ...], env={...}) as srv:
            imaplib.IMAP4("127.0.0.1", srv.port)
    The server's stderr (the programs' log lines) is kept in srv.log().
    """

    def __init__(self, argv, env=None, tcpserver_opts=("-HRl0",)):
        self.port = free_port()
        self.logpath = tempfile.mktemp(prefix="mdtest-log-")
        e = dict(os.environ)
        e.update(env or {})
        self.logf = open(self.logpath, "w+")
        self.proc = subprocess.Popen(
            ["tcpserver", *tcpserver_opts, "127.0.0.1", str(self.port), *argv],
            env=e, stdin=subprocess.DEVNULL, stdout=self.logf,
            stderr=self.logf, start_new_session=True)
        if not wait_port(self.port):
            self.stop()
            raise RuntimeError("tcpserver did not start: " + self.log())

    def log(self):
        self.logf.flush()
        with open(self.logpath) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.logf.close()
        if not os.environ.get("KEEP_TMP"):
            try:
                os.unlink(self.logpath)
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def corpus_messages(count, seed=1):
    """count realistic messages (bytes, LF line ends) from gen_mbox.py."""
    d = tmpdir("corpus")
    mbox = os.path.join(d, "c.mbox")
    subprocess.run([sys.executable, CORPUS, str(count), mbox, str(seed)],
                   check=True, stdout=subprocess.DEVNULL)
    # gen_mbox.py writes CRLF; the messages are documented as LF.
    with open(mbox, "rb") as f:
        return split_mbox(f.read().replace(b"\r\n", b"\n"))


def split_mbox(data):
    """Split an mboxo/mboxrd byte string into messages ('From ' removed,
    '>From ' unquoted one level)."""
    msgs, cur = [], None
    for line in data.split(b"\n"):
        if line.startswith(b"From ") and (cur is None or
                                           cur[-1:] in ([b""], [b"\r"])):
            if cur is not None:
                msgs.append(b"\n".join(cur[:-1]) + b"\n")
            cur = []
            continue
        if cur is None:
            continue
        if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            line = line[1:]
        cur.append(line)
    if cur:
        while cur and cur[-1] == b"":
            cur.pop()
        msgs.append(b"\n".join(cur) + b"\n")
    return msgs


def maildir_files(path):
    """Names of message files in new/ and cur/ of a Maildir."""
    out = []
    for sub in ("new", "cur"):
        d = os.path.join(path, sub)
        if os.path.isdir(d):
            out += [os.path.join(sub, n) for n in os.listdir(d)
                    if not n.startswith(".")]
    return sorted(out)
