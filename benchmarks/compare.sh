#!/usr/bin/env bash
# Whole-process comparison of fwkit with the AOSP tools from Debian's android-sdk-libsparse-utils:
#   fwkit sparse encode --profile legacy  vs  img2simg
#   fwkit sparse decode                   vs  simg2img
# on an ext4 image built by mke2fs -d from a generated tree. Both tools run in the same script,
# alternating, RUNS times each; the script prints every time, the medians and the ratios
# (peer time / fwkit time: above 1 means fwkit is faster).
#
# It measures twice, with the files in two places, because the place changes the answer:
#   tmpfs (/dev/shm): no disk and no file system work, so writing the output's pages (about
#     0.33 s per 500 MB here, paid by both tools alike) is most of the time: the ratio's floor.
#   disk (benchmarks/target/compare, on whatever file system holds the checkout): what users
#     see; the file system's per-call costs weigh on the C tools' 4 KiB reads and writes.
# FWKIT_BENCH_DIRS overrides the list (space-separated directories). A fresh ext4 file system,
# loop-mounted from a file on tmpfs, gives a disk's file-system costs without the device or the
# writeback (as root: truncate -s 8G /dev/shm/t.fs && mke2fs -q -t ext4 /dev/shm/t.fs &&
# mount -o loop /dev/shm/t.fs /mnt/t, then FWKIT_BENCH_DIRS=/mnt/t/bench).
#
# usage: benchmarks/compare.sh [IMAGE_MiB (1024)] [RUNS (5)]
# needs: img2simg simg2img mke2fs (apt-get install android-sdk-libsparse-utils e2fsprogs)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=benchmarks/lib.sh
. "$root/benchmarks/lib.sh"
size_mib=${1:-1024}
runs=${2:-5}
dirs=${FWKIT_BENCH_DIRS:-"/dev/shm/fwkit-compare $root/benchmarks/target/compare"}
fwkit="$root/fwkit"

for t in img2simg simg2img mke2fs; do
  command -v "$t" >/dev/null || { echo "compare.sh: $t is missing (apt-get install android-sdk-libsparse-utils e2fsprogs)" >&2; exit 2; }
done

summary=()
measure() {
  local work=$1
  rm -rf "$work"
  mkdir -p "$work/src"

  # A tree shaped like a system partition, about 45% of the image: incompressible blobs (apks,
  # media), text (scripts, xml), many small files, a file with a hole and a constant-pattern file.
  data_mib=$((size_mib * 45 / 100))
  mkdir -p "$work/src/app" "$work/src/etc" "$work/src/lib" "$work/src/media"
  head -c $((data_mib * 55 / 100))M /dev/urandom > "$work/src/media/blob.bin"
  for i in $(seq 1 20); do head -c $((data_mib * 1024 * 1 / 100))K /dev/urandom > "$work/src/app/app$i.apk"; done
  head -c $((data_mib * 20 / 100))M /dev/urandom | base64 > "$work/src/etc/text.xml"
  for i in $(seq 1 2000); do echo "ro.prop.$i=$RANDOM$RANDOM" > "$work/src/etc/p$i.prop"; done
  truncate -s $((data_mib / 10))M "$work/src/lib/sparse.bin"
  { yes 'ABCD' | tr -d '\n' | head -c $((data_mib * 4 / 100))M > "$work/src/lib/pattern.bin"; } || true  # yes dies of SIGPIPE
  mke2fs -q -F -t ext4 -d "$work/src" "$work/system.img" "${size_mib}M"
  rm -rf "$work/src"
  img2simg "$work/system.img" "$work/system.simg"
  "$fwkit" --version >/dev/null 2>&1 || "$fwkit" --help >/dev/null   # builds the jar if needed


  declare -a enc_ours enc_peer dec_ours dec_peer
  for r in $(seq 1 "$runs"); do
    rm -f "$work/o.simg" "$work/p.simg" "$work/o.raw" "$work/p.raw"
    t0=$(now); "$fwkit" sparse encode --profile legacy "$work/system.img" "$work/o.simg" >/dev/null; t1=$(now)
    img2simg "$work/system.img" "$work/p.simg"; t2=$(now)
    cmp -s "$work/o.simg" "$work/p.simg" || { echo "encode outputs differ" >&2; exit 1; }
    t3=$(now); "$fwkit" sparse decode "$work/system.simg" "$work/o.raw" >/dev/null; t4=$(now)
    simg2img "$work/system.simg" "$work/p.raw"; t5=$(now)
    cmp -s "$work/o.raw" "$work/p.raw" || { echo "decode outputs differ" >&2; exit 1; }
    enc_ours+=("$(elapsed "$t0" "$t1")"); enc_peer+=("$(elapsed "$t1" "$t2")")
    dec_ours+=("$(elapsed "$t3" "$t4")"); dec_peer+=("$(elapsed "$t4" "$t5")")
    echo "run $r: encode fwkit ${enc_ours[-1]}s img2simg ${enc_peer[-1]}s | decode fwkit ${dec_ours[-1]}s simg2img ${dec_peer[-1]}s"
  done

  eo=$(m "${enc_ours[@]}"); ep=$(m "${enc_peer[@]}"); do_=$(m "${dec_ours[@]}"); dp=$(m "${dec_peer[@]}")
  echo
  echo "image: ${size_mib} MiB ext4, sparse $(stat -c %s "$work/system.simg") bytes; medians of $runs runs"
  printf 'encode: fwkit %.3fs  img2simg %.3fs  ratio %.2fx\n' "$eo" "$ep" "$(echo "$ep / $eo" | bc -l)"
  printf 'decode: fwkit %.3fs  simg2img %.3fs  ratio %.2fx\n' "$do_" "$dp" "$(echo "$dp / $do_" | bc -l)"
  summary+=("$(printf '%-5s %s: encode %.2fx, decode %.2fx' "$(df --output=fstype "$work" | tail -1)" "$work" "$(echo "$ep / $eo" | bc -l)" "$(echo "$dp / $do_" | bc -l)")")
  rm -rf "$work"
}

trap 'for d in $dirs; do rm -rf "$d"; done' EXIT
for d in $dirs; do
  mkdir -p "$d" 2>/dev/null || { echo "skipping $d: cannot create it" >&2; continue; }
  echo "== $d"
  measure "$d"
  echo
done
printf '%s\n' "${summary[@]}"
