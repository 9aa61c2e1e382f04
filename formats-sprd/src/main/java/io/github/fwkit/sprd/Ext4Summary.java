package io.github.fwkit.sprd;

import java.util.List;

/**
 * The superblock of an ext2/3/4 file system, as far as {@code .flag} conversion and
 * {@code fwkit flag info} need it (read from the bytes at 1024; no file-system walk).
 *
 * @param label {@code s_volume_name}
 * @param uuid {@code s_uuid} in the usual 8-4-4-4-12 form
 * @param blockSize {@code 1024 << s_log_block_size}
 * @param blocksCount {@code s_blocks_count} (with the high half when the 64bit feature is on)
 * @param freeBlocks {@code s_free_blocks_count}
 * @param inodesCount {@code s_inodes_count}
 * @param lastMountedOn {@code s_last_mounted}, e.g. {@code /system} on Android
 * @param mountTime {@code s_mtime}, seconds since 1970 (0 = never mounted)
 * @param writeTime {@code s_wtime}
 * @param createTime {@code s_mkfs_time}
 * @param state {@code s_state}: 1 clean, 2 errors
 * @param features the names of the feature flags set ({@code has_journal}, {@code extents}, ...;
 *     unknown bits as {@code compat_0x...})
 * @since 0.1.0
 */
public record Ext4Summary(String label, String uuid, int blockSize, long blocksCount, long freeBlocks, long inodesCount,
                          String lastMountedOn, long mountTime, long writeTime, long createTime, int state,
                          List<String> features) {
    public Ext4Summary {
        features = List.copyOf(features);
    }

    /** The file system's size: blocks times block size. */
    public long fsBytes() {
        return blocksCount * blockSize;
    }
}
