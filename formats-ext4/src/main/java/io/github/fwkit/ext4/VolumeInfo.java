package io.github.fwkit.ext4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the superblock says about a volume, plus what the reader noticed while opening it.
 *
 * @param kind {@code ext2}, {@code ext3} or {@code ext4}, by the features in use (as blkid names
 *     them)
 * @param label {@code s_volume_name}, possibly empty
 * @param uuid {@code s_uuid}
 * @param lastMounted {@code s_last_mounted} (Android puts the mount point here, e.g.
 *     {@code /system}), possibly empty
 * @param blockSize bytes per block, 1024 to 65536
 * @param clusterSize bytes per allocation cluster (the block size unless {@code bigalloc})
 * @param blocksCount blocks in the file system
 * @param freeBlocks {@code s_free_blocks_count} as recorded (not recounted)
 * @param reservedBlocks {@code s_r_blocks_count}
 * @param inodesCount inodes in the file system
 * @param freeInodes {@code s_free_inodes_count} as recorded
 * @param inodeSize bytes per inode on disk (128 or more)
 * @param groups block groups
 * @param blocksPerGroup {@code s_blocks_per_group}
 * @param inodesPerGroup {@code s_inodes_per_group}
 * @param firstDataBlock {@code s_first_data_block} (1 with 1 KiB blocks, else 0)
 * @param descriptorSize bytes per group descriptor (32, or {@code s_desc_size} with 64bit)
 * @param features the names of the feature flags set, compat then incompat then ro_compat, with
 *     unknown bits as {@code FEATURE_C12}, {@code FEATURE_I31}, {@code FEATURE_R16} as e2fsprogs
 *     prints them
 * @param compat {@code s_feature_compat}
 * @param incompat {@code s_feature_incompat}
 * @param roCompat {@code s_feature_ro_compat}
 * @param state {@code s_state}: bit 0 cleanly unmounted, bit 1 errors detected
 * @param revision {@code s_rev_level}
 * @param creatorOs {@code s_creator_os} (0 Linux)
 * @param created {@code s_mkfs_time}, if set
 * @param lastMountTime {@code s_mtime}, if set
 * @param lastWriteTime {@code s_wtime}, if set
 * @param filesystemBytes {@code blocksCount * blockSize}: the size of the file system, which
 *     may be less than the image (Android appends verity data)
 * @param imageBytes the size of the image read
 * @param warnings conditions worth telling a user that do not stop reading (journal needs
 *     recovery, unknown read-only features, image shorter than the file system in lenient mode)
 * @since 0.1.0
 */
public record VolumeInfo(String kind, String label, UUID uuid, String lastMounted, int blockSize, int clusterSize,
                         long blocksCount, long freeBlocks, long reservedBlocks, long inodesCount, long freeInodes,
                         int inodeSize, long groups, long blocksPerGroup, long inodesPerGroup, long firstDataBlock,
                         int descriptorSize, List<String> features, long compat, long incompat, long roCompat,
                         int state, long revision, long creatorOs, Optional<Instant> created,
                         Optional<Instant> lastMountTime, Optional<Instant> lastWriteTime, long filesystemBytes,
                         long imageBytes, List<String> warnings) {
    public VolumeInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(lastMounted, "lastMounted");
        features = List.copyOf(features);
        warnings = List.copyOf(warnings);
    }

    /** Whether a feature flag is set, by its e2fsprogs name (e.g. {@code metadata_csum}). */
    public boolean hasFeature(String name) {
        return features.contains(name);
    }

    @Override
    public String toString() {
        return "VolumeInfo[" + kind + (label.isEmpty() ? "" : " \"" + label + "\"") + ", " + uuid + ", " + blocksCount
                + " blocks of " + blockSize + ", " + inodesCount + " inodes, " + groups + " groups, features "
                + String.join(" ", features) + (warnings.isEmpty() ? "" : ", warnings " + warnings) + "]";
    }
}
