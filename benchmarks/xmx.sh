#!/usr/bin/env bash
# Bounded-memory check: encodes and decodes an image larger than 4 GiB (default 8 GiB) with the
# JVM heap capped at 64 MiB, and checks the round trip. The input is mostly holes with scattered
# random and patterned data, so it needs little real memory or disk (tmpfs by default).
#
# usage: benchmarks/xmx.sh [SIZE_GiB (8)] [HEAP (64m)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gib=${1:-8}
heap=${2:-64m}
work=${FWKIT_BENCH_DIR:-/dev/shm/fwkit-xmx}
rm -rf "$work"; mkdir -p "$work"; trap 'rm -rf "$work"' EXIT
raw="$work/big.raw"
truncate -s "${gib}G" "$raw"
# 4 MiB of random data every 256 MiB, a 1 MiB constant pattern after each, and a final partial block
for ((i = 0; i < gib * 4; i++)); do
  dd if=/dev/urandom of="$raw" bs=1M count=4 seek=$((i * 256)) conv=notrunc status=none
  { yes 'FWKT' | tr -d '\n' | head -c 1M || true; } | dd of="$raw" bs=1M seek=$((i * 256 + 100)) conv=notrunc status=none
done
printf 'tail' >> "$raw"
"$root/fwkit" --help >/dev/null  # builds the jar if needed

export FWKIT_JAVA_OPTS="-Xmx$heap"
t0=$(date +%s.%N)
"$root/fwkit" sparse encode "$raw" "$work/big.simg"
t1=$(date +%s.%N)
"$root/fwkit" sparse decode "$work/big.simg" "$work/back.raw"
t2=$(date +%s.%N)
"$root/fwkit" sparse info "$work/big.simg" | head -20
# the decode is the input padded with zeros to a whole block
truncate -s "$(stat -c %s "$work/back.raw")" "$raw"
cmp "$raw" "$work/back.raw"
echo "ok: ${gib} GiB round trip with -Xmx$heap; encode $(echo "$t1 - $t0" | bc)s, decode $(echo "$t2 - $t1" | bc)s"
