#!/bin/sh
# Regenerates the small base images the hostile-input properties mutate (HostileProperties).
# Committed because mke2fs output varies with the source tree's ctimes; run from this folder
# with Debian's e2fsprogs 1.47.0. Each image is 512 KiB with 1 KiB blocks, gzip-compressed.
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export E2FSPROGS_FAKE_TIME=1577836800

tree() {
    mkdir -p "$1/dir/sub" "$1/big"
    printf 'hello\n' > "$1/hello"
    head -c 5000 /dev/zero | tr '\0' 'a' > "$1/dir/text"
    ln -s hello "$1/fast"
    ln -s "dir/sub/../../$(printf 'x%.0s' $(seq 1 80))" "$1/slow"
    ln "$1/hello" "$1/dir/hard"
    for i in $(seq 1 90); do printf '%s' "$i" > "$1/big/a-rather-long-file-name-number-$i"; done
    find "$1" -exec touch -h -d @1577836800 {} +
}

# A: extents (a depth-1 tree from a fragmented file), metadata_csum, a 2-level-free htree, an xattr block.
mkdir "$T/a" && tree "$T/a"
for i in $(seq 0 11); do printf 'block %s' "$i" | dd of="$T/a/frag" bs=1024 seek=$((i * 2)) conv=notrunc 2>/dev/null; done
mke2fs -q -t ext4 -b 1024 -O ^has_journal,^resize_inode -N 128 -U 11111111-2222-3333-4444-555555555555 \
    -E hash_seed=66666666-7777-8888-9999-000000000000 -d "$T/a" "$T/a.img" 512K
debugfs -w -R "ea_set /hello user.comment too-long-for-the-inode-$(printf 'v%.0s' $(seq 1 150))" "$T/a.img"
debugfs -w -R "ea_set /dir user.small x" "$T/a.img"
e2fsck -fyD "$T/a.img" >/dev/null || true
e2fsck -fn "$T/a.img"

# B: inline data (small files and directories in the inode).
mkdir "$T/b" && mkdir -p "$T/b/d/e" && printf 'tiny\n' > "$T/b/tiny" && printf 'x' > "$T/b/d/e/f" \
    && head -c 200 /dev/urandom > "$T/b/d/med" && ln -s tiny "$T/b/l" && find "$T/b" -exec touch -h -d @1577836800 {} +
mke2fs -q -t ext4 -b 1024 -O ^has_journal,^resize_inode,inline_data -N 64 -U 11111111-2222-3333-4444-555555555555 \
    -d "$T/b" "$T/b.img" 512K
e2fsck -fn "$T/b.img"

# C: ext2 block maps with single and double indirect blocks, 128-byte inodes.
mkdir "$T/c" && tree "$T/c"
yes 'indirect block test line' | head -c 350000 > "$T/c/indirect"
mke2fs -q -t ext2 -b 1024 -I 128 -N 128 -U 11111111-2222-3333-4444-555555555555 -d "$T/c" "$T/c.img" 512K
e2fsck -fn "$T/c.img"

for x in a b c; do gzip -9n < "$T/$x.img" > "base-$x.img.gz"; done
