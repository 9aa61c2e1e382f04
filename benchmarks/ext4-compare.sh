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
# With FWKIT_BENCH_OUT=ext4 (root only) each tool writes instead into a freshly made ext4 file
# system, loop-mounted from a file in the work folder: what extracting to a disk costs in the
# kernel (inode allocation, directory indexing, journalling) without the disk's writeback and
# without the host's own file system, whose state after deleting an earlier run's 20 000 files
# made runs on it vary from 3 s to 20 s.
#
# usage: benchmarks/ext4-compare.sh [IMAGE_MiB (1024)] [RUNS (5)] [FILES (20000)]
# env:   FWKIT_BENCH_DIR (work folder), FWKIT_BENCH_OUT (tmpfs, the default, or ext4),
#        FWKIT_JAVA_OPTS (passed on by ./fwkit), FWKIT_EXTRACT_ARGS (extra arguments for
#        fwkit ext4 extract), KEEP=1 (keep the work folder)
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

target=${FWKIT_BENCH_OUT:-tmpfs}
case "$target" in
  tmpfs) ;;
  ext4) [ "$(id -u)" = 0 ] || { echo "ext4-compare.sh: FWKIT_BENCH_OUT=ext4 needs root (it loop-mounts file systems)" >&2; exit 2; } ;;
  *) echo "ext4-compare.sh: FWKIT_BENCH_OUT is tmpfs or ext4, not $target" >&2; exit 2 ;;
esac

# Unmounts what an earlier (killed) run may have left mounted, so rm -rf cannot empty it.
unmount() {
  local m
  for m in mo mp; do
    if mountpoint -q "$work/$m" 2>/dev/null; then umount "$work/$m"; fi
  done
}
unmount
rm -rf "$work"
mkdir -p "$work"
if [ "${KEEP:-}" = 1 ]; then trap unmount EXIT; else trap 'unmount; rm -rf "$work"' EXIT; fi
# On a failed compare: keep everything, mounted, and say how to look and clean up.
keep_for_inspection() {
  trap - EXIT
  echo "outputs kept: $out_o $out_p" >&2
  [ "$target" != ext4 ] || echo "when done: umount $work/mo $work/mp && rm -rf $work" >&2
}

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

# Output folders: $work/o and $work/p, or with FWKIT_BENCH_OUT=ext4 the same names inside fresh
# file systems mounted at $work/mo and $work/mp (two, so the listing compare can see both).
if [ "$target" = ext4 ]; then out_o="$work/mo/o"; out_p="$work/mp/p"; else out_o="$work/o"; out_p="$work/p"; fi
fresh_outputs() {
  if [ "$target" = ext4 ]; then
    unmount
    local m
    for m in mo mp; do
      rm -f "$work/$m.fs"
      truncate -s $((size_mib * 2))M "$work/$m.fs"
      # Inode tables and journal zeroed now, not by the kernel's lazy-init thread during the runs.
      mke2fs -q -F -t ext4 -E lazy_itable_init=0,lazy_journal_init=0 "$work/$m.fs"
      mkdir -p "$work/$m"
      mount -o loop "$work/$m.fs" "$work/$m"
    done
  else
    rm -rf "$work/o" "$work/p"
  fi
  mkdir "$out_p"
}

# shellcheck disable=SC2086
ours() { timed "$work/ours.t" "$fwkit" ext4 extract ${FWKIT_EXTRACT_ARGS:-} "$work/system.img" "$out_o" >/dev/null; }
peer() { timed "$work/peer.t" debugfs -R "rdump / $out_p" "$work/system.img" 2>/dev/null; }

rm -f "$work/ours.t" "$work/peer.t"
for r in $(seq 1 "$runs"); do
  fresh_outputs
  sync
  if ((r % 2)); then
    ours; peer
  else
    peer; ours
  fi
  diff -r --no-dereference "$out_o" "$out_p" >/dev/null || { echo "run $r: contents differ (diff -r --no-dereference $out_o $out_p)" >&2; keep_for_inspection; exit 1; }
  cmp -s <(listing "$out_o") <(listing "$out_p") || { keep_for_inspection; echo "run $r: names, modes or times differ:" >&2; diff <(listing "$out_o") <(listing "$out_p") | head -20 >&2 || true; exit 1; }
  echo "run $r: fwkit $(tail -1 "$work/ours.t" | awk '{print $1 "s (cpu " $2 "s)"}')" \
       "debugfs $(tail -1 "$work/peer.t" | awk '{print $1 "s (cpu " $2 "s)"}')"
done

col() { awk -v c="$2" '{print $c}' "$1" | median; }
mo=$(col "$work/ours.t" 1); mp=$(col "$work/peer.t" 1); co=$(col "$work/ours.t" 2); cp=$(col "$work/peer.t" 2)
n=$(listing "$out_o" | wc -l)
echo
echo "image: ${size_mib} MiB ext4, $n entries, $(du -sm "$out_o" | cut -f1) MiB extracted into $target; medians of $runs runs"
printf 'extract wall: fwkit %.3fs  debugfs rdump %.3fs  ratio %.2fx\n' "$mo" "$mp" "$(echo "$mp / $mo" | bc -l)"
# CPU time (user + system) says what each costs when the machine is shared and wall times are noisy.
printf 'extract cpu:  fwkit %.3fs  debugfs rdump %.3fs  ratio %.2fx\n' "$co" "$cp" "$(echo "$cp / $co" | bc -l)"
