#!/usr/bin/env bash
# Makes cli/src/main/resources/io/github/fwkit/cli/internal/cds-sample-ext4.img.gz: a small ext4
# image that the launcher's class-data-sharing training run (CdsTraining) lists, checks and
# extracts, so that the ext4 classes are in the archive too. Its files are made up here; it is
# not cut from any firmware. Reproducible: fixed UUID, hash seed, time, owners and feature list
# (e2fsprogs 1.47; other versions may lay blocks out differently).
# needs: root (the files must belong to 0:0, and mke2fs -d copies owners), e2fsprogs, gzip
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "make-ext4-sample.sh: run as root (or under fakeroot): the sample's files belong to 0:0" >&2; exit 2; }
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
chown -hR 0:0 "$src"
find "$src" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
# The feature list is given whole (-O none first), so /etc/mke2fs.conf does not change it.
features=none,ext_attr,resize_inode,dir_index,filetype,extent,64bit,flex_bg,sparse_super,large_file,huge_file,dir_nlink,extra_isize,metadata_csum
E2FSPROGS_FAKE_TIME=1704067200 MKE2FS_CONFIG=/dev/null mke2fs -q -F -t ext4 -O "$features" -b 4096 -I 256 -N 128 \
    -U 6b2d3f4e-0000-4000-8000-000000000001 -E hash_seed=6b2d3f4e-0000-4000-8000-000000000002,root_owner=0:0 \
    -d "$src" "$t/sample.img" 2M
# mke2fs -d copies each file's ctime, which is the time this script ran: pin it too.
{
  echo "sif / ctime 20240101000000"
  echo "sif /lost+found ctime 20240101000000"
  (cd "$src" && find . -mindepth 1 | sed 's|^\.||; s|.*|sif & ctime 20240101000000|')
} > "$t/ctime.cmds"
debugfs -w -f "$t/ctime.cmds" "$t/sample.img" >/dev/null 2>&1
e2fsck -fn "$t/sample.img" >/dev/null
gzip -9 -n -c "$t/sample.img" > "$out"
ls -l "$out"
