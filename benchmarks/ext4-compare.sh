#!/usr/bin/env bash
# Whole-process comparison of `fwkit ext4 extract IMAGE OUT` with `debugfs -R "rdump / OUT" IMAGE`
# (e2fsprogs) on an ext4 image built by `mke2fs -t ext4 -d` from a generated tree shaped like an
# Android system partition (benchmarks/ext4-tree.py: ~20 000 entries, most of them small files
# in nested folders, a few large files, symbolic links, a sparse file, a hard link).
#
# Both tools run in the same script, alternating, RUNS times each (the order flips every run, so
# neither always gets the warmer page cache); the script checks after every run that both
# outputs have the same names, types, contents, link targets, permission bits and modification
# times, then prints every time, the medians and the ratio (debugfs time / fwkit time: above 1
# means fwkit is faster). Everything lives in tmpfs (/dev/shm) unless FWKIT_BENCH_DIR says
# otherwise: on a disk the kernel's writeback dominates.
#
# usage: benchmarks/ext4-compare.sh [IMAGE_MiB (1024)] [RUNS (5)] [FILES (20000)]
# env:   FWKIT_BENCH_DIR (work folder), FWKIT_JAVA_OPTS (passed on by ./fwkit),
#        FWKIT_EXTRACT_ARGS (extra arguments for fwkit ext4 extract), KEEP=1 (keep the work folder)
# needs: mke2fs debugfs python3 /usr/bin/time (apt-get install e2fsprogs python3 time)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=benchmarks/lib.sh
. "$root/benchmarks/lib.sh"
size_mib=${1:-1024}
runs=${2:-5}
files=${3:-20000}
work=${FWKIT_BENCH_DIR:-/dev/shm/fwkit-ext4-compare}
fwkit="$root/fwkit"

for t in mke2fs debugfs python3 /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "ext4-compare.sh: $t is missing (apt-get install e2fsprogs python3)" >&2; exit 2; }
done

rm -rf "$work"
mkdir -p "$work"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

# About 75% of the image is file data; the rest is left for metadata and free space.
python3 "$root/benchmarks/ext4-tree.py" "$work/src" "$files" $((size_mib * 3 / 4))
mke2fs -q -F -t ext4 -d "$work/src" "$work/system.img" "${size_mib}M"
rm -rf "$work/src"
"$fwkit" --version >/dev/null 2>&1 || "$fwkit" --help >/dev/null   # builds the jar if needed

# Runs a command under /usr/bin/time; appends "wall cpu" (cpu = user + system seconds) to $1.
timed() { local f=$1; shift; /usr/bin/time -f '%e %U %S' -o "$work/t" "$@"; awk '{print $1, $2 + $3}' "$work/t" >> "$f"; }
# Type, permission bits, size and link target of everything; modification time of files and
# folders (debugfs rdump leaves a link's own time alone). Hard links are not compared: rdump
# writes each name as its own copy.
listing() {
  (cd "$1" && find . -mindepth 1 \( -type l -printf '%p %y %l\n' \) -o \( -type d -printf '%p %y %m %TY%Tm%Td%TH%TM%TS\n' \) \
      -o -printf '%p %y %m %s %TY%Tm%Td%TH%TM%TS\n') | LC_ALL=C sort
}

# shellcheck disable=SC2086
ours() { timed "$work/ours.t" "$fwkit" ext4 extract ${FWKIT_EXTRACT_ARGS:-} "$work/system.img" "$work/o" >/dev/null; }
peer() { timed "$work/peer.t" debugfs -R "rdump / $work/p" "$work/system.img" 2>/dev/null; }

rm -f "$work/ours.t" "$work/peer.t"
for r in $(seq 1 "$runs"); do
  rm -rf "$work/o" "$work/p"
  mkdir "$work/p"
  sync
  if ((r % 2)); then
    ours; peer
  else
    peer; ours
  fi
  diff -r --no-dereference "$work/o" "$work/p" >/dev/null || { echo "run $r: contents differ (diff -r --no-dereference $work/o $work/p)" >&2; KEEP=1; trap - EXIT; exit 1; }
  cmp -s <(listing "$work/o") <(listing "$work/p") || { echo "run $r: names, modes or times differ:" >&2; diff <(listing "$work/o") <(listing "$work/p") | head -20 >&2; trap - EXIT; exit 1; }
  echo "run $r: fwkit $(tail -1 "$work/ours.t" | awk '{print $1 "s (cpu " $2 "s)"}')" \
       "debugfs $(tail -1 "$work/peer.t" | awk '{print $1 "s (cpu " $2 "s)"}')"
done

col() { awk -v c="$2" '{print $c}' "$1" | median; }
mo=$(col "$work/ours.t" 1); mp=$(col "$work/peer.t" 1); co=$(col "$work/ours.t" 2); cp=$(col "$work/peer.t" 2)
n=$(listing "$work/o" | wc -l)
echo
echo "image: ${size_mib} MiB ext4, $n entries, $(du -sm "$work/o" | cut -f1) MiB extracted; medians of $runs runs"
printf 'extract wall: fwkit %.3fs  debugfs rdump %.3fs  ratio %.2fx\n' "$mo" "$mp" "$(echo "$mp / $mo" | bc -l)"
# CPU time (user + system) says what each costs when the machine is shared and wall times are noisy.
printf 'extract cpu:  fwkit %.3fs  debugfs rdump %.3fs  ratio %.2fx\n' "$co" "$cp" "$(echo "$cp / $co" | bc -l)"
