#!/usr/bin/env python3
"""Timing parity of checkpassword-cdb: an unknown login and a wrong
password for a known one must take the same time (a dummy hash is
verified for unknown logins).  Runs both interleaved, many times, and
prints means, medians and their ratio; exits 1 if the medians differ by
more than the tolerance (default 15%, noise on a shared machine).

SCHEMES (default "SHA512-CRYPT BLF-CRYPT YESCRYPT") picks the tables: each
holds users of that scheme only, so the table's dummy (mkusers stores one
in the most common scheme and cost) must match their cost; a fixed
SHA512-CRYPT dummy would make unknown logins fast in a BLF-CRYPT table."""
import fcntl
import os
import statistics
import subprocess
import sys
import tempfile
import time

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD") or SRC
CP = os.path.join(BUILD, "login", "checkpassword-cdb")
MK = os.path.join(BUILD, "login", "mkusers")
MP = os.path.join(BUILD, "login", "mailpw")
N = int(os.environ.get("TRIES", "300"))
SCHEMES = os.environ.get("SCHEMES",
                         "SHA512-CRYPT BLF-CRYPT YESCRYPT").split()
TOL = float(os.environ.get("TOLERANCE", "0.15"))


def main():
    bad = 0
    for scheme in SCHEMES:
        print(f"{scheme}:")
        with tempfile.TemporaryDirectory(prefix="auth-timing-") as d:
            bad += measure(d, scheme)
    return 1 if bad else 0


def measure(d, scheme):
    with open(os.path.join(d, "users"), "w") as f:
        for who in ("alice", "bob", "carol"):
            h = subprocess.run([MP, "-s", scheme], input="the right one\n",
                               capture_output=True, text=True,
                               check=True).stdout.strip()
            f.write(f"{who}@example.org:{h}:65534:65534::/nonexistent\n")
    table = os.path.join(d, "users.cdb")
    subprocess.run([MK, "-v", os.path.join(d, "users"), table], check=True)

    def once(login):
        r0, w = os.pipe()
        r = fcntl.fcntl(r0, fcntl.F_DUPFD_CLOEXEC, 20)
        os.close(r0)
        os.write(w, login + b"\0wrong password\0<x>\0")
        os.close(w)
        t0 = time.perf_counter()
        p = subprocess.run([CP, table, "true"], stdin=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL,
                           preexec_fn=lambda: os.dup2(r, 3),
                           close_fds=False)
        dt = time.perf_counter() - t0
        os.close(r)
        assert p.returncode == 1, p.returncode
        return dt

    times = {"unknown": [], "wrong": []}
    for _ in range(10):                     # warm up caches
        once(b"alice@example.org")
        once(b"nobody@example.org")
    for i in range(N):
        order = [("wrong", b"alice@example.org"),
                 ("unknown", b"nobody@example.org")]
        for name, login in (order if i % 2 else order[::-1]):
            times[name].append(once(login))
    for name, ts in times.items():
        print(f"  {name:8s} n={len(ts)} mean={statistics.mean(ts)*1e3:.3f} ms"
              f" median={statistics.median(ts)*1e3:.3f} ms"
              f" stdev={statistics.stdev(ts)*1e3:.3f} ms")
    mean_ratio = statistics.mean(times["unknown"]) / \
        statistics.mean(times["wrong"])
    med_ratio = statistics.median(times["unknown"]) / \
        statistics.median(times["wrong"])
    print(f"  ratio unknown/wrong: mean {mean_ratio:.3f}, "
          f"median {med_ratio:.3f} (tolerance {TOL:.0%})")
    ok = abs(med_ratio - 1) <= TOL
    print("  timing parity:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


sys.exit(main())
