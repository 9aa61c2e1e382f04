#!/usr/bin/env bash
# Makes cli/src/main/resources/io/github/fwkit/cli/internal/cds-sample-ext4.img.gz: a small ext4
# image that the launcher's class-data-sharing training run (CdsTraining) lists, checks and
# extracts, so that the ext4 classes are in the archive too. Its files are made up here; it is
# not cut from any firmware. Reproducible: fixed UUID, hash seed and time.
# needs: mke2fs (e2fsprogs), gzip
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)  # the repository
out="$root/cli/src/main/resources/io/github/fwkit/cli/internal/cds-sample-ext4.img.gz"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
src="$t/src"
mkdir -p "$src/etc" "$src/app/Sample" "$src/lib"
printf 'ro.product.model=sample\nro.build.id=CDS1\n' > "$src/etc/build.prop"
: > "$src/etc/empty"
for i in $(seq 1 40); do printf 'entry %d\n' "$i" > "$src/lib/lib$i.txt"; done
head -c 200000 /dev/zero | tr '\0' 'x' > "$src/app/Sample/Sample.apk"
ln -s ../etc/build.prop "$src/app/link"
ln -s "$(printf 'long/%.0s' $(seq 1 20))target" "$src/app/longlink"
ln "$src/etc/build.prop" "$src/etc/build.prop.hardlink"
find "$src" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
E2FSPROGS_FAKE_TIME=1704067200 mke2fs -q -F -t ext4 -O ^has_journal -b 4096 -N 128 \
    -U 6b2d3f4e-0000-4000-8000-000000000001 -E hash_seed=6b2d3f4e-0000-4000-8000-000000000002,root_owner=0:0 \
    -d "$src" "$t/sample.img" 2M
gzip -9 -n -c "$t/sample.img" > "$out"
ls -l "$out"
