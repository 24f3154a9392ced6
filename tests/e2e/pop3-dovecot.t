#!/usr/bin/env python3
"""pop3d and Dovecot's pop3 on the same Maildir agree: the same UIDL
strings (Dovecot's default %08Xu%08Xv, from the shared dovecot-uidlist)
and the same LIST sizes and RETR bytes, so users can move between them."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
import pop3test
from pop3test import Direct, put_msg
from tap import TAP

t = TAP()
if not os.access(pop3test.DOVECOT_POP3, os.X_OK):
    t.skip_all("Dovecot's pop3 not installed")

work = mailtest.tmpdir("pop3dove")
md = mailtest.make_maildir(os.path.join(work, "Maildir"))
for m in mailtest.corpus_messages(12, seed=3):
    put_msg(md, m)
put_msg(md, b"Subject: dots\n\n.\n..\nend\n")


def session(cmds, dovecot):
    if dovecot:
        proc = pop3test.dovecot_pop3(conf)
        f = proc.stdout

        def send(b):
            proc.stdin.write(b)
            proc.stdin.flush()
    else:
        d = Direct(md)
        f, proc, send = d.f, d.proc, d.send
        f.readline()
    out = []
    for c, multi in cmds:
        send(c + b"\r\n")
        st = f.readline()
        body = b""
        if multi and st.startswith(b"+OK"):
            while True:
                ln = f.readline()
                if ln in (b".\r\n", b""):
                    break
                body += ln
        out.append(((st.split() or [b""])[0], body))
    send(b"QUIT\r\n")
    f.read()
    if not dovecot:
        d.sock.close()
    err = proc.stderr.read()
    proc.wait(20)
    if proc.returncode != 0:
        t.diag(err.decode(errors="replace"))
    return out


# Our pop3d first: it creates dovecot-uidlist; then Dovecot reads it.
ours = session([(b"UIDL", 1), (b"LIST", 1)] +
               [(b"RETR %d" % i, 1) for i in range(1, 14)], False)
conf = pop3test.dovecot_conf(work, md)
theirs = session([(b"UIDL", 1), (b"LIST", 1)] +
                 [(b"RETR %d" % i, 1) for i in range(1, 14)], True)
t.is_(theirs[0], ours[0], "same UIDL strings as Dovecot")
t.is_(theirs[1], ours[1], "same LIST sizes as Dovecot")
t.is_(theirs[2:], ours[2:], "same RETR bytes as Dovecot")
# And a message Dovecot saw first gets the UIDL from Dovecot's uidlist.
put_msg(md, b"Subject: late\n\nlate\n")
if os.geteuid() == 0:
    for sub in ("new",):
        for n in os.listdir(os.path.join(md, sub)):
            os.chown(os.path.join(md, sub, n), 65534, 65534)
theirs = session([(b"UIDL", 1)], True)
ours = session([(b"UIDL", 1)], False)
t.is_(ours, theirs, "UIDL of a message Dovecot numbered first")
t.done()
