#!/usr/bin/env bash
# Bounded-memory check for ext4: one folder of ENTRIES (default 100 000) files, read with the JVM
# heap capped at HEAP (default 128m): fwkit ext4 ls (sorted listing), ls -lR (every inode),
# stat of one name (a lookup in the big folder), check (every checksum, link counts) and
# extract, each timed and checked against what it must produce.
#
# The image: as root, the kernel fills the folder through a loop mount (an htree directory, as
# on a device, in seconds); otherwise mke2fs -d, whose time grows with the square of the folder's
# size (see below), then e2fsck -fyD to index the folder.
#
# usage: benchmarks/ext4-xmx.sh [ENTRIES (100000)] [HEAP (128m)]
# env:   FWKIT_BENCH_DIR (work folder, default /dev/shm/fwkit-ext4-xmx)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
heap=${2:-128m}
work=${FWKIT_BENCH_DIR:-/dev/shm/fwkit-ext4-xmx}
fwkit="$root/fwkit"
for t in mke2fs e2fsck python3; do
  command -v "$t" >/dev/null || { echo "ext4-xmx.sh: $t is missing (apt-get install e2fsprogs python3)" >&2; exit 2; }
done
rm -rf "$work"; mkdir -p "$work"; trap 'rm -rf "$work"' EXIT

# Names of 30-odd bytes, every fifth with a non-ASCII letter; half of the files hold a few bytes.
fill() {
  python3 -c '
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    name = ("entr\u00e9e-%07d-of-a-big-folder" if i % 5 == 0 else "entry-%07d-of-a-big-folder") % i
    with open(os.path.join(d, name), "wb") as f:
        if i % 2:
            f.write(b"%d\n" % i)
' "$1" "$n"
  echo hello > "$1/../hello.txt"
}

img="$work/big.img"
size_mib=$((n / 1000 * 2 + 64))
t0=$(date +%s.%N)
if [ "$(id -u)" = 0 ] && mkdir -p "$work/mnt" && truncate -s "${size_mib}M" "$img" \
    && mke2fs -q -F -t ext4 -b 4096 -N $((n + 1000)) "$img" && mount -o loop "$img" "$work/mnt" 2>/dev/null; then
  how="the kernel (loop mount)"
  trap 'umount "$work/mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
  mkdir "$work/mnt/big"
  fill "$work/mnt/big"
  umount "$work/mnt"
  trap 'rm -rf "$work"' EXIT
else
  # mke2fs 1.47.0 -d links each name by scanning the folder for room: more than ten minutes
  # for 100 000 names on our 2-core machine.
  how="mke2fs -d"
  rm -rf "$work/src" "$img"
  mkdir -p "$work/src/big"
  fill "$work/src/big"
  mke2fs -q -F -t ext4 -b 4096 -N $((n + 1000)) -d "$work/src" "$img" "${size_mib}M"
  rm -rf "$work/src"
  e2fsck -fyD "$img" >/dev/null || [ $? -le 1 ]
fi
t1=$(date +%s.%N)
e2fsck -fn "$img" >/dev/null
echo "image: $n entries in /big, written by $how in $(echo "$t1 - $t0" | bc)s; e2fsck -fn clean"
"$fwkit" --help >/dev/null  # builds the jar if needed

export FWKIT_JAVA_OPTS="-Xmx$heap"
run() {  # run LABEL WANT COMMAND...: time one command (it must exit 0); WANT output lines must name a big-folder entry
  local label=$1 want=$2; shift 2
  local s e lines
  s=$(date +%s.%N)
  "$fwkit" "$@" > "$work/stdout"
  e=$(date +%s.%N)
  lines=$(grep -c 'of-a-big-folder' "$work/stdout" || true)
  if [ "$lines" != "$want" ]; then
    echo "FAIL: $label printed $lines lines naming big-folder entries, expected $want" >&2; exit 1
  fi
  printf '%-34s ok  %6.2fs  (%s entries)\n' "$label" "$(echo "$e - $s" | bc)" "$lines"
}
if (( (n - 1) % 5 == 0 )); then p='entr\u00e9e'; else p=entry; fi
last=$(printf "$p-%07d-of-a-big-folder" $((n - 1)))
run "ls /big" "$n" ext4 ls "$img" /big
run "ls -lR /" "$n" ext4 ls -lR "$img" /
run "stat of the last name in /big" 1 ext4 stat "$img" "/big/$last"
run "check" 0 ext4 check "$img"
s=$(date +%s.%N)
"$fwkit" ext4 extract "$img" "$work/out" >/dev/null
e=$(date +%s.%N)
got=$(find "$work/out/big" -type f | wc -l)
[ "$got" = "$n" ] || { echo "FAIL: extract wrote $got files, expected $n" >&2; exit 1; }
printf '%-34s ok  %6.2fs  (%s files)\n' "extract" "$(echo "$e - $s" | bc)" "$got"
echo "ok: a $n-entry folder read with -Xmx$heap"
