#!/usr/bin/env python3
"""pop3.py: benchmark pop3d against Dovecot's pop3 (run by pop3.sh).

Both servers run pre-authenticated on pipes, on identical copies of a
gen_mbox Maildir (names with S= and W=, as deliver writes them).  For
each: a cold session (first open: UIDs assigned, Dovecot builds its
index) and a warm one; each does STAT, UIDL, then RETR of every message,
pipelined 32 commands ahead as fetchmail/getmail do not, but as a fast
client may.  Reported: messages/s, MB/s (wire octets), session time, and
the server's peak RSS (ru_maxrss from wait4).  Then bounded-memory
checks: a 100,000-message mailbox (STAT, LIST, UIDL) and a 100 MB
message (RETR).

    POP3_BENCH_N=10000 POP3_BENCH_BIG=100000 POP3_BENCH_MB=100
"""
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import mailtest  # noqa: E402
import pop3test  # noqa: E402

N = int(os.environ.get("POP3_BENCH_N", "10000"))
BIG_N = int(os.environ.get("POP3_BENCH_BIG", "100000"))
BIG_MB = int(os.environ.get("POP3_BENCH_MB", "100"))
WINDOW = 32
ROUNDS = int(os.environ.get("POP3_BENCH_ROUNDS", "3"))
F_SETPIPE_SZ = 1031
POP3D = mailtest.prog("pop3d/pop3d")
HAVE_DOVECOT = os.access(pop3test.DOVECOT_POP3, os.X_OK)


def fill(md, msgs):
    t = int(time.time())
    for i, m in enumerate(msgs):
        name = (f"{t}.M{i:07d}P1.bench,S={len(m)},"
                f"W={pop3test.crlf_vsize(m)}")
        with open(os.path.join(md, "new", name), "wb") as f:
            f.write(m)


class Client:
    """A fast pipelining client over the server's pipes: the input is
    parsed in place (an offset into one buffer), never copied per line."""

    def __init__(self, proc, greeting):
        self.proc, self.buf, self.pos = proc, b"", 0
        self.r, self.w = proc.stdout.fileno(), proc.stdin
        for fd in (self.r, self.w.fileno()):
            try:
                fcntl.fcntl(fd, F_SETPIPE_SZ, 1 << 20)
            except OSError:
                pass
        if greeting:
            self.status()

    def fill(self):
        chunk = os.read(self.r, 1 << 20)
        if not chunk:
            raise EOFError("server closed")
        self.buf = self.buf[self.pos:] + chunk
        self.pos = 0

    def status(self):
        while True:
            i = self.buf.find(b"\r\n", self.pos)
            if i >= 0:
                line = self.buf[self.pos:i]
                self.pos = i + 2
                return line
            self.fill()

    def body(self):
        """Skip a multi-line body; returns its wire size (stuffed)."""
        bstart = self.pos       # where the body starts (may go negative)
        search = self.pos - 2   # the status line's CRLF: empty body
        while True:
            i = self.buf.find(b"\r\n.\r\n", search)
            if i >= 0:
                self.pos = i + 5
                return max(i + 2 - bstart, 0)
            cut = max(search, len(self.buf) - 4)
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise EOFError("server closed")
            self.buf = self.buf[cut:] + chunk
            bstart -= cut
            search = 0

    def send(self, data):
        self.w.write(data)
        self.w.flush()

    def cmd(self, c, multi=False):
        self.send(c + b"\r\n")
        st = self.status()
        if multi and st.startswith(b"+OK"):
            self.body()
        return st

    def retr_all(self, n):
        octets, sent, done = 0, 0, 0
        while done < n:
            batch = b""
            while sent < n and sent - done < WINDOW:
                sent += 1
                batch += b"RETR %d\r\n" % sent
            if batch:
                self.send(batch)
            st = self.status()
            if not st.startswith(b"+OK"):
                raise RuntimeError(st)
            octets += self.body()
            done += 1
        return octets


def cpu_seconds(proc):
    """utime + stime of the server so far."""
    with open(f"/proc/{proc.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss(proc):
    """VmHWM of the server now (kB): its peak RSS so far.  (ru_maxrss of
    a child forked from this big Python process would count our pages.)"""
    with open(f"/proc/{proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def start(kind, md, conf):
    if kind == "pop3d":
        p = subprocess.Popen([POP3D, md], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL,
                             env={"PATH": "/usr/bin:/bin", "USER": "bench"})
        return Client(p, True)
    return Client(pop3test.dovecot_pop3(conf, stderr=subprocess.DEVNULL),
                  False)


def session(kind, md, conf, n):
    t0 = time.time()
    c = start(kind, md, conf)
    st = c.cmd(b"STAT")
    c.cmd(b"UIDL", True)
    t1 = time.time()
    octets = c.retr_all(n)
    t2 = time.time()
    rss = peak_rss(c.proc)
    cpu = cpu_seconds(c.proc)
    c.cmd(b"QUIT")
    c.proc.stdin.close()
    c.proc.wait()
    return {"stat": st, "retr_s": t2 - t1, "total_s": t2 - t0,
            "octets": octets, "rss_kb": rss, "cpu_s": cpu}


def report(kind, tag, r, n):
    print(f"{kind:8} {tag:5} {n / r['retr_s']:9.0f} msg/s "
          f"{r['octets'] / r['retr_s'] / 1e6:8.1f} MB/s  session "
          f"{r['total_s']:6.2f} s  server CPU {r['cpu_s']:5.2f} s  "
          f"peak RSS {r['rss_kb'] / 1024:5.1f} MB")


def bench_retr(work):
    print(f"== RETR of {N} gen_mbox messages (pipelined {WINDOW} deep); "
          f"warm: best of {ROUNDS} alternating rounds")
    msgs = mailtest.corpus_messages(N, seed=1)
    total = sum(len(m) for m in msgs)
    print(f"   {N} messages, {total / 1e6:.1f} MB on disk")
    kinds = ["pop3d"] + (["dovecot"] if HAVE_DOVECOT else [])
    mds, confs, res = {}, {}, {}
    for kind in kinds:
        mds[kind] = mailtest.make_maildir(
            os.path.join(work, kind, "Maildir"))
        fill(mds[kind], msgs)
        confs[kind] = (pop3test.dovecot_conf(os.path.join(work, kind),
                                             mds[kind])
                       if kind == "dovecot" else None)
    subprocess.run(["sync"])
    for kind in kinds:
        res[kind, "cold"] = session(kind, mds[kind], confs[kind], N)
    for _ in range(ROUNDS):
        for kind in kinds:
            r = session(kind, mds[kind], confs[kind], N)
            best = res.get((kind, "warm"))
            if best is None or r["retr_s"] < best["retr_s"]:
                res[kind, "warm"] = r
    for kind in kinds:
        for tag in ("cold", "warm"):
            report(kind, tag, res[kind, tag], N)
    if not HAVE_DOVECOT:
        print("   Dovecot's pop3 not installed: no comparison")
        return
    for tag in ("cold", "warm"):
        a, b = res["pop3d", tag], res["dovecot", tag]
        print(f"   {tag}: pop3d/dovecot throughput x"
              f"{b['retr_s'] / a['retr_s']:.2f}, server CPU x"
              f"{a['cpu_s'] / max(b['cpu_s'], 0.01):.2f}, peak RSS x"
              f"{a['rss_kb'] / b['rss_kb']:.2f}; same octets: "
              f"{a['octets'] == b['octets']}, same STAT: "
              f"{a['stat'] == b['stat']}")


def bench_many(work):
    print(f"== {BIG_N} small messages: STAT, LIST, UIDL")
    md = mailtest.make_maildir(os.path.join(work, "many", "Maildir"))
    fill(md, [b"Subject: %d\n\nsmall body\n" % i for i in range(BIG_N)])
    for tag in ("cold", "warm"):
        t0 = time.time()
        c = start("pop3d", md, None)
        st = c.cmd(b"STAT")
        c.cmd(b"LIST", True)
        c.cmd(b"UIDL", True)
        c.cmd(b"RETR %d" % BIG_N, True)
        rss = peak_rss(c.proc)
        c.cmd(b"QUIT")
        c.proc.stdin.close()
        c.proc.wait()
        print(f"pop3d    {tag:5} {st.decode()}: {time.time() - t0:6.2f} s, "
              f"peak RSS {rss / 1024:6.1f} MB")
    shutil.rmtree(os.path.join(work, "many"))


def bench_big(work):
    print(f"== one {BIG_MB} MB message: RETR")
    kinds = ["pop3d"] + (["dovecot"] if HAVE_DOVECOT else [])
    line = b"0123456789" * 7 + b"\n"
    for kind in kinds:
        md = mailtest.make_maildir(os.path.join(work, "big" + kind, "Maildir"))
        with open(os.path.join(md, "new", "1.big.bench"), "wb") as f:
            f.write(b"Subject: big\n\n")
            for _ in range((BIG_MB << 20) // len(line)):
                f.write(line)
        conf = (pop3test.dovecot_conf(os.path.join(work, "big" + kind), md)
                if kind == "dovecot" else None)
        r = session(kind, md, conf, 1)
        print(f"{kind:8} {r['octets'] / r['retr_s'] / 1e6:8.1f} MB/s, "
              f"peak RSS {r['rss_kb'] / 1024:6.1f} MB")
        shutil.rmtree(os.path.join(work, "big" + kind))


def main():
    work = tempfile.mkdtemp(prefix="pop3bench-")
    os.chmod(work, 0o755)
    try:
        bench_retr(work)
        bench_many(work)
        bench_big(work)
    finally:
        shutil.rmtree(work, True)


main()
