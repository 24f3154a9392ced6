#!/bin/sh
# run.sh: build and run the libFuzzer targets tests/fuzz/fuzz-*.c.
#
#   tests/fuzz/run.sh [seconds] [name ...]     (default 30 s, all targets)
#
# Each target names the library sources it needs on "fuzz-srcs:" comment
# lines.  Builds go to tests/fuzz/out/<name>/ with new corpus entries in
# out/<name>/corpus; the seeds in tests/fuzz/seeds/<name>/ are only read.
# A crash leaves out/<name>/crash-* and makes this script fail.
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-30}
[ $# -gt 0 ] && shift
CC=${FUZZ_CC:-clang}
FLAGS="-g -O1 -std=c17 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -iquote shared"

if [ $# -eq 0 ]; then
	set -- $(ls tests/fuzz/fuzz-*.c | sed 's|.*/fuzz-||; s|\.c$||')
fi
status=0
for name in "$@"; do
	src=tests/fuzz/fuzz-$name.c
	out=tests/fuzz/out/$name
	srcs=$(sed -n 's/^.*fuzz-srcs://p' "$src")
	mkdir -p "$out/corpus" "tests/fuzz/seeds/$name"
	echo "== fuzz-$name: build"
	# shellcheck disable=SC2086
	$CC $FLAGS -o "$out/fuzz-$name" "$src" $srcs
	echo "== fuzz-$name: run ${secs}s"
	if ! "$out/fuzz-$name" -max_total_time="$secs" -print_final_stats=1 \
	    -artifact_prefix="$out/" "$out/corpus" "tests/fuzz/seeds/$name" \
	    > "$out/log" 2>&1; then
		echo "fuzz-$name: FAILED, see $out/log" >&2
		tail -30 "$out/log" >&2
		status=1
	else
		grep -E '^stat::number_of_executed_units|^Done' "$out/log" || true
	fi
done
exit $status
