#!/bin/sh
# auth-table.sh: compile time of users.cdb and lookups per second for
# tables of 1,000 and 100,000 users (each with one alias).
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$SRC}
MK=$BUILD/login/mkusers
T=$(mktemp -d /tmp/auth-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM

cc -O2 -std=c17 -D_DEFAULT_SOURCE -iquote "$SRC/shared" \
    -o "$T/lookup" "$SRC/tests/bench/auth-lookup.c" \
    "$BUILD/shared/libmaildir.a" -lcdb
HASH='{SHA512-CRYPT}$6$saltsaltsalt$Eq7AXoCiNaawmn73OzHS/Onu63TphN5OQr60M2oXjFa5F.pQts/b39gupmlqDTIdMumDdbS9OVbuNRng/NNQ61'
for n in 1000 100000; do
	awk -v n="$n" -v h="$HASH" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "user%d@example.org:%s:5000:5000::/var/mail/" \
			    "example.org/user%d::quota=1G alias=alias%d@" \
			    "example.org\n", i, h, i, i }' > "$T/users.$n"
	start=$(date +%s.%N)
	"$MK" "$T/users.$n" "$T/users.$n.cdb"
	end=$(date +%s.%N)
	echo "users=$n: mkusers $(echo "$end - $start" | bc -l | cut -c1-5) s," \
	    "$(wc -c < "$T/users.$n.cdb") bytes"
	"$T/lookup" "$T/users.$n.cdb" "$n" 100000
done
