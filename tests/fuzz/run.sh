#!/bin/sh
# run.sh: build and run the libFuzzer targets tests/fuzz/fuzz-*.c.
#
#   tests/fuzz/run.sh [seconds] [name ...]     (default 30 s, all targets)
#
# The sources a target needs are the ones it names on "fuzz-srcs:" lines
# or in a clang command line in its first comment; a target that names
# none gets, by following #include "x.h" to a sibling x.c (in the
# including file's directory or shared/), everything it includes.
# Builds go to tests/fuzz/out/<name>/, new corpus entries to
# out/<name>/corpus; seeds in tests/fuzz/seeds/<name>/ (or
# tests/fuzz/seeds-<name>/) are only read.  A crash leaves
# out/<name>/crash-* and makes this script exit 1.
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-30}
[ $# -gt 0 ] && shift
CC=${FUZZ_CC:-clang}
FLAGS="-g -O1 -std=c17 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -iquote shared"
LIBS="-lcdb -lcrypt -lssl -lcrypto -lz"

# The .c files a target needs (see above), one per line.
sources() {
	python3 - "$1" <<'PY'
import os, re, sys
target = sys.argv[1]
text = open(target).read()
named = [s for line in re.findall(r"fuzz-srcs:(.*)", text) for s in line.split()]
comment = text.split("*/", 1)[0].replace("\\\n", " ")
cmds = " ".join(l for l in comment.splitlines() if "clang " in l)
named += [s for s in re.findall(r"[\w./-]+\.c\b", cmds)
          if os.path.exists(s) and os.path.basename(s) != os.path.basename(target)]
if named:
    print("\n".join(sorted(set(os.path.normpath(s) for s in named))))
    sys.exit(0)
todo = [target]
seen = set()
while todo:
    f = os.path.normpath(todo.pop())
    if f in seen or not os.path.exists(f):
        continue
    seen.add(f)
    for h in re.findall(r'^#include "([^"]+)\.h"', open(f).read(), re.M):
        for base in (os.path.dirname(f), "shared"):
            c = os.path.normpath(os.path.join(base, h + ".c"))
            if os.path.exists(c):
                todo.append(c)
                break
seen.discard(os.path.normpath(target))
print("\n".join(sorted(seen)))
PY
}

if [ $# -eq 0 ]; then
	set -- $(ls tests/fuzz/fuzz-*.c | sed 's|.*/fuzz-||; s|\.c$||')
fi
status=0
for name in "$@"; do
	src=tests/fuzz/fuzz-$name.c
	out=tests/fuzz/out/$name
	seeds=tests/fuzz/seeds/$name
	[ -d "tests/fuzz/seeds-$name" ] && seeds="$seeds tests/fuzz/seeds-$name"
	mkdir -p "$out/corpus" "tests/fuzz/seeds/$name"
	echo "== fuzz-$name: build"
	# shellcheck disable=SC2086
	if ! $CC $FLAGS -o "$out/fuzz-$name" "$src" $(sources "$src") $LIBS; then
		echo "fuzz-$name: BUILD FAILED" >&2
		status=1
		continue
	fi
	echo "== fuzz-$name: run ${secs}s"
	# shellcheck disable=SC2086
	if ! "$out/fuzz-$name" -max_total_time="$secs" -print_final_stats=1 \
	    -artifact_prefix="$out/" "$out/corpus" $seeds > "$out/log" 2>&1
	then
		echo "fuzz-$name: FAILED, see $out/log" >&2
		tail -30 "$out/log" >&2
		status=1
	else
		grep -E '^stat::number_of_executed_units|^Done' "$out/log" || true
	fi
done
exit $status
