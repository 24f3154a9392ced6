#!/usr/bin/env python3
"""deliver-basic.t: corpus messages through deliver: byte-exact bodies,
the added header lines, file names with correct S= and W=, CRLF and
bare LF, mbox From lines, qmail/Postfix environment, folders, +detail."""
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
TOP = mailtest.tmpdir("deliver-basic")
CLEAN_ENV = {k: v for k, v in os.environ.items()
             if k not in ("SENDER", "RECIPIENT", "DTLINE", "RPLINE",
                          "RECIPIENT_DELIMITER")}


def deliver(args, data, env=None):
    e = dict(CLEAN_ENV)
    e.update(env or {})
    p = subprocess.run([DELIVER, *args], input=data, env=e,
                       capture_output=True, cwd=TOP)
    return p.returncode, p.stderr.decode(errors="replace")


def files(md, sub="new"):
    d = os.path.join(md, sub)
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def only_new(md, before):
    new = [n for n in files(md) if n not in before]
    return new[0] if len(new) == 1 else None


def vsize(data):
    return len(data) + len(re.findall(rb"(?<!\r)\n", data))


def check_name(name, data, label):
    m = re.search(r",S=(\d+),W=(\d+)$", name or "")
    t.ok(m and int(m.group(1)) == len(data) and
         int(m.group(2)) == vsize(data), f"{label}: S= and W= in {name}")


# 1. corpus: every message byte-exact after the two trace lines
md = mailtest.make_maildir(os.path.join(TOP, "Maildir"))
msgs = mailtest.corpus_messages(30, seed=7)
bad = []
for i, msg in enumerate(msgs):
    before = files(md)
    rc, err = deliver(["-f", f"s{i}@example.net", "-a", "rcpt@example.org",
                       "./Maildir/"], msg)
    name = only_new(md, before)
    if rc != 0 or name is None:
        bad.append((i, rc, err))
        continue
    data = open(os.path.join(md, "new", name), "rb").read()
    want = (f"Return-Path: <s{i}@example.net>\n"
            "Delivered-To: rcpt@example.org\n").encode() + \
        msg.replace(b"\r\n", b"\n")
    m = re.search(r",S=(\d+),W=(\d+)$", name)
    if data != want or not m or int(m.group(1)) != len(data) or \
            int(m.group(2)) != vsize(data):
        bad.append((i, "content/name", name))
t.is_(bad, [], f"{len(msgs)} corpus messages byte-exact with S=/W=")
# the same messages with CRLF line ends land byte for byte the same
mdc = mailtest.make_maildir(os.path.join(TOP, "CRLF"))
bad = []
for i, msg in enumerate(msgs[:12]):
    before = files(mdc)
    rc, err = deliver(["-f", "s@x", mdc], msg.replace(b"\n", b"\r\n"))
    name = only_new(mdc, before)
    data = name and open(os.path.join(mdc, "new", name), "rb").read()
    if rc != 0 or data != b"Return-Path: <s@x>\n" + msg or \
            not name.endswith(f",S={len(data)},W={vsize(data)}"):
        bad.append((i, rc, err))
t.is_(bad, [], "CRLF input stored as LF, identical to LF input")
t.is_(files(md, "tmp"), [], "tmp/ empty afterwards")
t.is_(files(md, "cur"), [], "nothing in cur/")
st = os.stat(os.path.join(md, "new", files(md)[0]))
t.is_(st.st_mode & 0o777, 0o600, "message files are mode 0600")

# 2. line ends
md2 = mailtest.make_maildir(os.path.join(TOP, "M2"))
rc, _ = deliver([md2], b"Subject: crlf\r\n\r\nline\r\nbare\nlone\rcr\r\n")
name = files(md2)[0]
data = open(os.path.join(md2, "new", name), "rb").read()
t.is_(data, b"Subject: crlf\n\nline\nbare\nlone\rcr\n",
      "CRLF to LF, bare LF kept, lone CR kept")
check_name(name, data, "converted")
t.ok(b"Return-Path" not in data and b"Delivered-To" not in data,
     "no sender or recipient known: no trace lines")

# 3. mbox From line, old Return-Path replaced (RFC 5321 4.4)
before = files(md2)
rc, _ = deliver(["-f", "new@x.org", md2],
                b"From old@x.org Mon Jan  1 00:00:00 2024\n"
                b"Return-Path: <old@x.org>\nSubject: s\n\nFrom the body\n")
data = open(os.path.join(md2, "new", only_new(md2, before)), "rb").read()
t.is_(data, b"Return-Path: <new@x.org>\nSubject: s\n\nFrom the body\n",
      "From line dropped, one Return-Path, body From kept")

# 4. qmail environment: SENDER, RECIPIENT / DTLINE; flags win
before = files(md2)
rc, _ = deliver(["./M2/"], b"Subject: q\n\nb\n",
                {"SENDER": "", "RECIPIENT": "r@q.org",
                 "DTLINE": "Delivered-To: dt@q.org\n"})
data = open(os.path.join(md2, "new", only_new(md2, before)), "rb").read()
t.is_(data, b"Return-Path: <>\nDelivered-To: dt@q.org\nSubject: q\n\nb\n",
      "qmail: SENDER empty (bounce), DTLINE preferred over RECIPIENT")
before = files(md2)
rc, _ = deliver(["-f", "f@x", "-a", "a@x", "./M2/"], b"\nb\n",
                {"SENDER": "env@x", "RECIPIENT": "env@x",
                 "RPLINE": "Return-Path: <rp@x>\n"})
data = open(os.path.join(md2, "new", only_new(md2, before)), "rb").read()
t.is_(data, b"Return-Path: <f@x>\nDelivered-To: a@x\n\nb\n",
      "flags override the environment")
before = files(md2)
rc, _ = deliver(["./M2/"], b"\nb\n", {"RPLINE": "Return-Path: <rp@x>\n"})
data = open(os.path.join(md2, "new", only_new(md2, before)), "rb").read()
t.is_(data, b"Return-Path: <rp@x>\n\nb\n", "RPLINE when SENDER is unset")

# 5. Postfix local(8): From line + its own trace block: no duplicate
before = files(md2)
pf = (b"From s@x.org  Sun Nov 22 10:00:00 2026\n"
      b"Return-Path: <s@x.org>\nX-Original-To: a@x.org\n"
      b"Delivered-To: a@x.org\nReceived: r\nSubject: p\n\nb\n")
rc, err = deliver(["./M2/"], pf, {"SENDER": "s@x.org",
                                  "RECIPIENT": "a@x.org"})
data = open(os.path.join(md2, "new", only_new(md2, before)), "rb").read()
t.is_((rc, data), (0, b"Return-Path: <s@x.org>\nX-Original-To: a@x.org\n"
                      b"Delivered-To: a@x.org\nReceived: r\nSubject: p\n\nb\n"),
      "Postfix's Delivered-To is not a loop and not doubled")

# 6. folders
md3 = mailtest.make_maildir(os.path.join(TOP, "M3"), folders=["Lists"])
rc, _ = deliver(["-m", "Lists", md3], b"Subject: f\n\nb\n")
t.is_((rc, len(files(os.path.join(md3, ".Lists")))), (0, 1),
      "-m delivers into an existing folder")
rc, err = deliver(["-m", "Nope", md3], b"Subject: f\n\nb\n")
t.is_((rc, len(files(md3))), (0, 1), "-m missing folder falls back to INBOX")
t.like(err, r"folder-fallback", "  and says so")
rc, _ = deliver(["-c", "-m", "Made.Sub", md3], b"Subject: f\n\nb\n")
fd = os.path.join(md3, ".Made.Sub")
t.ok(rc == 0 and len(files(fd)) == 1 and
     os.path.exists(os.path.join(fd, "maildirfolder")),
     "-c -m creates the folder with maildirfolder")
rc, _ = deliver(["-c", "-m", "Entwürfe", md3], b"Subject: f\n\nb\n")
t.is_((rc, len(files(os.path.join(md3, ".Entw&APw-rfe")))), (0, 1),
      "a UTF-8 folder name is stored in modified UTF-7")
rc, _ = deliver(["-m", "inbox", md3], b"Subject: f\n\nb\n")
t.is_(len(files(md3)), 2, "-m INBOX (any case) is the Maildir itself")
rc, _ = deliver(["-m", "../evil", md3], b"Subject: f\n\nb\n")
t.ok(rc == 0 and len(files(md3)) == 3 and
     not os.path.exists(os.path.join(TOP, "evil")),
     "a folder name cannot escape the Maildir")

# 7. +detail in path mode: only with an explicit delimiter
rc, _ = deliver(["-D", "+", "-a", "u+Lists@x.org", md3], b"\nd\n")
t.is_(len(files(os.path.join(md3, ".Lists"))), 2,
      "+detail delivers into the folder of that name")
rc, _ = deliver(["-a", "u+Lists@x.org", md3], b"\nd\n")
t.is_(len(files(os.path.join(md3, ".Lists"))), 2,
      "without -D no detail is taken")
rc, _ = deliver(["-a", "u-Lists@x.org", md3], b"\nd\n",
                {"RECIPIENT_DELIMITER": "+-"})
t.is_(len(files(os.path.join(md3, ".Lists"))), 3,
      "RECIPIENT_DELIMITER with several characters")
n = len(files(md3))
rc, _ = deliver(["-c", "-D", "+", "-a", "u+new@x.org", md3], b"\nd\n")
t.ok(rc == 0 and not os.path.exists(os.path.join(md3, ".new")) and
     len(files(md3)) == n + 1, "+detail never creates a folder, even with -c")

# 8. the log line
rc, err = deliver([md3], b"\nx\n")
t.like(err, r"^deliver\[\d+\]: info: deliver folder=INBOX file=\S+ size=3$",
       "one info line per delivery")
t.done()
