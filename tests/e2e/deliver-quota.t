#!/usr/bin/env python3
"""deliver-quota.t: Maildir++ quota through deliver: maildirsize limits
and delta lines matching the files, byte and message limits, grace,
recalculation after a non-quota-aware client removed mail, folders
counted in the parent, and the quota warning (once per crossing)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
DELIVER = mailtest.prog("deliver/deliver")
TOP = mailtest.tmpdir("deliver-quota")
ENV = {k: v for k, v in os.environ.items()
       if k not in ("SENDER", "RECIPIENT", "DTLINE", "RPLINE")}


def deliver(args, data):
    p = subprocess.run([DELIVER, *args], input=data, env=ENV,
                       capture_output=True)
    return p.returncode, p.stderr.decode(errors="replace")


def usage(md):
    """What is really there: sum of S= and count, Trash excluded."""
    b = c = 0
    for root, dirs, names in os.walk(md):
        rel = os.path.relpath(root, md)
        if rel.split(os.sep)[0] == ".Trash" or \
                os.path.basename(root) not in ("new", "cur"):
            continue
        for n in names:
            m = re.search(r",S=(\d+)", n)
            b += int(m.group(1)) if m else os.path.getsize(
                os.path.join(root, n))
            c += 1
    return b, c


def maildirsize(md):
    lines = open(os.path.join(md, "maildirsize")).read().split("\n")
    b = c = 0
    for ln in lines[1:]:
        if ln.strip():
            x, y = ln.split()
            b, c = b + int(x), c + int(y)
    return lines[0], b, c


md = mailtest.make_maildir(os.path.join(TOP, "Maildir"), folders=["F"])
msgs = [m for m in mailtest.corpus_messages(40, seed=3) if len(m) < 6000]
rcs = [deliver(["-Q", "100000S,8C", md], m)[0] for m in msgs[:5]]
rcs.append(deliver(["-Q", "100000S,8C", "-m", "F", md], msgs[5])[0])
t.is_(rcs, [0] * 6, "six messages delivered under quota")
lim, b, c = maildirsize(md)
t.is_(lim, "100000S,8C", "limits line from -Q")
t.is_((b, c), usage(md), f"maildirsize totals match the files ({b} {c})")
t.is_(c, 6, "the folder's message counts in the parent's file")
lines = open(os.path.join(md, "maildirsize")).read().split("\n")[1:]
t.ok(all(len(ln) + 1 == 14 for ln in lines[1:] if ln),
     "delta lines padded to 14 bytes like Courier")

# message limit: exact, no grace
r = [deliver(["-Q", "100000S,8C", md], m)[0] for m in msgs[6:9]]
t.is_(r, [0, 0, 111], "8 messages allowed, the 9th over quota")
t.is_(maildirsize(md)[1:], usage(md), "totals still exact")

# the limits line in the file applies without -Q
rc, err = deliver([md], msgs[9])
t.is_(rc, 111, "limits from maildirsize apply without -Q")
t.like(err, r"over quota", "  reason: over quota")

# a client without quota support removes mail: recalculated
new = os.path.join(md, "new")
for n in sorted(os.listdir(new))[:4]:
    os.unlink(os.path.join(new, n))
rc, _ = deliver([md], msgs[9])
t.is_(rc, 111, "fresh one-line maildirsize is believed (spec step 4)")
old = os.path.getmtime(os.path.join(md, "maildirsize")) - 16 * 60
os.utime(os.path.join(md, "maildirsize"), (old, old))
rc, _ = deliver([md], msgs[9])
t.is_(rc, 0, "15 minutes old and over quota: recalculated, delivered")
t.is_(maildirsize(md)[1:], usage(md), "recalculated totals are exact")

# Trash is not counted (Courier README.maildirquota)
mailtest.make_maildir(os.path.join(md, ".Trash"))
open(os.path.join(md, ".Trash", "cur", "1.2.h,S=99999:2,S"), "w").close()
os.unlink(os.path.join(md, "maildirsize"))
rc, _ = deliver(["-Q", "100000S,20C", md], msgs[10])
t.is_(rc, 0, "missing maildirsize: recalculated, Trash not counted")
t.is_(maildirsize(md)[1:], usage(md), "  totals exact")

# byte limit and grace (10% by default; -g 0 is Courier's strict check)
m2 = mailtest.make_maildir(os.path.join(TOP, "M2"))
body = b"Subject: g\n\n" + b"z" * 887 + b"\n"       # 900 bytes
t.is_(deliver(["-Q", "1000S", m2], body)[0], 0, "900 of 1000 bytes")
t.is_(deliver(["-g", "0", "-Q", "1000S", m2], body[:150] + b"\n")[0], 111,
      "-g 0: a message crossing the limit is refused")
small = b"Subject: g\n\n" + b"z" * 187 + b"\n"      # 200 bytes: 1100 total
t.is_(deliver(["-Q", "1000S", m2], small)[0], 0,
      "crossing message within 10% grace accepted")
t.is_(deliver(["-Q", "1000S", m2], b"\nx\n")[0], 111,
      "over the limit: even a tiny message is refused")

# quota warning: one message per crossing, from the template
m3 = mailtest.make_maildir(os.path.join(TOP, "M3"))
tpl = os.path.join(TOP, "warn.msg")
with open(tpl, "wb") as f:
    f.write(b"From: postmaster@example.org\nSubject: QUOTA WARNING\n\n"
            b"Your mailbox is almost full.\n")
args = ["-Q", "10000S", "-w", "50", "-W", tpl, m3]
chunk = b"Subject: w\n\n" + b"w" * 2987 + b"\n"     # 3000 bytes


def warnings(md):
    out = []
    for n in os.listdir(os.path.join(md, "new")):
        d = open(os.path.join(md, "new", n), "rb").read()
        if b"QUOTA WARNING" in d or b"mailbox is" in d and b"full" in d:
            out.append(d)
    return out


deliver(args, chunk)
t.is_(len(warnings(m3)), 0, "30%: no warning")
rc, err = deliver(args, chunk)
w = warnings(m3)
t.is_((rc, len(w)), (0, 1), "60%: one warning dropped into INBOX")
t.ok(w and w[0].startswith(b"Date: ") and b"Subject: QUOTA WARNING" in w[0],
     "  the template, with a Date: field added")
t.ok(os.path.exists(os.path.join(m3, "quotawarn")), "  quotawarn marker")
t.like(err, r"quota-warning percent=6\d", "  logged")
deliver(args, b"\nsmall\n")
t.is_(len(warnings(m3)), 1, "still over: no second warning")
t.is_(maildirsize(m3)[1:], usage(m3), "the warning is counted in maildirsize")
# the user cleans up: below the threshold re-arms the warning
for n in os.listdir(os.path.join(m3, "new")):
    os.unlink(os.path.join(m3, "new", n))
os.unlink(os.path.join(m3, "maildirsize"))
deliver(args, b"\nsmall\n")
t.ok(not os.path.exists(os.path.join(m3, "quotawarn")),
     "below the threshold again: marker removed")
deliver(args, chunk)
deliver(args, chunk)
t.is_(len(warnings(m3)), 1, "crossing again: a new warning")
# without a template: the built-in text
m4 = mailtest.make_maildir(os.path.join(TOP, "M4"))
deliver(["-Q", "1000S", "-w", "10", "-W", "/nonexistent", "-a", "u@x", m4],
        b"\n" + b"q" * 200 + b"\n")
w = warnings(m4)
t.ok(len(w) == 1 and b"To: u@x" in w[0] and b"Auto-Submitted" in w[0],
     "missing template: built-in warning")
t.done()
