package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * EROFS, the read-only filesystem of newer Android system and vendor images: the 128-byte
 * superblock at byte 0x400 (erofs-utils {@code include/erofs_fs.h}; little-endian).
 *
 * <pre>
 *   +0 u32 magic  0xE0F5E1E2       +24 u64 build_time (seconds)
 *   +8 u32 feature_compat          +36 u32 blocks
 *  +12 u8  blkszbits               +48 u8[16] uuid
 *  +16 u64 inos                    +64 char[16] volume_name
 * </pre>
 */
public final class ErofsProbe implements FormatProbe {
    static final String FORMAT = "erofs";

    private static final int SUPERBLOCK = 0x400;
    private static final int SUPERBLOCK_SIZE = 128;
    private static final long MAGIC = 0xE0F5E1E2L;

    private static final int STRONG = 100;
    private static final int WEAK = 50;
    private static final int TRUNCATED = 30;

    public ErofsProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes sb = Bytes.at(image, SUPERBLOCK, SUPERBLOCK_SIZE);
        if (!sb.has(0, 4) || sb.u32le(0) != MAGIC) {
            return Optional.empty();
        }
        if (!sb.has(0, SUPERBLOCK_SIZE)) {
            return Optional.of(Detection.of(FORMAT, "EROFS magic, but the image ends inside the superblock", 0,
                    TRUNCATED));
        }
        int blockBits = sb.u8(12);
        long blocks = sb.u32le(36);
        Text.Summary s = new Text.Summary("EROFS");
        String label = Text.ascii(sb, 64, 16);
        if (!label.isEmpty()) {
            s.add("label " + Text.quote(label));
        }
        // erofs-utils writes 4 KiB blocks; the kernel accepts 512 bytes up to the page size.
        if (blockBits >= 9 && blockBits <= 16) {
            long blockSize = 1L << blockBits;
            s.add("block size " + blockSize).add(blocks + " blocks (" + Text.size(blocks * blockSize) + ")");
        } else {
            s.add(blocks + " blocks");
            s.problem("blkszbits " + blockBits + " outside 9..16");
        }
        s.add(Long.toUnsignedString(sb.u64le(16)) + " inodes");
        s.add("UUID " + Text.uuid(sb, 48));
        long built = sb.u64le(24);
        // 0 means unset; a value past the year 9999 is garbage rather than a time.
        if (built > 0 && built < 253402300800L) {
            s.add("built " + Instant.ofEpochSecond(built));
        }
        if (blocks == 0) {
            s.problem("no blocks");
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }
}
