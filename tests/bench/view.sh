#!/bin/sh
# view.sh: cost of opening a folder through shared/view.h, with and
# without maildir-view.cache.  Makes a folder of $N messages (default
# 100000), lets the view give UIDs, then times opening the unchanged
# folder both ways and counts system calls with strace -c.
#
#   BUILD=. tests/bench/view.sh          (N=20000 tests/bench/view.sh)
set -eu
BUILD=${BUILD:-.}
N=${N:-100000}
TOOL=$BUILD/tests/tools/viewtool
[ -x "$TOOL" ] || { echo "build first: make tests" >&2; exit 1; }
DIR=$(mktemp -d "${TMPDIR:-/tmp}/viewbench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
MD=$DIR/Maildir
mkdir -p "$MD/cur" "$MD/new" "$MD/tmp"

python3 - "$MD" "$N" <<'PY'
import os, sys
md, n = sys.argv[1], int(sys.argv[2])
body = b"From: a@example.org\nSubject: bench\n\n" + b"x" * 200 + b"\n"
for i in range(n):
    flags = "S" if i % 3 else "RS"
    name = f"{1600000000 + i}.M{i}P1.bench,S={len(body)}:2,{flags}"
    with open(os.path.join(md, "cur", name), "wb") as f:
        f.write(body)
PY
echo "folder: $N messages in cur/"
ms() { "$TOOL" open "$MD" $1 | sed 's/.*open \([0-9.]*\) ms/\1/'; }
first=$(ms nocache)			# gives UIDs, writes the uidlist
"$TOOL" open "$MD" >/dev/null		# writes the cache
# Age the directory mtimes so the cache is trusted (not "too recent").
touch -d '2 minutes ago' "$MD/cur" "$MD/new"
rm -f "$MD/maildir-view.cache"
"$TOOL" open "$MD" >/dev/null
best() { b=""; for i in 1 2 3; do t=$(ms "$1"); b=$(echo "$b $t" | \
	awk '{m=$1; for(i=2;i<=NF;i++) if($i<m) m=$i; print m}'); done; echo "$b"; }
nocache=$(best nocache)
cache=$(best "")
echo "first open (assign $N UIDs):  ${first} ms"
echo "open, no cache (readdir+stat):  ${nocache} ms"
echo "open, cache valid:              ${cache} ms"
echo "ratio no-cache / cache:         $(echo "$nocache $cache" | awk '{printf "%.1f", $1/$2}')x"
if command -v strace >/dev/null 2>&1; then
	for mode in nocache cache; do
		arg=""; [ $mode = nocache ] && arg=nocache
		strace -c -o "$DIR/strace.$mode" "$TOOL" open "$MD" $arg >/dev/null
		total=$(awk '/total/ {print $4}' "$DIR/strace.$mode")
		calls=$(awk '$NF ~ /^(newfstatat|stat|statx|lstat|getdents64|openat|read)$/ \
			{printf "%s=%s ", $NF, $4}' "$DIR/strace.$mode")
		echo "syscalls $mode: total=$total $calls"
	done
else
	echo "strace not installed: no syscall counts"
fi
if [ -x /usr/lib/dovecot/imap ] && [ "$(id -u)" != 0 ]; then
	echo "(Dovecot comparison: run tests/e2e/maildir-dovecot-interop.t)"
fi
