"""tls.py: the TLS benchmark behind tests/bench/tls.sh (see there)."""
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
MB = int(os.environ.get("BENCH_MB", "64"))
CTX = lt.tls_context()
CTX.minimum_version = ssl.TLSVersion.TLSv1_3


def handshakes(port):
    """Sequential connect + TLS 1.3 handshake + greeting + close."""
    n, errors, end = 0, 0, time.time() + SECONDS
    t0 = time.time()
    while time.time() < end:
        try:
            s = CTX.wrap_socket(socket.create_connection(("127.0.0.1",
                                                          port)))
            s.recv(4096)
            s.close()
            n += 1
        except OSError:
            errors += 1
    if errors:
        print(f"  ({errors} connections failed on port {port})")
    return n / (time.time() - t0)


def bulk(port, user, password, command, size):
    """Log in, run command, read size bytes; returns bytes per second."""
    s = CTX.wrap_socket(socket.create_connection(("127.0.0.1", port)))
    f = s.makefile("rb", buffering=0)
    s.recv(4096)
    s.sendall(f"a LOGIN {user} {password}\r\n".encode())
    buf = b""
    while b"a OK" not in buf:
        d = s.recv(65536)
        if not d:
            raise RuntimeError("login failed: %r" % buf)
        buf += d
    t0 = time.time()
    s.sendall(command)
    got = 0
    while got < size:
        d = f.read(1 << 20)
        if not d:
            break
        got += len(d)
    dt = time.time() - t0
    s.close()
    return got / dt, got


def ours(d, big):
    sender = os.path.join(d, "bulk-sender")
    with open(sender, "w") as f:
        f.write("#!/bin/sh\n# the post-login side: started byte, tagged OK,"
                " then the big file\nprintf + >&4; exec 4>&-\n"
                "printf '%s OK bench\\r\\n' \"$IMAPLOGINTAG\"\n"
                "read cmd\nexec cat " + big + "\n")
    os.chmod(sender, 0o755)
    res = {}
    with lt.server(implicit=True, argv=[*lt.PY, lt.CHECKPW, sender],
                   tcpserver_opts=("-HRl0", "-c", "200")) as srv:
        res["hs"] = handshakes(srv.port)
        res["bulk"], res["bytes"] = bulk(srv.port, "alice@example.org",
                                         "secret", b"b GO\r\n",
                                         os.path.getsize(big))
    return res


def have(path):
    return os.access(os.path.join(mailtest.BUILD, path), os.X_OK)


def ours_imapd(d, big):
    """The whole chain: imap-login, checkpassword-cdb, imapd FETCH."""
    uid = gid = 65534
    home = os.path.join(d, "suite")
    md = mailtest.make_maildir(os.path.join(home, "Maildir"))
    shutil.copyfile(big, os.path.join(
        md, "cur", f"1.2.bench,S={os.path.getsize(big)}:2,S"))
    subprocess.run(["chown", "-R", f"{uid}:{gid}", home], check=True)
    users = os.path.join(d, "users")
    with open(users, "w") as f:
        f.write(f"bench:{{PLAIN}}bench:{uid}:{gid}::{home}::\n")
    subprocess.run([mailtest.prog("login/mkusers"), users, users + ".cdb"],
                   check=True)
    with lt.server(implicit=True, argv=[
            mailtest.prog("login/checkpassword-cdb"), users + ".cdb",
            mailtest.prog("imapd/imapd")]) as srv:
        bulk(srv.port, "bench", "bench", b"b SELECT INBOX\r\n", 1)
        return bulk(srv.port, "bench", "bench",
                    b"b SELECT INBOX\r\nc FETCH 1 BODY.PEEK[]\r\n",
                    os.path.getsize(big))


DOVECOT_CONF = """
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {d}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
  process_limit = 400
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def dovecot(d, big):
    uid = gid = 65534
    port = mailtest.free_port()
    cert, key = lt.cert()
    with open(os.path.join(d, "dovecot.conf"), "w") as f:
        f.write(DOVECOT_CONF.format(d=d, cert=cert, key=key, uid=uid,
                                    gid=gid, port=port))
    with open(os.path.join(d, "passwd"), "w") as f:
        f.write("bench:{PLAIN}bench\n")
    md = mailtest.make_maildir(os.path.join(d, "home", "bench", "Maildir"))
    msg = os.path.join(md, "cur", f"1.1.bench,S={os.path.getsize(big)}:2,S")
    shutil.copyfile(big, msg)
    subprocess.run(["chown", "-R", f"{uid}:{gid}",
                    os.path.join(d, "home")], check=True)
    p = subprocess.Popen(["dovecot", "-F", "-c",
                          os.path.join(d, "dovecot.conf")],
                         start_new_session=True)
    try:
        if not mailtest.wait_port(port):
            raise RuntimeError("dovecot did not start: " +
                               open(os.path.join(d, "dovecot.log")).read())
        res = {"hs": handshakes(port)}
        # Warm up (Dovecot builds its index on first SELECT).
        bulk(port, "bench", "bench", b"b SELECT INBOX\r\n", 1)
        res["bulk"], res["bytes"] = bulk(
            port, "bench", "bench",
            b"b SELECT INBOX\r\nc FETCH 1 BODY.PEEK[]\r\n",
            os.path.getsize(big))
        return res
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait()


def main():
    if not mailtest.IS_ROOT or shutil.which("dovecot") is None:
        print("tls bench: needs root and Dovecot (dovecot-imapd)")
        return 1
    d = mailtest.tmpdir("bench")
    os.chmod(d, 0o755)
    big = os.path.join(d, "big.eml")
    line = b"X" * 76 + b"\r\n"
    with open(big, "wb") as f:
        f.write(b"Subject: bench\r\n\r\n")
        f.write(line * (MB * 1024 * 1024 // len(line)))
    a = ours(d, big)
    full = None
    if all(have(p) for p in ("login/checkpassword-cdb", "login/mkusers",
                             "imapd/imapd")):
        full = ours_imapd(d, big)
    b = dovecot(d, big)
    print(f"TLS 1.3 handshakes/s (sequential, greeting read, {SECONDS:g}s):")
    print(f"  imap-login  {a['hs']:8.1f}")
    print(f"  dovecot     {b['hs']:8.1f}   ratio {a['hs'] / b['hs']:.2f}")
    print(f"bulk download after login through TLS, {MB} MiB:")
    print(f"  imap-login  {a['bulk'] / 1e6:8.1f} MB/s ({a['bytes']} bytes)"
          f"   (relay: cat of the file behind imap-login)")
    if full:
        print(f"  suite       {full[0] / 1e6:8.1f} MB/s ({full[1]} bytes)"
              f"   (imap-login, checkpassword-cdb, imapd FETCH)"
              f"   ratio {full[0] / b['bulk']:.2f}")
    print(f"  dovecot     {b['bulk'] / 1e6:8.1f} MB/s ({b['bytes']} bytes)"
          f"   (imap-login, imap FETCH)   ratio {a['bulk'] / b['bulk']:.2f}")
    return 0


sys.exit(main())
