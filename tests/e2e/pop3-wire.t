#!/usr/bin/env python3
"""pop3d: exact wire sizes and byte-exact RETR/TOP for nasty messages
(lines of only '.', bare CR, bare LF, no final newline, NUL and 8-bit
bytes), W= used when right and caught when wrong, large streamed
messages with flat memory."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
from pop3test import Direct, crlf_vsize, put_msg, wire
from tap import TAP

t = TAP()
md = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3wire"), "Maildir"))

nasty = [
    ("dot lines", b"Subject: dots\n\n.\n..\n...\n.x\nend\n"),
    ("only a dot", b".\n"),
    ("lone CR", b"Subject: cr\r\rbody\rmore\r"),
    ("mixed ends", b"A: 1\r\nB: 2\n\r\nx\ry\r\r\nz\n"),
    ("no final newline", b"Subject: nonl\n\nlast line"),
    ("dot, no final newline", b"Subject: x\n\n."),
    ("8-bit and NUL", b"Subject: \xe9\xff\n\nnul\x00here\n\x80\x00\n.\x00\n"),
    ("empty", b""),
    ("CRLF already", b"Subject: crlf\r\n\r\n.\r\nbody\r\n"),
    ("long line", b"Subject: long\n\n" + b"x" * 200000 + b"\n.y\n"),
]
for _, m in nasty:
    put_msg(md, m)

d = Direct(md)
d.line()
total = 0
for i, (name, m) in enumerate(nasty, 1):
    want = wire(m)
    total += len(want)
    st = d.cmd(b"LIST %d" % i)
    t.is_(st, b"+OK %d %d\r\n" % (i, len(want)), f"{name}: LIST size exact")
    d.send(b"RETR %d\r\n" % i)
    st = d.line()
    t.is_(st, b"+OK %d octets\r\n" % len(want), f"{name}: RETR status")
    # read raw bytes up to the terminator, check stuffing ourselves
    raw = b""
    while not (raw == b".\r\n" or raw.endswith(b"\r\n.\r\n")):
        chunk = d.f.readline()
        if not chunk:
            break
        raw += chunk
    body = raw[:-3]
    lines = body.split(b"\r\n")[:-1] if body else []
    t.ok(all(not ln.startswith(b".") or ln.startswith(b"..")
             for ln in lines), f"{name}: every dot line stuffed")
    unstuffed = b"".join((ln[1:] if ln.startswith(b".") else ln) + b"\r\n"
                         for ln in lines)
    t.is_(unstuffed, want, f"{name}: RETR bytes exact")
    t.is_(len(body) - sum(ln.startswith(b".") for ln in lines), len(want),
          f"{name}: octets sent match LIST (stuffing not counted)")
t.is_(d.cmd(b"STAT"), b"+OK %d %d\r\n" % (len(nasty), total), "STAT total")
d.send(b"TOP 4 1\r\n")
d.line()
t.is_(d.multi(), b"A: 1\r\nB: 2\r\n\r\nx\r\n", "TOP on mixed line ends")
d.send(b"TOP 7 99\r\n")
d.line()
t.is_(d.multi(), wire(nasty[6][1]), "TOP with more lines than the body")
t.is_(d.close(), 0, "clean exit")
t.ok("vsize-mismatch" not in d.log(), "no size warnings")

# W= right: used as is; W= wrong but plausible: caught at RETR and logged;
# W= implausible: ignored, the file is counted.
md2 = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3w"), "Maildir"))
good = b"Subject: w\n\nbody\n"
put_msg(md2, good, vsize=crlf_vsize(good))
bare = b"Subject: w\r\rbody\r"          # Dovecot's W= counts CRs as 1
put_msg(md2, bare, vsize=crlf_vsize(bare))
silly = b"Subject: w\n\nbody\n"
put_msg(md2, silly, vsize=999999)
d = Direct(md2)
d.line()
t.is_(d.cmd(b"LIST 1"), b"+OK 1 %d\r\n" % len(wire(good)), "right W= used")
t.is_(d.cmd(b"LIST 3"), b"+OK 3 %d\r\n" % len(wire(silly)),
      "implausible W= ignored, file counted")
d.send(b"RETR 2\r\n")
d.line()
t.is_(d.multi(), wire(bare), "RETR with a wrong W= still sends it right")
d.close()
t.like(d.log(), r"warning: vsize-mismatch uid=\d+ listed=%d sent=%d" %
       (crlf_vsize(bare), len(wire(bare))), "wrong W= detected and logged")
d = Direct(md2)
d.line()
t.is_(d.cmd(b"LIST 2"), b"+OK 2 %d\r\n" % len(wire(bare)),
      "next session reports the corrected size")
d.close()
put_msg(md2, b"Subject: no W\n\nx\n")
d = Direct(md2)          # measures message 4 only, rewrites the cache
d.line()
d.cmd(b"LIST 4")
d.close()
t.like(open(os.path.join(md2, "pop3d-sizes")).read(),
       r"(?m)^\S+ %d$" % len(wire(bare)), "cache entries kept meanwhile")
d = Direct(md2)
d.line()
t.is_(d.cmd(b"LIST 2"), b"+OK 2 %d\r\n" % len(wire(bare)),
      "still corrected later")
d.close()

# A big message streams with flat memory.
md3 = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3big"), "Maildir"))
size = int(os.environ.get("POP3_BIG_MB", "32")) << 20
line = b"0123456789" * 7 + b"\n"
with open(os.path.join(md3, "new", "1.big.test"), "wb") as f:
    f.write(b"Subject: big\n\n")
    for _ in range(size // len(line)):
        f.write(line)
d = Direct(md3)
d.line()
d.send(b"RETR 1\r\n")
st = d.line()
got, tail = 0, b""
while True:
    chunk = d.f.read1(1 << 20)
    got += len(chunk)
    tail = (tail + chunk)[-5:]
    if tail == b"\r\n.\r\n" or not chunk:
        break
peak = d.rss_peak_kb()
expect = int(st.split()[1])
t.is_(got - 3, expect, f"{size >> 20} MB message: all octets arrive")
if os.environ.get("SANITIZE") == "1" or os.environ.get("VALGRIND"):
    t.skip("RSS not meaningful under ASan or valgrind")
else:
    t.ok(0 < peak < 16 * 1024, f"peak RSS {peak} kB stays flat (< 16 MB)")
d.close()
t.done()
