#!/usr/bin/env python3
"""imapd.cache (the ENVELOPE/BODYSTRUCTURE cache, imapd/fetchcache.h):
its index takes records in any order (other sessions append in theirs),
the first record for a UID and kind wins, and the file is compacted when
a session closes the folder and more than half of its records are for
messages no longer there; less than half dead, it is left alone."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

N = 200
t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-cache"), "Maildir"))
CACHE = os.path.join(md, "imapd.cache")
now = int(time.time())
for i in range(N):
    put_message(md, "%d.M%dP1.host" % (now, i),
                b"Subject: message %d\nFrom: a%d@example.org\n\nbody\n"
                % (i, i), "cur")


def records():
    """(uid, kind) of every record in the file, in file order."""
    with open(CACHE, "rb") as f:
        data = f.read()
    pos = data.index(b"\n") + 1
    out = []
    while pos < len(data):
        m = re.match(rb"(\d+) (\d) (\d+)\n", data[pos:pos + 64])
        out.append((int(m.group(1)), int(m.group(2))))
        pos += m.end() + int(m.group(3)) + 1
    return out


def envelopes(d, seqs="1:*"):
    r = d.cmd("FETCH %s (ENVELOPE BODYSTRUCTURE)" % seqs)
    return [re.sub(rb"^\* \d+ ", b"", x) for x in r[:-1]]


d = Imapd(md)
d.cmd("SELECT INBOX")
full = envelopes(d)
t.is_(len(full), N, "FETCH 1:%d (ENVELOPE BODYSTRUCTURE)" % N)
d.cmd("LOGOUT")
d.close()
t.is_(len(records()), 2 * N, "%d records written" % (2 * N))
uidv = open(CACHE, "rb").readline()

# a file written in another order, with a second record for uid 3:
# the first one for a (uid, kind) is the one used
fake = b'(NIL "from the cache" NIL NIL NIL NIL NIL NIL NIL NIL)'
with open(CACHE, "rb") as f:
    f.readline()
    body = f.read()
with open(CACHE, "wb") as f:
    f.write(uidv + b"3 0 %d\n%s\n" % (len(fake), fake))
    recs, pos = [], 0
    while pos < len(body):
        m = re.match(rb"(\d+) (\d) (\d+)\n", body[pos:pos + 64])
        end = pos + m.end() + int(m.group(3)) + 1
        recs.append(body[pos:end])
        pos = end
    f.write(b"".join(reversed(recs)))
d = Imapd(md)
d.cmd("SELECT INBOX")
r = d.cmd("FETCH 3 ENVELOPE")[0]
t.is_(r, b"* 3 FETCH (ENVELOPE %s)" % fake,
      "records in reverse order: the first for uid 3 wins")
r = envelopes(d)
t.is_(r[:2] + r[3:], full[:2] + full[3:],
      "every other message answered from the cache")
t.is_(len(records()), 2 * N + 1, "and nothing appended (all were hits)")
d.cmd("STORE 1:150 +FLAGS.SILENT (\\Deleted)")
d.cmd("EXPUNGE")
size_before = os.path.getsize(CACHE)
d.cmd("LOGOUT")
d.close()
recs = records()
t.is_(len(recs), 2 * (N - 150), "3/4 expunged: compacted to %d records"
      % len(recs))
t.ok(all(u > 150 for u, _ in recs) and os.path.getsize(CACHE) < size_before,
     "only live UIDs remain, and the file shrank")
t.is_(open(CACHE, "rb").readline(), uidv, "same header")
d = Imapd(md)
d.cmd("SELECT INBOX")
t.is_(envelopes(d), full[150:], "the compacted cache answers the same")
t.is_(len(records()), 2 * (N - 150), "all hits: nothing re-parsed")
d.cmd("STORE 1:10 +FLAGS.SILENT (\\Deleted)")
d.cmd("EXPUNGE")
d.cmd("FETCH 1 ENVELOPE")
d.cmd("LOGOUT")
d.close()
t.is_(len(records()), 2 * (N - 150),
      "a fifth dead: not compacted (only above half)")
t.done()
