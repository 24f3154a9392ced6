#!/bin/sh
# deliver.sh: deliver N gen_mbox messages (default 10000) with deliver(8)
# and with Dovecot's dovecot-lda into fresh Maildirs under one temporary
# directory (same disk), one process per message as an MTA runs them,
# both with fsync on (deliver always; Dovecot mail_fsync=always).
# Prints messages per second for both and the ratio.  Not a test.
#
#   tests/bench/deliver.sh            (make bench runs it)
#   BENCH_N=2000 TMPDIR=/var/tmp tests/bench/deliver.sh
set -eu

N=${BENCH_N:-10000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$SRC}
DELIVER=$BUILD/deliver/deliver
LDA=/usr/lib/dovecot/dovecot-lda
CORPUS=$SRC/tests/lib/gen_mbox.py

[ -x "$DELIVER" ] || { echo "deliver.sh: build first (make)" >&2; exit 1; }
[ -x "$LDA" ] || { echo "deliver.sh: $LDA missing (dovecot-core)" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/bench-deliver-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
chmod 755 "$T"

# The corpus, one file per message, LF line ends.
python3 - "$CORPUS" "$N" "$T/msgs" <<'PY'
import os, subprocess, sys
corpus, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out)
mbox = out + ".mbox"
subprocess.run([sys.executable, corpus, str(n), mbox, "1"], check=True,
               stdout=subprocess.DEVNULL)
data = open(mbox, "rb").read().replace(b"\r\n", b"\n")
os.unlink(mbox)
parts = data.split(b"\n\nFrom sender@example.org ")
for i, p in enumerate(parts):
    p = p.split(b"\n", 1)[1]            # drop the From_ line
    if not p.endswith(b"\n"):
        p += b"\n"
    with open(os.path.join(out, "%06d" % i), "wb") as f:
        f.write(p.replace(b"\n>From ", b"\nFrom "))
print("corpus: %d messages, %d bytes" % (len(parts),
      sum(len(x) for x in parts)), file=sys.stderr)
PY

cat > "$T/dovecot.conf" <<CONF
base_dir = $T/run
log_path = $T/dovecot.log
info_log_path = /dev/null
ssl = no
protocols =
mail_location = maildir:$T/lda/Maildir
mail_fsync = always
CONF
mkdir -p "$T/lda" "$T/ours"

# Dovecot's LDA needs -d (and an auth service) as root: run both as an
# unprivileged user instead, the same one for both.
AS=""
if [ "$(id -u)" -eq 0 ]; then
	chown -R nobody "$T"
	AS="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
fi

now() { date +%s.%N; }

run_ours() {
	$AS sh -c 'for f in "$1"/msgs/*; do
		"$2" -f sender@example.org -a bench@example.org \
		    "$1/ours/Maildir/" < "$f" 2>/dev/null || exit 1
	done' sh "$T" "$DELIVER"
}

run_lda() {
	$AS env HOME="$T/lda" USER=nobody sh -c 'for f in "$1"/msgs/*; do
		"$2" -c "$1/dovecot.conf" -f sender@example.org \
		    -a bench@example.org < "$f" || exit 1
	done' sh "$T" "$LDA"
}

mkdir -p "$T/ours/Maildir/cur" "$T/ours/Maildir/new" "$T/ours/Maildir/tmp"
[ -z "$AS" ] || chown -R nobody "$T/ours"
sync
t0=$(now); run_ours; t1=$(now)
sync
t2=$(now); run_lda; t3=$(now)

got_ours=$(ls "$T/ours/Maildir/new" | wc -l)
got_lda=$(ls "$T/lda/Maildir/new" | wc -l)
total=$(ls "$T/msgs" | wc -l)
df -h "$T" | tail -1 | awk '{print "disk: " $1 " (" $6 ")"}'
awk -v n="$total" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" \
    -v go="$got_ours" -v gl="$got_lda" 'BEGIN {
	ours = n / (b - a); lda = n / (d - c)
	printf "deliver:      %6d messages in %7.2f s = %8.1f msg/s\n", go, b - a, ours
	printf "dovecot-lda:  %6d messages in %7.2f s = %8.1f msg/s\n", gl, d - c, lda
	printf "ratio deliver/dovecot-lda: %.2f\n", ours / lda
}'
[ "$got_ours" -eq "$total" ] && [ "$got_lda" -eq "$total" ] || {
	echo "deliver.sh: message counts differ" >&2; exit 1; }
