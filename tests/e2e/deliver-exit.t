#!/usr/bin/env python3
"""deliver-exit.t: every exit status of deliver(8), qmail style and with
-s (sysexits), a one-line reason on stderr, and nothing left behind on
failure: missing or unwritable Maildir, a file as Maildir, usage errors,
mail loops, bad sender, over quota, read errors, a full disk."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
DELIVER = mailtest.prog("deliver/deliver")
TOP = mailtest.tmpdir("deliver-exit")
ENV = {k: v for k, v in os.environ.items()
       if k not in ("SENDER", "RECIPIENT", "DTLINE", "RPLINE",
                    "RECIPIENT_DELIMITER")}
MSG = b"Subject: exit\n\nbody\n"


def run(args, data=MSG, stdin=None, wrap=()):
    p = subprocess.run([*wrap, DELIVER, *args], input=None if stdin else data,
                       stdin=stdin, env=ENV, capture_output=True, cwd=TOP)
    return p.returncode, p.stderr.decode(errors="replace")


def both(args, want_q, want_s, label, **kw):
    """Run with and without -s; check codes and the one-line reason."""
    rc, err = run(args, **kw)
    rcs, errs = run(["-s", *args], **kw)
    t.is_((rc, rcs), (want_q, want_s), f"{label}: exit {want_q} / -s {want_s}")
    lines = err.strip().split("\n")
    t.ok(len(lines) == 1 and "deliver-fail" in lines[0] and "reason=" in
         lines[0], f"{label}: one-line reason ({lines[-1][:70]})")
    return err


def leftovers(md):
    out = []
    for sub in ("tmp", "new", "cur"):
        d = os.path.join(md, sub)
        if os.path.isdir(d):
            out += os.listdir(d)
    return out


md = mailtest.make_maildir(os.path.join(TOP, "Maildir"))

rc, err = run([md])
t.is_((rc, err.count("\n")), (0, 1), "delivered: exit 0, one info line")
rc, _ = run(["-s", md])
t.is_(rc, 0, "delivered with -s: exit 0")
shutil.rmtree(md)
mailtest.make_maildir(md)

# missing Maildir: temporary, or created with -c
missing = os.path.join(TOP, "missing")
both([missing + "/"], 111, 75, "missing Maildir")
t.ok(not os.path.exists(missing), "  nothing created without -c")
rc, _ = run(["-c", missing + "/"])
t.ok(rc == 0 and len(os.listdir(os.path.join(missing, "new"))) == 1,
     "-c creates the Maildir and delivers")
rc, _ = run(["-c", os.path.join(TOP, "deep", "er", "Maildir")])
t.is_(rc, 0, "-c creates missing parents too")

# a file where the Maildir should be
afile = os.path.join(TOP, "afile")
open(afile, "w").close()
both([afile], 111, 75, "a file as Maildir")

# usage errors defer (a configuration mistake must not bounce mail)
both([], 111, 75, "no Maildir and no -d")
both(["-Z", md], 111, 75, "unknown option")
both(["-d", "a@b", md], 111, 75, "both -d and a Maildir")
both(["-w", "200", md], 111, 75, "bad -w percent")
both(["-Q", "lots", md], 111, 75, "bad -Q limits")

# mail loop and bad envelope values: permanent
loop = b"Received: x\nDelivered-To: me@example.org\nSubject: l\n\nb\n"
both(["-a", "me@example.org", md], 100, 65, "mail loop", data=loop)
t.is_(leftovers(md), [], "  nothing delivered, nothing in tmp/")
both(["-f", "a@b\nX-Injected: 1", md], 100, 65, "newline in the sender")

# over quota: temporary by default, permanent with -q
big = b"Subject: big\n\n" + b"x" * 5000 + b"\n"
both(["-Q", "1000S", md], 111, 75, "over quota", data=big)
both(["-q", "-Q", "1000S", md], 100, 73, "over quota with -q", data=big)
t.is_(leftovers(md), [], "  over quota leaves nothing behind")
rc, _ = run(["-Q", "100000S", md], data=big)
t.is_(rc, 0, "under quota: delivered")
shutil.rmtree(md)
mailtest.make_maildir(md)

# a read error on standard input (a directory cannot be read)
fd = os.open(TOP, os.O_RDONLY | os.O_DIRECTORY)
both([md], 111, 75, "read error on stdin", stdin=fd)
os.close(fd)
t.is_(leftovers(md), [], "  read error leaves nothing behind")

# killed by the MTA mid-message (SIGTERM): temporary, tmp/ cleaned
import signal  # noqa: E402
import time  # noqa: E402
p = subprocess.Popen([DELIVER, md], stdin=subprocess.PIPE, env=ENV,
                     stderr=subprocess.DEVNULL)
p.stdin.write(b"Subject: slow\n\n" + b"s" * 100000)
p.stdin.flush()
for _ in range(200):
    if os.listdir(os.path.join(md, "tmp")):
        break
    time.sleep(0.01)
seen = os.listdir(os.path.join(md, "tmp"))
p.send_signal(signal.SIGTERM)
rc = p.wait(10)
p.stdin.close()
t.ok(len(seen) == 1 and rc == 111, f"SIGTERM mid-message: 111 (rc {rc})")
t.is_(leftovers(md), [], "  the tmp file is removed")

# -d while the user table is missing: temporary
both(["-d", "x@example.org", "-t", os.path.join(TOP, "no.cdb")], 111, 75,
     "-d with an unreadable user table")

# unwritable Maildir: temporary, nothing left behind
if mailtest.IS_ROOT and shutil.which("unshare"):
    ro = ["unshare", "-m", "sh", "-c",
          f"mount --bind {md} {md} && mount -o remount,ro,bind {md} && "
          'exec "$@"', "sh"]
    both([md], 111, 75, "read-only Maildir (ro bind mount)", wrap=ro)
    t.is_(leftovers(md), [], "  nothing left behind")
elif not mailtest.IS_ROOT:
    os.chmod(os.path.join(md, "tmp"), 0o500)
    both([md], 111, 75, "unwritable tmp/ (mode 0500)")
    os.chmod(os.path.join(md, "tmp"), 0o700)
    t.is_(leftovers(md), [], "  nothing left behind")
else:
    t.skip("unshare(1) missing: no read-only mount", 3)

# a full disk: a 64 KiB tmpfs in a private mount namespace
if mailtest.IS_ROOT and shutil.which("unshare"):
    small = os.path.join(TOP, "small")
    os.mkdir(small)
    script = (f"mount -t tmpfs -o size=64k none {small} && "
              f"mkdir -p {small}/M/tmp {small}/M/new {small}/M/cur && "
              f'"$@"; rc=$?; find {small}/M -type f; exit $rc')
    p = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", DELIVER,
                        "-s", f"{small}/M"], input=b"Subject: full\n\n" +
                       b"y" * 300000 + b"\n", env=ENV, capture_output=True)
    out = p.stdout.decode()
    t.is_(p.returncode, 75, "full disk (ENOSPC): temporary (75)")
    t.like(p.stderr.decode(), r"No space left", "  the reason says why")
    t.is_(out.split(), [], "  tmp/ and new/ empty afterwards")
else:
    t.skip("needs root for a tmpfs in a private mount namespace", 3)
t.done()
