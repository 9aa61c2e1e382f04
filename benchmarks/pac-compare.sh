#!/usr/bin/env bash
# Whole-process comparison for Spreadtrum packages: on a multi-GiB PAC built with
# 'fwkit pac create', times
#   fwkit pac check PAC              vs  cat PAC > /dev/null   (both read every byte)
#   fwkit pac extract PAC OUT_DIR    vs  cp PAC OUT_DIR/       (both read and write every byte)
# alternating, RUNS times each, with the JVM heap capped (FWKIT_JAVA_OPTS=-Xmx64m: memory must
# not grow with the package). Prints every time, the medians and the ratios fwkit / peer (the
# issue's target: within 1.3x of cp, the physical limit). Files live on tmpfs (/dev/shm), so
# the disk does not hide the difference; it needs about 3 x SIZE free there.
#
# usage: benchmarks/pac-compare.sh [SIZE_MiB (2048)] [RUNS (5)] [HEAP (64m)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=benchmarks/lib.sh
. "$root/benchmarks/lib.sh"
size_mib=${1:-2048}
runs=${2:-5}
heap=${3:-64m}
work=${FWKIT_BENCH_DIR:-/dev/shm/fwkit-pac-compare}
fwkit="$root/fwkit"

rm -rf "$work"
mkdir -p "$work/kit"
trap 'rm -rf "$work"' EXIT
"$fwkit" --version >/dev/null 2>&1 || "$fwkit" --help >/dev/null   # builds the jar if needed

# A watch-like package: two small FDLs, a boot image, and a system image taking the rest.
# Random bytes (not ext4), so the images are stored as they are.
head -c 20K /dev/urandom > "$work/kit/fdl1.bin"
head -c 300K /dev/urandom > "$work/kit/fdl2.bin"
head -c 32M /dev/urandom > "$work/kit/boot.img"
head -c $((size_mib - 32))M /dev/urandom > "$work/kit/system.img"
row() {  # ID TYPE BLOCK
  echo "<File><ID>$1</ID><IDAlias>$1</IDAlias><Type>$2</Type><Block id=\"$3\"><Base>0x0</Base><Size>0x0</Size></Block><Flag>1</Flag><CheckFlag>1</CheckFlag><Description>$1</Description></File>"
}
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<BMAConfig><ProductList><Product name="Bench"><SchemeName>Bench</SchemeName><FlashTypeID>1</FlashTypeID><Mode>0</Mode></Product></ProductList>'
  echo '<SchemeList><Scheme name="Bench">'
  row FDL FDL fdl; row FDL2 FDL fdl2; row Boot CODE2 boot; row System CODE2 system
  echo '</Scheme></SchemeList></BMAConfig>'
} > "$work/Bench.xml"

export FWKIT_JAVA_OPTS="-Xmx$heap"
pac="$work/Bench.pac"
t0=$(date +%s.%N)
"$fwkit" pac create --no-progress --xml "$work/Bench.xml" --dir "$work/kit" --file FDL="$work/kit/fdl1.bin" \
  --file FDL2="$work/kit/fdl2.bin" "$pac" >/dev/null
t1=$(date +%s.%N)
rm -rf "$work/kit"
echo "built $(stat -c %s "$pac") bytes with fwkit pac create (-Xmx$heap) in $(echo "$t1 - $t0" | bc) s"


declare -a chk cat_ ext cp_
for r in $(seq 1 "$runs"); do
  rm -rf "$work/x" "$work/c"; mkdir -p "$work/c"
  t0=$(now); "$fwkit" pac check --no-progress "$pac" >/dev/null; t1=$(now)
  cat "$pac" > /dev/null; t2=$(now)
  "$fwkit" pac extract --no-progress "$pac" "$work/x" >/dev/null; t3=$(now)
  cp "$pac" "$work/c/"; t4=$(now)
  cmp -s <(cat "$work/x"/fdl1.bin "$work/x"/fdl2.bin "$work/x"/boot.img "$work/x"/system.img "$work/x"/Bench.xml) \
      <(tail -c "$(du -cb "$work/x"/* | tail -1 | cut -f1)" "$pac") || { echo "extracted bytes differ from the package" >&2; exit 1; }
  rm -rf "$work/x" "$work/c"
  chk+=("$(elapsed "$t0" "$t1")"); cat_+=("$(elapsed "$t1" "$t2")")
  ext+=("$(elapsed "$t2" "$t3")"); cp_+=("$(elapsed "$t3" "$t4")")
  echo "run $r: check ${chk[-1]}s cat ${cat_[-1]}s | extract ${ext[-1]}s cp ${cp_[-1]}s"
done

mc=$(m "${chk[@]}"); mt=$(m "${cat_[@]}"); me=$(m "${ext[@]}"); mp=$(m "${cp_[@]}")
mib=$(echo "$(stat -c %s "$pac") / 1048576" | bc -l)
echo
printf 'package: %.0f MiB, %s entries, FWKIT_JAVA_OPTS=%s; medians of %s runs, whole processes\n' "$mib" 5 "$FWKIT_JAVA_OPTS" "$runs"
printf 'check:   fwkit %.3fs (%.0f MiB/s)  cat > /dev/null %.3fs  fwkit/cat %.2fx\n' "$mc" "$(echo "$mib / $mc" | bc -l)" "$mt" "$(echo "$mc / $mt" | bc -l)"
printf 'extract: fwkit %.3fs (%.0f MiB/s)  cp %.3fs  fwkit/cp %.2fx (target <= 1.3)\n' "$me" "$(echo "$mib / $me" | bc -l)" "$mp" "$(echo "$me / $mp" | bc -l)"
