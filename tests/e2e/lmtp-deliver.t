#!/usr/bin/env python3
"""lmtpd: delivery outcomes per recipient (good, unknown, disabled, over
quota at RCPT and at DATA, broken Maildir), byte-exact files plus the
trace headers, +detail folders, and smtplib.LMTP as a client."""
import os
import re
import smtplib
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402
from lmtptest import (Users, lmtpd, Raw, message_files, split_headers,  # noqa
                      crlf, corpus)

t = TAP()
u = Users()
u.add("alice@x.org", extra="alias=al@x.org", folders=("box",))
u.add("post@c.org", extra="alias=@c.org")
u.add("bob@x.org", extra="quota=30000")
u.add("carol@x.org", extra="disable=lmtp")
full = u.add("full@x.org", extra="quota=100")
with open(os.path.join(full, "new", "1.M1P1.h,S=500"), "wb") as f:
    f.write(b"x" * 500)
u.add("gone@x.org", maildir=False)
os.chmod(u.homes["gone@x.org"], 0o500)	# cannot create its Maildir
if mailtest.IS_ROOT:
    os.chown(u.homes["gone@x.org"], 5000, 5000)
table = u.build()

msgs = corpus(3, seed=7)
body = msgs[0]


def session(srv, rcpts, data, sender="s@y.org", size=None):
    c = Raw(srv.port)
    c.reply()
    c.send("LHLO client.example\r\n")
    c.reply()
    extra = f" SIZE={size}" if size is not None else ""
    got = [c.cmd(f"MAIL FROM:<{sender}>{extra}")]
    got += [c.cmd(f"RCPT TO:<{r}>") for r in rcpts]
    ok = sum(1 for g in got[1:] if g.startswith("250"))
    if ok:
        got.append(c.cmd("DATA"))
        c.send(crlf(data))
        got += c.replies(ok)
    c.cmd("QUIT")
    c.close()
    return got


with lmtpd(table) as srv:
    got = session(srv, ["alice@x.org", "nobody@x.org", "carol@x.org",
                        "full@x.org", "al@x.org", "bob@x.org",
                        "gone@x.org"], body)
    t.is_(got[:9], [
        "250 2.1.0 Sender OK",
        "250 2.1.5 <alice@x.org> Recipient OK",
        "550 5.1.1 <nobody@x.org> User unknown",
        "550 5.2.1 <carol@x.org> Mailbox disabled",
        "452 4.2.2 <full@x.org> Mailbox is full",
        "250 2.1.5 <al@x.org> Recipient OK",
        "250 2.1.5 <bob@x.org> Recipient OK",
        "250 2.1.5 <gone@x.org> Recipient OK",
        "354 Start mail input; end with <CRLF>.<CRLF>"],
        "RCPT replies: good, unknown, disabled, full, alias")
    t.is_([re.sub(r"> \S+ Saved", "> ID Saved", g) for g in got[9:]], [
        "250 2.0.0 <alice@x.org> ID Saved",
        "250 2.0.0 <al@x.org> ID Saved",
        "250 2.0.0 <bob@x.org> ID Saved",
        "451 4.3.0 <gone@x.org> Temporary delivery failure"],
        "DATA: one reply per accepted recipient, in RCPT order")
    files = message_files(u.maildir("alice@x.org"))
    t.is_(len(files), 2, "alice twice (address and alias)")
    for name, data in sorted(files.items()):
        hdr, rest = split_headers(data)
        t.is_(rest, body, f"{name}: byte-exact after the trace headers")
        t.like(hdr.decode(), r"^Return-Path: <s@y\.org>\nDelivered-To: "
               r"(alice|al)@x\.org\nReceived: from client\.example "
               r"\(\[127\.0\.0\.1\]\)\n\tby mx\.test with LMTP\n\tid \S+\n"
               r"\t\(envelope-from <s@y\.org>\)\n\tfor <(alice|al)@x\.org>;"
               r" \w{3}, \d+ \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\n$",
               f"{name}: Dovecot-style trace headers")
        m = re.search(r",S=(\d+)", name)
        t.ok(m and int(m.group(1)) == len(data), f"{name}: S= is the size")
    log = srv.log()
    t.like(log, r"info: deliver rcpt=alice@x\.org user=alice@x\.org id=\S+ "
           r"size=\d+ file=\"?\S+,S=\d+,W=\d+\"? result=250 status=2\.0\.0",
           "one log line per delivered recipient")
    t.like(log, r"info: deliver rcpt=gone@x\.org .*result=451 status=4\.3\.0",
           "and per failed one")
    t.ok(len(re.findall(r"info: deliver ", log)) == 4, "four deliver lines")
    t.is_(os.listdir(os.path.join(u.maildir("bob@x.org"), "tmp")), [],
          "nothing left in tmp/")

    # bob has 30000 bytes, 17k used: fits at RCPT (no SIZE), not at DATA.
    big = b"Subject: big\n\n" + (b"y" * 76 + b"\n") * 400
    got = session(srv, ["bob@x.org", "alice@x.org"], big)
    t.is_(got[-2:-1], ["452 4.2.2 <bob@x.org> Mailbox is full"],
          "over quota found at DATA: 452 for that recipient only")
    t.like(got[-1], r"^250 2\.0\.0 <alice@x\.org>", "the other one saved")
    got = session(srv, ["bob@x.org"], big, size=len(big))
    t.is_(got[1], "452 4.2.2 <bob@x.org> Mailbox is full",
          "SIZE over quota refused at RCPT")
    t.is_(len(message_files(u.maildir("bob@x.org"))), 1, "bob: one only")

    got = session(srv, ["anyone@c.org", "x+y@c.org"], msgs[1])
    t.is_(got[1:3], ["250 2.1.5 <anyone@c.org> Recipient OK",
                     "250 2.1.5 <x+y@c.org> Recipient OK"],
          "domain catch-all (alias=@c.org)")
    t.is_(len(message_files(u.maildir("post@c.org"))), 2,
          "catch-all got both copies")

    # smtplib.LMTP: one accepted recipient, refusals reported as such.
    lm = smtplib.LMTP("127.0.0.1", srv.port)
    refused = lm.sendmail("s@y.org", ["alice@x.org", "nobody@x.org",
                                      "carol@x.org"],
                         msgs[1].replace(b"\n", b"\r\n"))
    t.is_(sorted(refused), ["carol@x.org", "nobody@x.org"],
          "smtplib.LMTP: refused recipients")
    t.is_(refused["nobody@x.org"], (550, b"5.1.1 <nobody@x.org> User "
                                          b"unknown"), "smtplib sees 550")
    lm.quit()
    t.is_(len(message_files(u.maildir("alice@x.org"))), 4,
          "smtplib.LMTP message delivered")
    t.ok(any(split_headers(d)[1] == msgs[1] for d in
             message_files(u.maildir("alice@x.org")).values()),
         "smtplib message byte-exact")

with lmtpd(table, {"LMTP_QUOTA_PERMANENT": "1"}) as srv:
    got = session(srv, ["full@x.org"], body)
    t.is_(got[1], "552 5.2.2 <full@x.org> Mailbox is full",
          "LMTP_QUOTA_PERMANENT=1: 552 5.2.2")

# The table cannot be read: a temporary failure, never "unknown user".
with lmtpd(table + ".missing") as srv:
    got = session(srv, ["alice@x.org"], body)
    t.is_(got[1], "451 4.3.0 <alice@x.org> Temporary user lookup failure",
          "missing table: 451 4.3.0")
    t.like(srv.log(), r"warning: usertable table=\S+ error=", "logged")

# +detail: into the folder if it exists (LMTP_DETAIL_FOLDER=1), else INBOX.
with lmtpd(table, {"LMTP_DETAIL_FOLDER": "1"}) as srv:
    got = session(srv, ["alice+box@x.org", "alice+nope@x.org"], msgs[2])
    t.ok(all(g.startswith("250 2.0.0") for g in got[-2:]), "detail saved")
    boxdir = os.path.join(u.maildir("alice@x.org"), ".box")
    t.is_(len(message_files(boxdir)), 1, "+box went into folder box")
    d = list(message_files(boxdir).values())[0]
    t.like(d.decode(), r"^Return-Path: <s@y\.org>\nDelivered-To: "
           r"alice\+box@x\.org\n", "Delivered-To keeps the detail")
    t.is_(len(message_files(u.maildir("alice@x.org"))), 5,
          "+nope fell back to INBOX")
    t.like(srv.log(), r"file=\"?box/", "log names the folder")
# Quota warnings, deliver -w's code: once past LMTP_QUOTA_WARN percent.
w = Users("lmtpw")
w.add("dora@x.org", extra="quota=10000")
wtable = w.build()
tmpl = os.path.join(w.dir, "warn.msg")
with open(tmpl, "wb") as f:
    f.write(b"From: postmaster\nSubject: your mailbox is almost full\n\n"
            b"Please clean up.\n")
with lmtpd(wtable, {"LMTP_QUOTA_WARN": "50",
                    "LMTP_QUOTA_WARN_TEMPLATE": tmpl}) as srv:
    session(srv, ["dora@x.org"], b"Subject: a\n\n" + b"a" * 3000 + b"\n")
    t.is_(len(message_files(w.maildir("dora@x.org"))), 1, "under 50%: "
          "no warning")
    session(srv, ["dora@x.org"], b"Subject: b\n\n" + b"b" * 3000 + b"\n")
    files = message_files(w.maildir("dora@x.org"))
    t.is_(len(files), 3, "past 50%: the message and one warning")
    t.ok(any(b"Subject: your mailbox is almost full" in d
             for d in files.values()), "the warning is the template")
    session(srv, ["dora@x.org"], b"Subject: c\n\n" + b"c" * 100 + b"\n")
    t.is_(len(message_files(w.maildir("dora@x.org"))), 4, "warned once")
    t.like(srv.log(), r"info: quota-warning percent=\d+ ", "warning logged")

with lmtpd(table) as srv:
    session(srv, ["alice+box@x.org"], msgs[2])
    t.is_(len(message_files(os.path.join(u.maildir("alice@x.org"),
                                         ".box"))), 1,
          "without LMTP_DETAIL_FOLDER +detail goes to INBOX")
t.done()
