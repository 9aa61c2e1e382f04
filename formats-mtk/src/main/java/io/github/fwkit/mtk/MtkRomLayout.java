package io.github.fwkit.mtk;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.internal.Analyzer;
import io.github.fwkit.mtk.internal.Report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a MediaTek NOR / serial-flash readback (or a single GFH image) holds: the header block,
 * every GFH image, the user-data ranges, the chip and firmware identity, the flash IDs the ROM
 * supports, a health report, and regions that account for every byte.
 *
 * <pre>{@code
 * MtkRomLayout layout = MtkRomLayout.analyze(Path.of("ROM_0"));
 * System.out.println(layout.toText());                // or layout.health().verdict()
 * layout.identification().platform();                 // Optional[MT2502]
 * }</pre>
 *
 * <p>Dumps of any length are analysed — 3, 4, 8, 16, 32 MiB, truncated or wrapped reads; what is
 * missing is reported as findings, not thrown. Only input that cannot be read at all (an I/O
 * error) or is larger than {@link MtkAnalysisOptions#maxLength()} throws. Input that is not a
 * MediaTek dump gives a layout of kind {@link Kind#BLANK} or {@link Kind#UNKNOWN}.
 *
 * <p>Analysis reads the input about twice (a pattern search and a per-sector pass) plus the
 * SHA-1 of the signed bootloaders: a few milliseconds for 16 MiB.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the input is
 * @param length the input length in bytes
 * @param base the input offset of flash address 0: 0 for a read from the start, positive when
 *     the read started early (or has a prefix), negative when the start of flash is missing
 * @param header the header block, when found
 * @param images the GFH images in input order
 * @param regions runs covering the whole input in order
 * @param identification chip, firmware and board
 * @param flashIds the flash IDs the firmware supports (the ROM's CMEM list first)
 * @param userData the FAT and SDS ranges the ROM names
 * @param viva the parts of the (first) VIVA image, from its address table; empty without one
 * @param chipSize the expected chip size and its estimates
 * @param health verdict, score and findings
 * @since 0.1.0
 */
public record MtkRomLayout(Kind kind, long length, long base, Optional<HeaderBlock> header, List<GfhImage> images,
                           List<Region> regions, Identification identification, List<FlashId> flashIds,
                           List<UserData> userData, List<VivaPart> viva, ChipSize chipSize, HealthReport health) {

    /** What an input is. */
    public enum Kind {
        /** An SV5 readback: header block and/or GFH images at their flash places. */
        READBACK,
        /** One GFH image on its own: a kit file (ROM, VIVA, EXT_BOOTLOADER, ...). */
        IMAGE,
        /** An older MT62xx dump without GFH, identified through MTK_ROMINFO; kits are not supported yet. */
        PRE_SV5,
        /** Erased (all 0xFF), all zero or one repeating sector: a failed or empty read. */
        BLANK,
        /** Nothing MediaTek was found. */
        UNKNOWN
    }

    public MtkRomLayout {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(header, "header");
        images = List.copyOf(images);
        regions = List.copyOf(regions);
        Objects.requireNonNull(identification, "identification");
        flashIds = List.copyOf(flashIds);
        userData = List.copyOf(userData);
        viva = List.copyOf(viva);
        Objects.requireNonNull(chipSize, "chipSize");
        Objects.requireNonNull(health, "health");
    }

    /** Analyses {@code dump} with the default limits. The reader stays the caller's to close. */
    public static MtkRomLayout analyze(ImageReader dump) throws IOException {
        return analyze(dump, MtkAnalysisOptions.DEFAULTS);
    }

    /** Analyses {@code dump}. The reader stays the caller's to close. */
    public static MtkRomLayout analyze(ImageReader dump, MtkAnalysisOptions options) throws IOException {
        return Analyzer.analyze(Objects.requireNonNull(dump, "dump"), Objects.requireNonNull(options, "options"));
    }

    /** Opens, analyses and closes a file (Android sparse files are seen through). */
    public static MtkRomLayout analyze(Path dump) throws IOException {
        try (ImageReader r = ImageReader.open(dump)) {
            return analyze(r);
        }
    }

    /** Whether the input is a readback or a GFH image, i.e. something this module can work with. */
    public boolean recognised() {
        return kind == Kind.READBACK || kind == Kind.IMAGE || kind == Kind.PRE_SV5;
    }

    /** The findings of the health report. */
    public List<Finding> findings() {
        return health.findings();
    }

    /** The first image of a GFH {@code file_type} (e.g. 0x0100 for the ROM). */
    public Optional<GfhImage> image(int fileType) {
        return images.stream().filter(i -> i.info().fileType() == fileType).findFirst();
    }

    /** The first PRIMARY_MAUI image. */
    public Optional<GfhImage> rom() {
        return image(0x0100);
    }

    /** The length class of the spec: {@code standard} for 4, 8, 16 or 32 MiB, else {@code non-standard}. */
    public String lengthClass() {
        return length == 4L << 20 || length == 8L << 20 || length == 16L << 20 || length == 32L << 20
                ? "standard" : "non-standard";
    }

    /** A multi-line report for people: kind, identity, flash IDs, images, regions and findings. */
    public String toText() {
        return Report.text(this);
    }

    @Override
    public String toString() {
        return "MtkRomLayout[" + kind + ", 0x" + Long.toHexString(length) + " bytes, " + images.size() + " images, "
                + identification.platform().orElse("platform unknown") + ", " + health.verdict() + "]";
    }
}
