package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Android dynamic partitions ({@code super.img}, AOSP {@code fs_mgr/liblp}; little-endian).
 *
 * <pre>
 *      0  4096 bytes reserved (LP_PARTITION_RESERVED_BYTES)
 *   4096  geometry                     12288  metadata header, slot 0
 *          +0 u32 magic 0x616C4467               +0 u32 magic 0x414C5030
 *          +4 u32 struct_size 52                 +4 u16 major 10, +6 u16 minor
 *          +8 u8[32] SHA-256, itself as zero     +8 u32 header_size 128 or 256
 *         +40 u32 metadata_max_size             +80 partitions {offset, count, entry size}
 *         +44 u32 metadata_slot_count          +116 block devices {offset, count, entry size}
 *         +48 u32 logical_block_size          tables start at header + header_size
 *   8192  backup geometry
 * </pre>
 *
 * The geometry checksum covers 52 bytes, so the probe verifies it; the partition names come from
 * the first metadata slot (only the first few, read directly, never the whole table).
 */
public final class AndroidSuperProbe implements FormatProbe {
    static final String FORMAT = "android-super";

    static final int GEOMETRY = 4096;
    static final int GEOMETRY_SIZE = 4096;
    static final int GEOMETRY_STRUCT = 52;
    static final long GEOMETRY_MAGIC = 0x616C4467L;
    static final int METADATA = GEOMETRY + 2 * GEOMETRY_SIZE;
    static final long HEADER_MAGIC = 0x414C5030L;
    private static final int HEADER_READ = 128;
    private static final int PARTITION_ENTRY = 52;
    private static final int BLOCK_DEVICE_ENTRY = 64;
    private static final int NAME = 36;
    private static final int NAMES_SHOWN = 8;

    private static final int STRONG = 100;
    private static final int WEAK = 60;
    private static final int TRUNCATED = 30;

    public AndroidSuperProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes g = Bytes.at(image, GEOMETRY, GEOMETRY_STRUCT);
        if (!g.has(0, 4) || g.u32le(0) != GEOMETRY_MAGIC) {
            return Optional.empty();
        }
        if (!g.has(0, GEOMETRY_STRUCT)) {
            return Optional.of(Detection.of(FORMAT, "liblp geometry magic, but the image ends inside the geometry", 0,
                    TRUNCATED));
        }
        long slots = g.u32le(44);
        long maxSize = g.u32le(40);
        Text.Summary s = new Text.Summary("super (liblp)")
                .add(slots + " metadata slot" + (slots == 1 ? "" : "s") + " of up to " + Text.size(maxSize))
                .add("logical block size " + g.u32le(48));
        if (g.u32le(4) != GEOMETRY_STRUCT) {
            s.problem("geometry struct_size " + g.u32le(4) + " is not 52");
        } else if (!Arrays.equals(g.copy(8, 32), geometryChecksum(g))) {
            s.problem("geometry checksum mismatch");
        }
        Bytes backup = Bytes.at(image, GEOMETRY + GEOMETRY_SIZE, GEOMETRY_STRUCT);
        if (!backup.has(0, GEOMETRY_STRUCT) || !Arrays.equals(backup.copy(0, GEOMETRY_STRUCT), g.copy(0, GEOMETRY_STRUCT))) {
            s.add("backup geometry differs or is missing");
        }
        metadata(image, s);
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }

    private static void metadata(ImageReader image, Text.Summary s) throws IOException {
        Bytes m = Bytes.at(image, METADATA, HEADER_READ);
        if (!m.has(0, HEADER_READ) || m.u32le(0) != HEADER_MAGIC) {
            s.problem("no metadata header at " + Text.hex(METADATA));
            return;
        }
        s.add("metadata " + m.u16le(4) + "." + m.u16le(6));
        long headerSize = m.u32le(8);
        if (headerSize < HEADER_READ || headerSize > GEOMETRY_SIZE) {
            s.problem("metadata header_size " + headerSize + " out of range");
            return;
        }
        long tables = METADATA + headerSize;
        long tablesSize = m.u32le(44);

        long devices = m.u32le(116 + 4);
        long deviceEntry = m.u32le(116 + 8);
        if (devices >= 1 && deviceEntry >= BLOCK_DEVICE_ENTRY && fits(m.u32le(116), deviceEntry, tablesSize)) {
            Bytes d = Bytes.at(image, tables + m.u32le(116), BLOCK_DEVICE_ENTRY);
            if (d.has(0, BLOCK_DEVICE_ENTRY)) {
                s.add("device " + Text.quote(Text.ascii(d, 24, NAME)) + " of " + Text.size(d.u64le(16)));
            }
        }

        long count = m.u32le(80 + 4);
        long entry = m.u32le(80 + 8);
        String partitions = count + " partition" + (count == 1 ? "" : "s");
        long shown = Math.min(count, NAMES_SHOWN);
        if (shown == 0 || entry < PARTITION_ENTRY || entry > GEOMETRY_SIZE
                || !fits(m.u32le(80), shown * entry, tablesSize)) {
            s.add(partitions);
            return;
        }
        Bytes p = Bytes.at(image, tables + m.u32le(80), (int) (shown * entry));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < shown && p.has(i * (int) entry, NAME); i++) {
            names.add(Text.ascii(p, i * (int) entry, NAME));
        }
        s.add(names.isEmpty() ? partitions
                : partitions + ": " + String.join(" ", names) + (count > names.size() ? " ..." : ""));
    }

    /** Whether {@code [offset, offset + length)} lies inside the tables. */
    private static boolean fits(long offset, long length, long tablesSize) {
        return length <= tablesSize && offset <= tablesSize - length;
    }

    static byte[] geometryChecksum(Bytes g) {
        byte[] copy = g.copy(0, GEOMETRY_STRUCT);
        Arrays.fill(copy, 8, 40, (byte) 0);
        try {
            return MessageDigest.getInstance("SHA-256").digest(copy);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }
}
