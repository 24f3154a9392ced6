#!/usr/bin/env python3
"""imapd with several sessions on one folder (RFC 3501 5.2, 7.4.1; RFC
2180): new messages as EXISTS, \\Recent to one session only, others' flag
changes as FETCH FLAGS, expunges only where allowed (not during FETCH,
STORE, SEARCH), concurrent flag changes not lost, IDLE pushes changes."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

t = TAP()


def wait_for(sess, want, limit=10):
    """Read pushed lines until want has been seen; all lines read."""
    lines = []
    while want not in lines and len(lines) < limit:
        lines.append(sess.line())
    return lines


md = make_maildir(os.path.join(tmpdir("imap-multi"), "Maildir"))
now = int(time.time())
put_message(md, "%d.A1.host" % now, b"Subject: one\n\n1\n", "cur")

a = Imapd(md)
b = Imapd(md)
c = Imapd(md)
g = Imapd(md)   # for COPY of a message expunged meanwhile
for s in (a, b, c, g):
    s.cmd("SELECT INBOX")

put_message(md, "%d.A2.host" % now, b"Subject: two\n\n2\n")
r = a.cmd("NOOP")
t.is_(r, [b"* 2 EXISTS", b"* 1 RECENT", b"t2 OK NOOP completed."],
      "session A: EXISTS and RECENT for a new message")
r = b.cmd("NOOP")
t.is_(r, [b"* 2 EXISTS", b"t2 OK NOOP completed."],
      "session B: EXISTS, but \\Recent went to A")
g.cmd("NOOP")   # g learns of message 2 (and later misses its expunge)
a.cmd("CREATE Kept")
r = a.cmd("FETCH 2 FLAGS")
t.is_(r[0], b"* 2 FETCH (FLAGS (\\Recent))", "A sees \\Recent")
r = b.cmd("FETCH 2 FLAGS")
t.is_(r[0], b"* 2 FETCH (FLAGS ())", "B does not")

a.cmd("STORE 1 +FLAGS.SILENT (\\Flagged)")
b.cmd("STORE 1 +FLAGS.SILENT (\\Answered)")
rc = c.cmd("STORE 1 +FLAGS.SILENT (\\Seen)")
r = a.cmd("FETCH 1 FLAGS")
t.is_(r[0], b"* 1 FETCH (FLAGS (\\Answered \\Flagged \\Seen))",
      "flags set concurrently by three sessions all kept")
t.is_(rc[0], b"* 1 FETCH (FLAGS (\\Answered \\Flagged \\Seen))",
      "C told about the others' changes even with .SILENT")

a.cmd("STORE 2 +FLAGS.SILENT (\\Deleted)")
r = a.cmd("EXPUNGE")
t.is_(r, [b"* 2 EXPUNGE", b"* 0 RECENT", b"t%d OK Expunge completed." % a.n],
      "A expunges message 2")
r = b.cmd("FETCH 1:2 FLAGS")
t.ok(not any(b"EXPUNGE" in x for x in r), "no EXPUNGE during FETCH")
t.ok(b"* 2 FETCH (FLAGS ())" in r,
     "the expunged message can still be fetched (flags) until B is told")
r = b.cmd("SEARCH ALL")
t.is_(r[0], b"* SEARCH 1 2", "SEARCH still counts it, no EXPUNGE")
t.ok(not any(b"EXPUNGE" in x for x in r), "no EXPUNGE during SEARCH")
r = b.cmd("STORE 1 +FLAGS (\\Draft)")
t.ok(not any(b"EXPUNGE" in x for x in r), "no EXPUNGE during STORE")
# What needs the vanished file: the rest is answered, OK [EXPUNGEISSUED]
# (RFC 5530's example; Dovecot's answers), never a made-up value.
gone = b"OK [EXPUNGEISSUED] Some messages were already expunged."
r = b.cmd("FETCH 2 (RFC822.SIZE)")
t.is_(r, [b"t%d " % b.n + gone],
      "RFC822.SIZE of the vanished file: no size (it was -1), EXPUNGEISSUED")
r = b.cmd("SEARCH LARGER 0")
t.is_(r, [b"* SEARCH 1", b"t%d OK [EXPUNGEISSUED] Search completed." % b.n],
      "SEARCH LARGER leaves it out (it matched as size -1)")
r = b.cmd("FETCH 1:2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
t.ok(r[-1] == b"t%d " % b.n + gone and len(r) == 2 and r[0].startswith(
     b"* 1 FETCH"), "FETCH of both: message 1, then OK [EXPUNGEISSUED]")
r = b.cmd("STORE 1:2 +FLAGS (\\Flagged)")
t.ok(r[-1] == b"t%d " % b.n + gone and
     not any(b"EXPUNGE" in x for x in r[:-1]),
     "STORE of both: message 1 stored, OK [EXPUNGEISSUED], no EXPUNGE")
r = b.cmd("NOOP")
t.ok(b"* 2 EXPUNGE" in r, "EXPUNGE at NOOP")
r = g.cmd("COPY 1:2 Kept")
t.is_(r[-1], b"t%d NO [EXPUNGEISSUED] Some of the requested messages no "
      b"longer exist." % g.n,
      "COPY of a message expunged meanwhile: NO [EXPUNGEISSUED]")
t.is_(mailtest.maildir_files(os.path.join(md, ".Kept")), [],
      "  and nothing is copied, not even message 1 (as Dovecot)")
r = g.cmd("COPY 1 Kept")
t.like(r[-1].decode(), r"OK \[COPYUID \d+ 1 1\]",
       "  told of the expunge, the client copies what is left")
r = c.cmd("CHECK")
t.ok(b"* 2 EXPUNGE" in r, "EXPUNGE at CHECK (third session)")

# IDLE: a delivery is pushed without polling by the client
r = a.cmd("IDLE")
t.is_(r[-1], b"+ idling", "IDLE continuation")
put_message(md, "%d.A3.host" % now, b"Subject: three\n\n3\n")
a.sock.settimeout(15)
got = wait_for(a, b"* 1 RECENT")
t.ok(b"* 2 EXISTS" in got and b"* 1 RECENT" in got,
     "IDLE pushes EXISTS and RECENT")
b.cmd("NOOP")
t.is_(b.cmd("STORE 2 +FLAGS.SILENT (\\Flagged)")[-1], b"t%d OK Store completed." % b.n, "B flags the new message")
got = wait_for(a, b"* 2 FETCH (FLAGS (\\Flagged \\Recent))")
t.is_(got[-1], b"* 2 FETCH (FLAGS (\\Flagged \\Recent))",
      "IDLE pushes another session's flag change")
a.send(b"DONE\r\n")
t.is_(a.line(), b"t%d OK Idle completed." % a.n, "DONE ends IDLE")
r = a.cmd("IDLE")
a.send(b"NOPE\r\n")
t.is_(a.line(), b"t%d BAD Expected DONE." % a.n, "anything but DONE")

# concurrent deliveries by the real deliver(8) while sessions work
DELIVER = os.path.join(mailtest.BUILD, "deliver/deliver")
if os.access(DELIVER, os.X_OK):
    import subprocess
    b.cmd("NOOP")
    n0 = int([x for x in b.cmd("STATUS INBOX (MESSAGES)")
              if x.startswith(b"* STATUS")][0].split()[-1].rstrip(b")"))
    procs = [subprocess.Popen([DELIVER, md], stdin=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
             for _ in range(5)]
    for i, p in enumerate(procs):
        p.stdin.write(b"Subject: delivered %d\n\nx\n" % i)
        p.stdin.close()
    c.cmd("STORE 1 +FLAGS.SILENT (\\Flagged)")
    t.ok(all(p.wait(10) == 0 for p in procs), "5 concurrent deliveries")
    r = b.cmd("NOOP")
    t.ok(b"* %d EXISTS" % (n0 + 5) in r, "session B sees all 5 (%r)" % r)
    r = b.cmd("UID SEARCH ALL")
    uids = r[0].split()[2:]
    t.is_(len(set(uids)), len(uids), "UIDs are unique")
    c.cmd("NOOP")
    r = c.cmd("FETCH 1:* (UID)")
    t.is_([x.split()[4].rstrip(b")") for x in r[:-1] if b"FETCH" in x], uids,
          "session C sees the same UIDs")
else:
    t.skip("deliver not built", 4)

# IDLE with polling (NOTIFY=poll, 1 s)
d = Imapd(md, env={"NOTIFY": "poll", "NOTIFY_INTERVAL": "1"})
sel = d.cmd("SELECT INBOX")
nexists = int([x for x in sel if x.endswith(b" EXISTS")][0].split()[1])
d.cmd("IDLE")
put_message(md, "%d.A4.host" % now, b"Subject: four\n\n4\n")
d.sock.settimeout(10)
t.is_(d.line(), b"* %d EXISTS" % (nexists + 1),
      "IDLE with the polling fallback")
d.send(b"DONE\r\n")
d.line()
# autologout
e = Imapd(md, env={"IMAP_AUTOLOGOUT": "1"})
e.cmd("IDLE")
e.sock.settimeout(10)
t.is_(e.line(), b"* BYE Autologout; idle for too long",
      "autologout during IDLE")
f = Imapd(md, env={"IMAP_AUTOLOGOUT": "1"})
f.sock.settimeout(10)
t.is_(f.line(), b"* BYE Autologout; idle for too long",
      "autologout between commands")
# Another session's flag change to a message this session then STOREs:
# one FETCH for it, not two (Dovecot sends one too).
h1 = Imapd(md)
h2 = Imapd(md)
h1.cmd("SELECT INBOX")
h2.cmd("SELECT INBOX")
h2.cmd("STORE 1 +FLAGS (\\Draft)")
h2.cmd("STORE 1 -FLAGS (\\Draft)")
h2.cmd("STORE 1 +FLAGS (\\Answered)")
r = h1.cmd("STORE 1 +FLAGS (\\Flagged)")
t.is_(len([x for x in r if x.startswith(b"* 1 FETCH")]), 1,
      "STORE after others changed the same message: one FETCH for it")
r = h1.cmd("NOOP")
t.ok(not any(x.startswith(b"* 1 FETCH") for x in r),
     "  and nothing left to announce at the next NOOP")
h2.cmd("STORE 2 +FLAGS (\\Draft)")
h2.cmd("STORE 2 +FLAGS (\\Answered)")
r = h1.cmd("NOOP")
f2 = [x for x in r if x.startswith(b"* 2 FETCH")]
t.ok(len(f2) == 1 and b"\\Answered" in f2[0] and b"\\Draft" in f2[0],
     "two changes by another session: one FETCH at NOOP, with both")
for s in (h1, h2):
    s.cmd("LOGOUT")
    s.close()
for s in (a, b, c, d, e, f):
    try:
        s.cmd("LOGOUT")
    except (EOFError, OSError):
        pass
    s.close()
t.done()
