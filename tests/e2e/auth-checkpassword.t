#!/usr/bin/env python3
"""checkpassword-cdb through the checkpassword interface (fd 3)."""
import fcntl
import hashlib
import hmac
import os
import pwd
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

t = TAP()
CP = mailtest.prog("login/checkpassword-cdb")
MK = mailtest.prog("login/mkusers")
d = mailtest.tmpdir("checkpw")
os.chmod(d, 0o755)
homes = os.path.join(d, "homes")
os.makedirs(homes)
os.chmod(homes, 0o1777)
table = os.path.join(d, "users.cdb")

if mailtest.IS_ROOT:
    UID = GID = 65534          # nobody / nogroup
else:
    UID, GID = os.getuid(), os.getgid()
CRAM_TEST = ("e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee6"
             "8d2cf6")      # doveadm pw -s CRAM-MD5 -p test
PW = "s3cret-Pass"


def home(name):
    return os.path.join(homes, name)


def write_table(extra_lines=()):
    lines = [
        f"alice@example.org:{{PLAIN}}{PW}:{UID}:{GID}:Alice:{home('alice')}"
        "::quota=1M,messages=100 alias=al@example.org,@example.org "
        "sieve.dir=~/sieve lang=\"de ch\"",
        f"bob@example.org:{{CRAM-MD5}}{CRAM_TEST}:{UID}:{GID}::{home('bob')}",
        f"carol:{{PLAIN}}{PW}:{UID}:{GID}::{home('carol')}::nologin=\"moved\"",
        f"dave:{{PLAIN}}{PW}:{UID}:{GID}::{home('dave')}::disable=imap",
        f"erin:{{PLAIN}}{PW}:{UID}:{GID}::{home('erin')}::"
        "allow_nets=10.0.0.0/8,2001:db8::/32",
        f"admin:{{PLAIN}}adminpw:{UID}:{GID}::{home('admin')}::master",
        f"netadmin:{{PLAIN}}adminpw:{UID}:{GID}::{home('admin')}::master "
        "allow_nets=10.0.0.0/8",
        f"nomail::{UID}:{GID}::{home('nomail')}",
        f"rooty:{{PLAIN}}{PW}:0:0::{home('rooty')}",
        *extra_lines,
    ]
    with open(os.path.join(d, "users"), "w") as f:
        f.write("\n".join(lines) + "\n")
    subprocess.run([MK, os.path.join(d, "users"), table], check=True)


SHOW = ["sh", "-c", 'echo "uid=$(id -u) gid=$(id -g) groups=$(id -G)"; '
        'echo "pwd=$(pwd)"; env']
BASE_ENV = {"PATH": os.environ["PATH"], "MAILDIR_CREATE": "1"}


def _highpipe():
    r, w = os.pipe()
    hr = fcntl.fcntl(r, fcntl.F_DUPFD_CLOEXEC, 20)
    hw = fcntl.fcntl(w, fcntl.F_DUPFD_CLOEXEC, 20)
    os.close(r)
    os.close(w)
    return hr, hw


def run(record, env=None, prog=SHOW, fd3=True, table_path=None, args=None):
    """Run checkpassword-cdb with record on fd 3; (rc, stdout, stderr)."""
    e = dict(BASE_ENV)
    e.update(env or {})
    r, w = _highpipe()
    os.write(w, record)
    os.close(w)

    def child():
        if fd3:
            os.dup2(r, 3)
    argv = args if args is not None else [CP, table_path or table, *prog]
    p = subprocess.run(argv, env=e, capture_output=True, text=True,
                       preexec_fn=child, close_fds=False)
    os.close(r)
    return p.returncode, p.stdout, p.stderr


def rec(login, pw, stamp="<1.2@host>"):
    return login.encode() + b"\0" + pw.encode() + b"\0" + \
        stamp.encode() + b"\0"


def envof(out):
    return dict(line.split("=", 1) for line in out.splitlines()
                if "=" in line)


write_table()

# --- success
rc, out, err = run(rec("alice@example.org", PW), {"SERVICE": "imap",
                                                  "TCPREMOTEIP": "192.0.2.7"})
t.is_(rc, 0, "right password: exit 0 and prog runs")
e = envof(out)
t.ok(out.startswith(f"uid={UID} gid={GID} groups={GID}\n"),
     "uid, gid and only the user's group")
t.is_(e.get("USER"), "alice@example.org", "USER")
t.is_(e.get("HOME"), home("alice"), "HOME")
t.is_(e.get("pwd"), home("alice"), "chdir to HOME")
t.is_(e.get("MAILDIR"), home("alice") + "/Maildir", "MAILDIR")
t.is_(e.get("SHELL"), "/bin/false", "SHELL=/bin/false when unset")
t.is_(e.get("QUOTA"), "1048576S,100C", "QUOTA in Maildir++ form")
t.is_(e.get("SIEVE_DIR"), "~/sieve", "extra field sieve.dir -> SIEVE_DIR")
t.is_(e.get("LANG"), "de ch", "quoted extra value")
t.is_(e.get("SERVICE"), "imap", "environment otherwise kept")
t.ok(all(os.path.isdir(os.path.join(home("alice"), "Maildir", s))
         for s in ("cur", "new", "tmp")), "MAILDIR_CREATE made the Maildir")
t.is_(os.stat(home("alice")).st_uid, UID, "home created as the user")
ms = os.path.join(home("alice"), "Maildir", "maildirsize")
t.ok(os.path.exists(ms) and open(ms).readline() == "1048576S,100C\n",
     "maildirsize limits line written from the table")
t.like(err, r"checkpassword-cdb\[\d+\]: info: login .*user=alice@example.org"
       r".*ip=192\.0\.2\.7", "one log line for the login")
t.ok(PW not in err, "password never logged")

rc, out, _ = run(rec("AL@Example.ORG", PW))
t.is_((rc, envof(out).get("USER")), (0, "alice@example.org"),
      "alias login, any case: USER is the canonical login")
rc, out, _ = run(rec("alice@example.org", PW), {"SHELL": "/bin/zsh"})
t.is_(envof(out).get("SHELL"), "/bin/zsh", "SHELL kept if set")

# --- refusals
for what, record, env, reason in [
    ("wrong password", rec("alice@example.org", PW + "x"), {}, "bad-password"),
    ("empty password", rec("alice@example.org", ""), {}, "bad-password"),
    ("unknown login", rec("nobody@example.org", PW), {}, "unknown-user"),
    ("catch-all is no login", rec("x@example.org", PW), {}, "unknown-user"),
    ("+detail is no login", rec("alice+x@example.org", PW), {},
     "unknown-user"),
    ("@domain key is no login", rec("@example.org", PW), {}, "unknown-user"),
    ("account without password", rec("nomail", ""), {}, "no-password"),
    ("nologin", rec("carol", PW), {}, "nologin"),
    ("disable=imap", rec("dave", PW), {"SERVICE": "imap"},
     "disabled-service"),
    ("allow_nets, outside", rec("erin", PW), {"TCPREMOTEIP": "192.0.2.1"},
     "network"),
    ("allow_nets, no address", rec("erin", PW), {}, "no-address"),
    ("master of a non-master", rec("alice@example.org*dave", PW), {},
     "not-master"),
    ("master, wrong password", rec("alice@example.org*admin", PW), {},
     "bad-password"),
    ("master, unknown target", rec("zed*admin", "adminpw"), {},
     "unknown-user"),
    ("uid 0", rec("rooty", PW), {}, "uid0"),
    ("master's own allow_nets", rec("alice@example.org*netadmin", "adminpw"),
     {"TCPREMOTEIP": "192.0.2.1"}, "master-network"),
    ("target's policy under a master", rec("carol*admin", "adminpw"), {},
     "nologin"),
]:
    rc, out, err = run(record, env)
    t.is_(rc, 1, f"{what}: exit 1")
    t.ok(out == "" and f"login-fail reason={reason}" in err,
         f"{what}: not run, logged reason={reason}")
t.ok(PW not in err, "password not in refusal logs")

rc, _, _ = run(rec("dave", PW), {"SERVICE": "pop3"})
t.is_(rc, 0, "disable=imap still allows pop3")
for ip in ("10.9.8.7", "2001:db8::5", "::ffff:10.0.0.1"):
    rc, _, _ = run(rec("erin", PW), {"TCPREMOTEIP": ip})
    t.is_(rc, 0, f"allow_nets admits {ip}")

# --- master users
rc, out, err = run(rec("alice@example.org*admin", "adminpw"))
e = envof(out)
t.is_((rc, e.get("USER"), e.get("MASTER_USER")),
      (0, "alice@example.org", "admin"), "master login: USER is the target")
t.like(err, r"login .*master=admin.*user=alice@example.org|"
       r"login .*user=alice@example.org.*master=admin", "master logged")
rc, _, _ = run(rec("alice@example.org*netadmin", "adminpw"),
               {"TCPREMOTEIP": "10.0.0.9"})
t.is_(rc, 0, "master inside its allow_nets")
rc, out, _ = run(rec("alice@example.org%admin", "adminpw"),
                 {"MASTER_SEPARATOR": "%"})
t.is_((rc, envof(out).get("USER")), (0, "alice@example.org"),
      "MASTER_SEPARATOR")
rc, _, _ = run(rec("alice@example.org*admin", "adminpw"),
               {"MASTER_SEPARATOR": ""})
t.is_(rc, 1, "empty MASTER_SEPARATOR: master logins off")

# --- CRAM-MD5


def cram(pw, chal):
    return hmac.new(pw.encode(), chal.encode(), hashlib.md5).hexdigest()


chal = "<12345.1700000000@mail.example.org>"
env = {"AUTH_MECH": "CRAM-MD5"}
rc, out, _ = run(rec("bob@example.org", cram("test", chal), chal), env)
t.is_((rc, envof(out).get("USER")), (0, "bob@example.org"),
      "CRAM-MD5 against the stored context")
rc, _, _ = run(rec("bob@example.org", cram("tesT", chal), chal), env)
t.is_(rc, 1, "CRAM-MD5 wrong digest")
rc, _, _ = run(rec("alice@example.org", cram(PW, chal), chal), env)
t.is_(rc, 0, "CRAM-MD5 against a PLAIN secret")
rc, _, _ = run(rec("nobody@example.org", cram(PW, chal), chal), env)
t.is_(rc, 1, "CRAM-MD5 unknown user")
rc, _, _ = run(rec("bob@example.org", "test"))
t.is_(rc, 0, "plain password verifies against a CRAM-MD5 context")

# --- APOP (RFC 1939 7): MD5(timestamp password), PLAIN secrets only
stamp = "<4711.1700000000@mail.example.org>"
env = {"AUTH_MECH": "APOP"}
dig = hashlib.md5((stamp + PW).encode()).hexdigest()
rc, out, _ = run(rec("alice@example.org", dig, stamp), env)
t.is_((rc, envof(out).get("USER")), (0, "alice@example.org"), "APOP")
rc, _, _ = run(rec("alice@example.org", dig, stamp + "x"), env)
t.is_(rc, 1, "APOP with another timestamp")
rc, _, _ = run(rec("bob@example.org",
                   hashlib.md5((stamp + "test").encode()).hexdigest(),
                   stamp), env)
t.is_(rc, 1, "APOP against a CRAM-MD5 context: refused")

# --- the interface: exit codes, fds
rc, _, err = run(rec("alice@example.org", PW), fd3=False)
t.is_(rc, 2, "no fd 3: exit 2")
rc, _, _ = run(b"alice@example.org")
t.is_(rc, 2, "record without NUL: exit 2")
rc, _, _ = run(rec("alice@example.org", PW), args=[CP, table])
t.is_(rc, 2, "no prog: exit 2")
rc, _, err = run(rec("alice@example.org", PW),
                 table_path=os.path.join(d, "missing.cdb"))
t.is_(rc, 111, "missing table: exit 111")
t.like(err, r"warning: temp-fail reason=table", "logged as temporary")
rc, _, _ = run(rec("alice@example.org", PW), prog=["/nonexistent/prog"])
t.is_(rc, 111, "exec failure: exit 111")
bad = os.path.join(d, "corrupt.cdb")
with open(bad, "wb") as f:
    f.write(b"\xff" * 100)
rc, _, _ = run(rec("alice@example.org", PW), table_path=bad)
t.is_(rc, 111, "corrupt table: exit 111")

# fd 3 holds 600 bytes: at most 512 are read, the rest stays in the pipe.
r3, w3 = _highpipe()
os.write(w3, rec("alice@example.org", PW) + b"Z" * (600 - len(
    rec("alice@example.org", PW))))
os.close(w3)
r4, w4 = _highpipe()
r5, w5 = _highpipe()
os.write(w5, b"buffered client bytes")
os.close(w5)


def fds():
    os.dup2(r3, 3)
    os.dup2(w4, 4)
    os.dup2(r5, 5)


p = subprocess.run([CP, table, "sh", "-c", "echo started >&4; cat <&5"],
                   env=BASE_ENV, capture_output=True, preexec_fn=fds,
                   close_fds=False)
os.close(w4)
t.is_(p.returncode, 0, "login with fds 4 and 5 open")
t.is_(p.stdout, b"buffered client bytes", "fd 5 passed through untouched")
t.is_(os.read(r4, 100), b"started\n", "fd 4 passed through untouched")
t.is_(len(os.read(r3, 1000)), 600 - 512, "fd 3 not read past 512 bytes")
for fd in (r3, r4, r5):
    os.close(fd)

# The table is reopened per login: replace it and log in with the new one.
write_table([f"new:{{PLAIN}}{PW}:{UID}:{GID}::{home('new')}"])
rc, _, _ = run(rec("new", PW))
t.is_(rc, 0, "replaced table used by the next login")

# --- as root
if mailtest.IS_ROOT:
    rc, out, _ = run(rec("rooty", PW), {"ALLOW_UID0": "1"})
    t.ok(rc == 0 and out.startswith("uid=0 "), "uid 0 with ALLOW_UID0=1")
    # A user whose home the uid cannot enter: temporary failure.
    os.makedirs(os.path.join(d, "locked", "x"))
    os.chmod(os.path.join(d, "locked"), 0o700)
    write_table([f"locked:{{PLAIN}}{PW}:{UID}:{GID}::{d}/locked/x"])
    rc, _, err = run(rec("locked", PW))
    t.ok(rc == 111 and "reason=home" in err,
         "home not reachable as the user: 111 (dropped before chdir)")
else:
    t.skip("not root: uid switch and uid 0 tests need root", 2)
t.done()
