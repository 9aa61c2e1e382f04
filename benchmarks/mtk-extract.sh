#!/usr/bin/env bash
# Whole-process time of `fwkit mtk extract` (JVM start included) on the 16 MiB MT2502 readback the
# corpus README composes from the genuine RePhone kit; target: under 1 s (the closed Windows tool
# takes about two minutes). Also times `fwkit mtk health` and `fwkit --version` (bare startup)
# for comparison, and checks that the kit reproduces the corpus files byte for byte. The readback
# is third-party firmware: it is written to tmpfs (/dev/shm) and removed afterwards, never into the
# repository.
#
# usage: benchmarks/mtk-extract.sh [RUNS (10)]
# env:   FWKIT_CORPUS (default: ../shared/corpus from the repository root), FWKIT_BENCH_DIR,
#        FWKIT_JAVA_OPTS (passed to every fwkit run, e.g. "-XX:TieredStopAtLevel=1")
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
corpus=${FWKIT_CORPUS:-$root/../shared/corpus}
kit="$corpus/mtk/mt2502-rephone-w1519"
work=${FWKIT_BENCH_DIR:-/dev/shm/fwkit-mtk-extract}
fwkit="$root/fwkit"
bench_jar="$root/benchmarks/target/benchmarks.jar"

[ -d "$kit" ] || { echo "mtk-extract.sh: corpus not found at $kit (set FWKIT_CORPUS)" >&2; exit 2; }
if [ ! -f "$bench_jar" ]; then
  echo "mtk-extract.sh: building benchmarks/target/benchmarks.jar" >&2
  (cd "$root" && ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true) >&2
fi
rm -rf "$work"; mkdir -p "$work"; trap 'rm -rf "$work"' EXIT

java -cp "$bench_jar" -Dfwkit.corpus="$corpus" io.github.fwkit.benchmarks.MtkBenchmark "$work/rephone-16m.bin"
"$fwkit" --version >/dev/null   # builds the jar if needed, outside the timings
jar="$root/cli/target/fwkit.jar"

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
# Runs the jar directly (as the launcher does once the jar is current), so the launcher's own
# staleness check is not part of the figure; the first, cold-cache run is discarded.
time_ms() {
  local out=() t0 t1 i
  for ((i = 0; i <= runs; i++)); do
    rm -rf "$work/kit"
    t0=$(now)
    # shellcheck disable=SC2086
    java ${FWKIT_JAVA_OPTS:-} -jar "$jar" "$@" >/dev/null
    t1=$(now)
    [ "$i" -gt 0 ] && out+=($(((t1 - t0) / 1000000)))
  done
  echo "${out[*]}"
}

report() {
  local name=$1; shift
  local all; all=$(time_ms "$@")
  printf '%-22s median %5s ms   min %5s ms   (runs: %s)\n' "$name" \
    "$(tr ' ' '\n' <<<"$all" | median)" "$(tr ' ' '\n' <<<"$all" | sort -n | head -1)" "$all"
}

report "fwkit --version" --version
report "fwkit mtk health" mtk health "$work/rephone-16m.bin"
report "fwkit mtk extract" mtk extract "$work/rephone-16m.bin" "$work/kit"

java -jar "$jar" mtk extract "$work/rephone-16m.bin" "$work/kit" >/dev/null
for f in SEEED02A_DEMO_BOOTLOADER_V005_MT2502_MAUI_11CW1418SP5_W15_19.bin EXT_BOOTLOADER ROM VIVA; do
  cmp -s "$kit/$f" "$work/kit/$f" || { echo "mtk-extract.sh: $f differs from the corpus" >&2; exit 1; }
done
echo "kit files identical to the corpus; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
