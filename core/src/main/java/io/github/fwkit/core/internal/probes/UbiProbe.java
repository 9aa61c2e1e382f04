package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * UBI: the erase-counter header at the start of the first physical eraseblock (Linux
 * {@code drivers/mtd/ubi/ubi-media.h}; all fields <b>big-endian</b>).
 *
 * <pre>
 *   0 u32 magic           "UBI#"
 *   4 u8  version         1
 *   8 u64 ec              erase counter
 *  16 u32 vid_hdr_offset
 *  20 u32 data_offset
 *  24 u32 image_seq
 *  60 u32 hdr_crc         over bytes 0..59
 * </pre>
 */
public final class UbiProbe implements FormatProbe {
    static final String FORMAT = "ubi";

    static final int HEADER_SIZE = 64;
    private static final byte[] MAGIC = Bytes.ascii("UBI#");

    private static final int STRONG = 100;
    private static final int WEAK = 50;
    private static final int TRUNCATED = 25;

    public UbiProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes h = Bytes.at(image, 0, HEADER_SIZE);
        if (!h.matches(0, MAGIC)) {
            return Optional.empty();
        }
        if (!h.has(0, HEADER_SIZE)) {
            return Optional.of(Detection.of(FORMAT, "UBI magic, but the file ends inside the 64-byte erase-counter header",
                    0, TRUNCATED));
        }
        int version = h.u8(4);
        Text.Summary s = new Text.Summary("UBI erase-counter header v" + version)
                .add("erase count " + Long.toUnsignedString(h.u64be(8)))
                .add("VID header at " + Text.hex(h.u32be(16)))
                .add("data at " + Text.hex(h.u32be(20)))
                .add("image sequence " + Text.hex(h.u32be(24)));
        if (version != 1) {
            s.problem("version " + version + " is not 1");
        }
        long stored = h.u32be(60);
        long computed = crc(h);
        if (stored != computed) {
            s.problem("header CRC " + Text.hex(stored) + ", computed " + Text.hex(computed));
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }

    /**
     * The kernel's {@code crc32(UBI_CRC32_INIT, hdr, 60)}: CRC-32 seeded with all ones but without
     * the final inversion, which is the complement of {@link CRC32}'s value.
     */
    static long crc(Bytes h) {
        CRC32 crc = new CRC32();
        crc.update(h.copy(0, HEADER_SIZE - 4));
        return ~crc.getValue() & 0xffffffffL;
    }
}
