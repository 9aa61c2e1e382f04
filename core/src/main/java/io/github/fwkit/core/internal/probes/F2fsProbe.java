package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Optional;

/**
 * F2FS, typically Android {@code userdata}: the superblock at byte 0x400 (Linux
 * {@code include/linux/f2fs_fs.h}; little-endian).
 *
 * <pre>
 *   +0 u32 magic  0xF2F52010       +36 u64 block_count
 *   +4 u16 major_ver              +108 u8[16] uuid
 *   +6 u16 minor_ver              +124 u16[512] volume_name, UTF-16LE
 *   +8 u32 log_sectorsize
 *  +12 u32 log_sectors_per_block
 *  +16 u32 log_blocksize
 * </pre>
 */
public final class F2fsProbe implements FormatProbe {
    static final String FORMAT = "f2fs";

    private static final int SUPERBLOCK = 0x400;
    private static final long MAGIC = 0xF2F52010L;
    /** The label is up to 512 UTF-16 units; a summary shows far fewer. */
    private static final int LABEL_BYTES = 2 * Text.MAX_NAME;
    private static final int READ = 124 + LABEL_BYTES;

    private static final int STRONG = 100;
    private static final int WEAK = 50;
    private static final int TRUNCATED = 30;

    public F2fsProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes sb = Bytes.at(image, SUPERBLOCK, READ);
        if (!sb.has(0, 4) || sb.u32le(0) != MAGIC) {
            return Optional.empty();
        }
        if (!sb.has(0, READ)) {
            return Optional.of(Detection.of(FORMAT, "f2fs magic, but the image ends inside the superblock", 0, TRUNCATED));
        }
        long logSector = sb.u32le(8);
        long logSectorsPerBlock = sb.u32le(12);
        long logBlock = sb.u32le(16);
        long blocks = sb.u64le(36);
        Text.Summary s = new Text.Summary("f2fs " + sb.u16le(4) + "." + sb.u16le(6));
        String label = Text.utf16le(sb, 124, LABEL_BYTES);
        if (!label.isEmpty()) {
            s.add("label " + Text.quote(label));
        }
        // The kernel requires 4 KiB blocks (page-sized blocks up to 64 KiB on recent kernels).
        boolean blockOk = logBlock >= 12 && logBlock <= 16;
        if (blockOk) {
            long blockSize = 1L << logBlock;
            s.add("block size " + blockSize);
            long bytes = Text.multiplyOrMinusOne(blocks, blockSize);
            s.add(Long.toUnsignedString(blocks) + " blocks" + (bytes >= 0 ? " (" + Text.size(bytes) + ")" : ""));
        } else {
            s.add(Long.toUnsignedString(blocks) + " blocks");
            s.problem("log_blocksize " + logBlock + " outside 12..16");
        }
        s.add("UUID " + Text.uuid(sb, 108));
        if (logSector < 9 || logSector > 12 || logSector + logSectorsPerBlock != logBlock) {
            s.problem("sector size 2^" + logSector + " x 2^" + logSectorsPerBlock + " does not make the block size");
        }
        if (blocks == 0) {
            s.problem("no blocks");
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }
}
