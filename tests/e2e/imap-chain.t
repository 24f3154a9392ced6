#!/usr/bin/env python3
"""The full chain: tcpserver + imap-login + checkpassword-cdb + imapd.
imapd answers the LOGIN tag with the post-login capabilities, commands
pipelined after LOGIN are not lost, imaplib works over implicit TLS and
over plaintext (TRUSTED), and the session-end line carries user and ip."""
import imaplib
import os
import shutil
import ssl
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
for p in ("login/checkpassword-cdb", "login/mkusers", "login/mailpw",
          "login/imap-login", "imapd/imapd"):
    if not os.access(os.path.join(mailtest.BUILD, p), os.X_OK):
        t.skip_all(f"{p} not built")

d = mailtest.tmpdir("imap-chain")
os.chmod(d, 0o711)
uid, gid = (65534, 65534) if mailtest.IS_ROOT else (os.getuid(), os.getgid())
home = os.path.join(d, "alice")
md = mailtest.make_maildir(os.path.join(home, "Maildir"))
with open(os.path.join(md, "new", "1.x.host"), "wb") as f:
    f.write(b"Subject: hello\n\nworld\n")
if mailtest.IS_ROOT:
    subprocess.run(["chown", "-R", f"{uid}:{gid}", home], check=True)
pw = subprocess.run([mailtest.prog("login/mailpw"), "-s", "SHA512-CRYPT"],
                    input="secret\n", capture_output=True, text=True,
                    check=True).stdout.strip()
with open(os.path.join(d, "users"), "w") as f:
    f.write(f"alice@example.org:{pw}:{uid}:{gid}::{home}::\n")
cdb = os.path.join(d, "users.cdb")
subprocess.run([mailtest.prog("login/mkusers"), os.path.join(d, "users"),
                cdb], check=True)
# imapd runs as the mail uid: give it a copy it can execute
IMAPD = os.path.join(d, "imapd")
shutil.copy(mailtest.prog("imapd/imapd"), IMAPD)
os.chmod(IMAPD, 0o755)
CPW = mailtest.prog("login/checkpassword-cdb")
CAPS = ("IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS "
        "UNSELECT MOVE CHILDREN SPECIAL-USE QUOTA")

with lt.server(implicit=True, argv=[CPW, cdb, IMAPD]) as srv:
    c = lt.Client(srv.port, implicit=True)
    c.line()
    # LOGIN with two commands pipelined behind it
    c.send("a LOGIN alice@example.org secret\r\nb SELECT INBOX\r\n"
           "c FETCH 1 BODY[TEXT]\r\n")
    r = c.until("a ")
    t.is_(r[-1], f"a OK [CAPABILITY {CAPS}] Logged in",
          "imapd answers the LOGIN tag with its capabilities")
    r = c.until("b ")
    t.is_(r[-1], "b OK [READ-WRITE] Select completed.",
          "pipelined SELECT reached imapd")
    t.ok("* 1 EXISTS" in r, "one message")
    r = c.until("c ")
    t.is_(r[:3], ["* 1 FETCH (FLAGS (\\Seen \\Recent) BODY[TEXT] {7}",
                  "world", ")"], "pipelined FETCH over the TLS relay")
    r = c.cmd("d LOGOUT")
    t.is_(r[-1], "d OK Logout completed.", "LOGOUT")
    c.close()
    t.ok(lt.wait_log(srv, r"imapd\[\d+\]: info: session-end .*selects=1 "
                     r"fetches=1 .*user=alice@example.org ip=127.0.0.1"),
         "session-end log line with user and ip")

    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    M = imaplib.IMAP4_SSL("127.0.0.1", srv.port, ssl_context=ctx)
    typ, _ = M.login("alice@example.org", "secret")
    t.is_(typ, "OK", "imaplib LOGIN over implicit TLS")
    typ, data = M.select("INBOX")
    t.is_((typ, data), ("OK", [b"1"]), "imaplib SELECT")
    typ, data = M.uid("FETCH", "1", "(FLAGS)")
    t.is_(data, [b"1 (UID 1 FLAGS (\\Seen))"], "imaplib UID FETCH")
    M.logout()

with lt.server(tls=False, env={"TRUSTED": "1"},
               argv=[CPW, cdb, IMAPD]) as srv:
    M = imaplib.IMAP4("127.0.0.1", srv.port)
    typ, _ = M.login("alice@example.org", "secret")
    t.is_(typ, "OK", "plaintext LOGIN (TRUSTED): imapd on the socket")
    typ, data = M.capability()
    t.is_(data[-1], CAPS.encode(), "CAPABILITY after login is imapd's")
    typ, data = M.status("INBOX", "(MESSAGES UNSEEN)")
    t.is_(data, [b"INBOX (MESSAGES 1 UNSEEN 0)"], "STATUS")
    M.logout()
t.done()
