"""lmtp.py: the LMTP benchmark behind lmtp.sh (see there)."""
import multiprocessing as mp
import os
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import mailtest  # noqa: E402
from lmtptest import Users, corpus  # noqa: E402

N = int(os.environ.get("LMTP_BENCH_MESSAGES", "10000"))
CONN = int(os.environ.get("LMTP_BENCH_CONNECTIONS", "4"))
RCPTS = int(os.environ.get("LMTP_BENCH_RCPTS", "3"))
NUSERS = int(os.environ.get("LMTP_BENCH_USERS", "20"))
ROUNDS = int(os.environ.get("LMTP_BENCH_ROUNDS", "4"))
UID = 5000
# per-user: each user its own uid, lmtpd as root (a child per uid group
# per message), Dovecot's lmtp as root too; default: one mail uid.
PER_USER = os.environ.get("LMTP_BENCH_UIDS") == "per-user"


def uid_of(k):
    return UID + k if PER_USER else UID
DOVECOT = "/usr/lib/dovecot/lmtp"


def wire(msg):
    out = []
    for ln in msg.split(b"\n")[:-1] if msg.endswith(b"\n") else \
            msg.split(b"\n"):
        out.append((b"." + ln if ln.startswith(b".") else ln) + b"\r\n")
    return b"".join(out) + b".\r\n"


MSGS = []


def rcpts_for(i):
    return [f"u{(i * RCPTS + k) % NUSERS}@bench.test" for k in range(RCPTS)]


def reply(f):
    while True:
        ln = f.readline()
        if not ln:
            raise EOFError("connection closed")
        if ln[3:4] != b"-":
            return ln


def worker(args):
    port, w, lo, hi = args
    s = socket.create_connection(("127.0.0.1", port))
    f = s.makefile("rb")
    reply(f)
    s.sendall(b"LHLO bench.client\r\n")
    reply(f)
    bad = 0
    for i in range(lo + w, hi, CONN):
        rc = rcpts_for(i)
        s.sendall(b"MAIL FROM:<sender@bench.test>\r\n" + b"".join(
            b"RCPT TO:<%s>\r\n" % r.encode() for r in rc) + b"DATA\r\n")
        for _ in range(len(rc) + 2):
            reply(f)
        s.sendall(MSGS[i])
        for _ in rc:
            if not reply(f).startswith(b"250"):
                bad += 1
    s.sendall(b"QUIT\r\n")
    reply(f)
    s.close()
    return bad


def run(pool, port, lo, hi):
    t0 = time.time()
    bad = sum(pool.map(worker, [(port, w, lo, hi) for w in range(CONN)]))
    return time.time() - t0, bad


def delivered(users):
    return sum(len(mailtest.maildir_files(users.maildir(
        f"u{k}@bench.test"))) for k in range(NUSERS))


def make_users(name):
    u = Users(name)
    for k in range(NUSERS):
        u.add(f"u{k}@bench.test", uid=uid_of(k))
    return u


def start_lmtpd():
    u = make_users("bench-lmtpd")
    table = u.build()
    os.chown(table, -1, UID)
    spool = mailtest.tmpdir("bench-spool")
    os.chown(spool, UID, UID)
    srv = mailtest.Server([mailtest.prog("lmtpd/lmtpd"), table],
                          env={"LMTP_HOSTNAME": "bench.test",
                               "LMTP_SPOOL": spool},
                          tcpserver_opts=("-HRl0", "-c", "64") +
                          (() if PER_USER else ("-u", str(UID), "-g",
                                                str(UID))))
    return u, srv.port, srv.stop


DOVECOT_CONF = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = lmtp
listen = 127.0.0.1
ssl = no
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:~/Maildir
mail_fsync = always
first_valid_uid = 1000
passdb {{
  driver = passwd-file
  args = {d}/users
}}
userdb {{
  driver = passwd-file
  args = {d}/users
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {port}
  }}
}}
"""


def start_dovecot():
    u = make_users("bench-dovecot")
    d = mailtest.tmpdir("bench-dovecot-conf")
    os.chmod(d, 0o755)
    with open(os.path.join(d, "users"), "w") as f:
        for k in range(NUSERS):
            f.write(f"u{k}@bench.test:{{PLAIN}}x:{uid_of(k)}:{uid_of(k)}::"
                    f"{u.homes[f'u{k}@bench.test']}::\n")
    port = mailtest.free_port()
    conf = os.path.join(d, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(DOVECOT_CONF.format(d=d, port=port))
    errf = os.path.join(d, "start.err")
    with open(errf, "w") as err:	# the daemon keeps its stderr open
        r = subprocess.run(["dovecot", "-c", conf], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=err)
    if r.returncode != 0 or not mailtest.wait_port(port):
        sys.exit("dovecot did not start: " + open(errf).read())

    def stop():
        subprocess.run(["dovecot", "-c", conf, "stop"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        time.sleep(0.5)
    return u, port, stop


def main():
    if not mailtest.IS_ROOT:
        sys.exit("lmtp.sh: needs root (Dovecot's master, mail uid)")
    if not os.access(DOVECOT, os.X_OK):
        sys.exit("lmtp.sh: Dovecot's lmtp not installed")
    print(f"generating {N} gen_mbox messages ...", flush=True)
    msgs = corpus(N, seed=1)[:N]
    MSGS.extend(wire(m) for m in msgs)
    size = sum(len(m) for m in msgs)
    print(f"{len(MSGS)} messages, {size / 1e6:.1f} MB, {RCPTS} recipients "
          f"each among {NUSERS} users, {CONN} connections, "
          f"{'a uid per user' if PER_USER else 'one mail uid'}, "
          f"fsync on; same disk ({os.path.dirname(mailtest.tmpdir('x'))}); "
          f"{ROUNDS} alternating rounds",
          flush=True)
    servers = {"lmtpd": start_lmtpd(), "dovecot-lmtp": start_dovecot()}
    secs = {name: 0.0 for name in servers}
    bad = {name: 0 for name in servers}
    # Alternate the servers round by round, so that load from anything
    # else on the machine falls on both alike.
    step = (len(MSGS) + ROUNDS - 1) // ROUNDS
    try:
        with mp.get_context("fork").Pool(CONN) as pool:
            for r in range(ROUNDS):
                order = list(servers)
                if r % 2:
                    order.reverse()
                lo, hi = r * step, min(len(MSGS), (r + 1) * step)
                for name in order:
                    dt, b = run(pool, servers[name][1], lo, hi)
                    secs[name] += dt
                    bad[name] += b
    finally:
        for u, port, stop in servers.values():
            stop()
    res = {}
    nr = len(MSGS) * RCPTS
    for name, (u, port, stop) in servers.items():
        res[name] = (len(MSGS) / secs[name], nr / secs[name])
        print(f"{name:13s} {secs[name]:7.2f} s  {res[name][0]:8.1f} msg/s  "
              f"{res[name][1]:8.1f} rcpt/s  ({delivered(u)} files, "
              f"{bad[name]} failed)", flush=True)
    a, b = res["lmtpd"], res["dovecot-lmtp"]
    print(f"ratio lmtpd/dovecot: {a[0] / b[0]:.2f}x messages/s, "
          f"{a[1] / b[1]:.2f}x recipients/s")


if __name__ == "__main__":
    main()
