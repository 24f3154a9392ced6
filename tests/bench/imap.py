"""imap.py: imapd vs Dovecot's imap on identical gen_mbox Maildirs.

Both servers run pre-authenticated on pipes (the login chain is the
same cost for both and is measured by the login benchmarks), each on
its own copy of the folder.  Printed for both, and as a ratio
imapd/Dovecot (below 1 means imapd is faster):

  SELECT cold (first open ever) and warm (a second session)
  UID FETCH 1:* (FLAGS)
  FETCH 1:* (ENVELOPE), first and second time
  SEARCH TEXT <rare word>
  FETCH BODY.PEEK[] of 1,000 messages (MB/s)
  memory of the idle session (kB): private (Private_Clean + Private_Dirty
  from /proc/PID/smaps_rollup) and RSS, right after login, after SELECT,
  and at the end (after the FETCHes and the SEARCH above)

IMAP_BENCH_SIZES="10000 100000" chooses the folder sizes (default 10000).
"""
import os
import shutil
import subprocess
import sys
import time

SRC = os.environ.get("SRC", os.getcwd())
sys.path.insert(0, os.path.join(SRC, "tests", "lib"))
import mailtest  # noqa: E402

DOVECOT = "/usr/lib/dovecot/imap"
RARE = "xylophonically"


class Session:
    def __init__(self, argv, env):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=env)
        self.n = 0
        self.line()             # PREAUTH greeting

    def line(self):
        out = b""
        while True:
            ln = self.p.stdout.readline()
            if not ln:
                raise EOFError("server closed")
            out += ln
            s = ln.rstrip(b"\r\n")
            if s.endswith(b"}") and b"{" in s:
                n = int(s[s.rindex(b"{") + 1:-1])
                out += self.p.stdout.read(n)
                continue
            return out

    def cmd(self, text):
        self.n += 1
        tag = b"b%d" % self.n
        self.p.stdin.write(tag + b" " + text.encode() + b"\r\n")
        self.p.stdin.flush()
        t0 = time.perf_counter()
        nbytes = 0
        while True:
            ln = self.line()
            nbytes += len(ln)
            if ln.startswith(tag + b" "):
                if not ln.startswith(tag + b" OK"):
                    raise RuntimeError(ln)
                return time.perf_counter() - t0, nbytes

    def mem_kb(self):
        """(Private_Clean + Private_Dirty, Rss) in kB from smaps_rollup."""
        priv = rss = 0
        time.sleep(0.2)         # idle: let either server settle
        with open("/proc/%d/smaps_rollup" % self.p.pid) as f:
            for ln in f:
                if ln.startswith(("Private_Clean:", "Private_Dirty:")):
                    priv += int(ln.split()[1])
                elif ln.startswith("Rss:"):
                    rss = int(ln.split()[1])
        return priv, rss

    def close(self):
        try:
            self.cmd("LOGOUT")
        except (EOFError, BrokenPipeError, RuntimeError):
            pass
        self.p.wait()


def dovecot_conf(work, md):
    run = os.path.join(work, "dovecot-run")
    os.makedirs(run, exist_ok=True)
    uid = gid = 65534 if os.geteuid() == 0 else None
    if uid is not None:
        subprocess.run(["chown", "-R", "%d:%d" % (uid, gid), md], check=True)
    else:
        uid, gid = os.getuid(), os.getgid()
    conf = os.path.join(work, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(f"base_dir = {run}\nstate_dir = {run}\n"
                "log_path = /dev/null\n"
                f"mail_location = maildir:{md}\n"
                f"mail_uid = {uid}\nmail_gid = {gid}\n"
                "first_valid_uid = 0\nfirst_valid_gid = 0\n"
                "protocols = imap\nssl = no\n")
    return conf


def make_folder(path, msgs):
    mailtest.make_maildir(path)
    now = int(time.time()) - 86400
    for i, m in enumerate(msgs):
        with open(os.path.join(path, "new", "%d.M%dP1.bench" % (now, i)),
                  "wb") as f:
            f.write(m)


def run(kind, md, conf, n):
    if kind == "imapd":
        argv = [mailtest.prog("imapd/imapd")]
        env = {"MAILDIR": md, "USER": "bench", "PATH": "/usr/bin:/bin"}
    else:
        argv = [DOVECOT, "-c", conf]
        env = {"USER": "bench", "HOME": "/nonexistent",
               "PATH": "/usr/bin:/bin"}
    r = {}
    s = Session(argv, env)
    r["SELECT cold"] = s.cmd("SELECT INBOX")[0]
    s.close()
    s = Session(argv, env)
    r["idle private kB, login"], r["idle RSS kB, login"] = s.mem_kb()
    r["SELECT warm"] = s.cmd("SELECT INBOX")[0]
    r["idle private kB, SELECT"], r["idle RSS kB, SELECT"] = s.mem_kb()
    r["UID FETCH 1:* (FLAGS)"] = s.cmd("UID FETCH 1:* (FLAGS)")[0]
    r["FETCH 1:* (ENVELOPE) 1st"] = s.cmd("FETCH 1:* (ENVELOPE)")[0]
    r["FETCH 1:* (ENVELOPE) 2nd"] = s.cmd("FETCH 1:* (ENVELOPE)")[0]
    r["SEARCH TEXT rare word"] = s.cmd("SEARCH TEXT " + RARE)[0]
    m = min(1000, n)
    dt, nb = s.cmd("FETCH 1:%d (BODY.PEEK[])" % m)
    r["BODY[] MB/s"] = nb / dt / 1e6
    r["idle private kB, end"], r["idle RSS kB, end"] = s.mem_kb()
    s.close()
    return r


def main():
    if not os.access(DOVECOT, os.X_OK):
        print("Dovecot's imap is not installed: imapd figures only")
    sizes = [int(x) for x in
             os.environ.get("IMAP_BENCH_SIZES", "10000").split()]
    for n in sizes:
        work = mailtest.tmpdir("imap-bench")
        os.chmod(work, 0o755)
        msgs = mailtest.corpus_messages(n)
        msgs[n // 2] = msgs[n // 2].replace(b"\n\n", b"\n\n%s\n" %
                                            RARE.encode(), 1)
        ours = os.path.join(work, "ours")
        make_folder(ours, msgs)
        res = {"imapd": run("imapd", ours, None, n)}
        if os.access(DOVECOT, os.X_OK):
            theirs = os.path.join(work, "theirs")
            make_folder(theirs, msgs)
            conf = dovecot_conf(work, theirs)
            res["dovecot"] = run("dovecot", theirs, conf, n)
        print("\n%d messages" % n)
        print("%-28s %12s %12s %8s" % ("", "imapd", "dovecot", "ratio"))
        for k in res["imapd"]:
            a = res["imapd"][k]
            b = res.get("dovecot", {}).get(k)
            unit = "" if "MB/s" in k or "kB" in k else " s"
            fa = "%.3f%s" % (a, unit) if unit else "%.1f" % a
            fb = ("%.3f%s" % (b, unit) if unit else "%.1f" % b) \
                if b is not None else "-"
            ratio = "%.2f" % (a / b) if b else "-"
            print("%-28s %12s %12s %8s" % (k, fa, fb, ratio))
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
