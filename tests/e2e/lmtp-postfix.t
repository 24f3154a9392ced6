#!/usr/bin/env python3
"""lmtpd behind a real Postfix: a private instance (own config_directory
and queue_directory, loopback ports, no system service) with
mailbox_transport = lmtp:inet:127.0.0.1:PORT; mail submitted over SMTP
ends up in the Maildirs with Postfix's and lmtpd's headers, unknown
recipients bounce, and the whole message is byte-exact."""
import os
import shutil
import smtplib
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402
from lmtptest import Users, lmtpd, message_files, corpus  # noqa: E402

t = TAP()
POSTFIX = "/usr/sbin/postfix"
if not os.access(POSTFIX, os.X_OK):
    t.skip_all("postfix not installed (scripts/install-deps interop)")
if not mailtest.IS_ROOT:
    t.skip_all("a private postfix instance must be started as root "
               "(its master drops to the postfix user)")
import pwd  # noqa: E402
import grp  # noqa: E402
try:
    pwd.getpwnam("postfix")
    grp.getgrnam("postdrop")
except KeyError:
    t.skip_all("no postfix user or postdrop group")

SERVICES = """\
{port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 1 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
local unix - n n - - local
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""


def postfix_instance(base, smtp_port, lmtp_port):
    etc = os.path.join(base, "etc")
    os.makedirs(etc)
    os.makedirs(os.path.join(base, "queue"))
    os.makedirs(os.path.join(base, "data"))
    os.chown(os.path.join(base, "data"), pwd.getpwnam("postfix").pw_uid, -1)
    main = f"""\
compatibility_level = 3.6
config_directory = {etc}
queue_directory = {base}/queue
data_directory = {base}/data
maillog_file = {base}/maillog
maillog_file_prefixes = {base}
mail_owner = postfix
setgid_group = postdrop
myhostname = pf.test
mydomain = x.org
mydestination = x.org
myorigin = x.org
mynetworks = 127.0.0.0/8
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
smtpd_recipient_restrictions = permit_mynetworks, reject
local_recipient_maps =
alias_maps =
alias_database =
mailbox_transport = lmtp:inet:127.0.0.1:{lmtp_port}
lmtp_host_lookup = native
biff = no
smtputf8_enable = yes
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
bounce_queue_lifetime = 0
maximal_queue_lifetime = 0
"""
    with open(os.path.join(etc, "main.cf"), "w") as f:
        f.write(main)
    with open(os.path.join(etc, "master.cf"), "w") as f:
        f.write(SERVICES.format(port=f"127.0.0.1:{smtp_port}"))
    return etc


def wait_for(pred, secs=30):
    end = time.time() + secs
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.2)
    return False


def maillog(base):
    try:
        with open(os.path.join(base, "maillog")) as f:
            return f.read()
    except OSError:
        return ""


def master_running(base):
    try:
        with open(os.path.join(base, "queue", "pid", "master.pid")) as f:
            pid = int(f.read().strip())
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" not in f.read()
    except (OSError, ValueError):
        return False


u = Users()
u.add("alice@x.org")
u.add("bob@x.org")
u.add("carol@x.org", extra="disable=lmtp")
full = u.add("full@x.org", extra="quota=100")
with open(os.path.join(full, "new", "1.M1P1.h,S=500"), "wb") as f:
    f.write(b"x" * 500)
table = u.build()
base = mailtest.tmpdir("postfix")
os.chmod(base, 0o755)
msg = corpus(1, seed=11)[0]
with lmtpd(table) as lm:
    smtp_port = mailtest.free_port()
    etc = postfix_instance(base, smtp_port, lm.port)
    env = dict(os.environ, MAIL_CONFIG=etc)
    r = subprocess.run([POSTFIX, "-c", etc, "start"], capture_output=True,
                       text=True, env=env)
    if r.returncode != 0 or not mailtest.wait_port(smtp_port):
        t.diag(r.stdout + r.stderr)
        subprocess.run([POSTFIX, "-c", etc, "abort"], capture_output=True)
        t.skip_all("postfix could not start here: " +
                   (r.stderr.strip().splitlines() or ["?"])[-1])
    try:
        s = smtplib.SMTP("127.0.0.1", smtp_port, timeout=20)
        refused = s.sendmail("sender@y.org", ["alice@x.org", "bob@x.org",
                                              "nobody@x.org", "carol@x.org",
                                              "full@x.org"],
                             msg.replace(b"\n", b"\r\n"))
        s.quit()
        t.is_(refused, {}, "postfix accepted all five recipients")
        t.ok(wait_for(lambda: message_files(u.maildir("alice@x.org")) and
                      message_files(u.maildir("bob@x.org"))),
             "delivered through postfix's lmtp client")
        for login in ("alice@x.org", "bob@x.org"):
            files = list(message_files(u.maildir(login)).values())
            d = files[0] if files else b""
            t.like(d.decode("utf-8", "replace"),
                   rf"^Return-Path: <sender@y\.org>\nDelivered-To: "
                   rf"{login.replace('.', '[.]')}\nReceived: from pf\.test "
                   rf"\(\[127\.0\.0\.1\]\)\n\tby mx\.test with LMTP\n",
                   f"{login}: lmtpd's trace headers on top")
            t.ok(d.endswith(msg), f"{login}: the message byte-exact at "
                 "the end (after postfix's own headers)")
        wait_for(lambda: all(f"to=<{r}>" in maillog(base)
                             for r in ("nobody@x.org", "carol@x.org",
                                       "full@x.org")), 20)
        log = open(os.path.join(base, "maillog")).read()
        t.like(log, r"to=<nobody@x\.org>.*status=bounced \(host "
               r"127\.0\.0\.1\[127\.0\.0\.1\] said: 550 5\.1\.1 "
               r"<nobody@x\.org> User unknown", "unknown user bounced")
        t.like(log, r"to=<carol@x\.org>.*status=bounced .*550 5\.2\.1 "
               r"<carol@x\.org> Mailbox disabled", "disabled user bounced")
        t.like(log, r"to=<full@x\.org>.*status=deferred \(host "
               r"127\.0\.0\.1\[127\.0\.0\.1\] said: 452 4\.2\.2 "
               r"<full@x\.org> Mailbox is full", "full mailbox deferred")
        t.like(log, r"to=<alice@x\.org>.*relay=127\.0\.0\.1\[127\.0\.0\.1\]"
               r":\d+.*status=sent \(250 2\.0\.0 <alice@x\.org> \S+ Saved",
               "postfix logs lmtpd's per-recipient reply")
        t.like(lm.log(), r"info: deliver rcpt=bob@x\.org ", "lmtpd logged")
    finally:
        subprocess.run([POSTFIX, "-c", etc, "stop"], capture_output=True,
                       env=env)
        wait_for(lambda: not master_running(base), 10)
t.done()
