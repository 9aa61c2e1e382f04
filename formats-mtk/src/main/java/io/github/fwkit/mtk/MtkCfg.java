package io.github.fwkit.mtk;

import io.github.fwkit.mtk.internal.CfgParser;
import io.github.fwkit.mtk.internal.CfgWriter;
import io.github.fwkit.mtk.internal.KitCheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MAUI SV5 flash configuration ({@code .cfg}) that Flash Tool reads with a kit: platform,
 * the images of each region, and one {@code flash_info} block per supported flash chip.
 *
 * <p>It looks like YAML but MediaTek's native downloader ({@code cfg_reader.c}) reads it line by
 * line with substring tests, so details matter: a trailing space after {@code - file: ROM} becomes
 * part of the file name, {@code id_length:  3} (two spaces) is not a length, all three of
 * {@code boot_region}, {@code control_block_region} and {@code main_region} must exist. {@link
 * #parse(String)} reads a cfg the way that parser does and reports every deviation as a
 * {@link Finding}; {@link #check(Path)} also checks the kit folder next to it; {@link
 * #toText(KitStyle)} writes a cfg that parser accepts, in the layout of MediaTek's build
 * (cfgGen) or of the "Readback Extractor mtk" tool.
 *
 * <p>Immutable and thread-safe.
 *
 * @param platform the {@code platform:} value, e.g. {@code MT2502} (empty when the cfg has none)
 * @param bootFiles {@code boot_region} files, in order
 * @param controlBlockFiles {@code control_block_region} files
 * @param mainFiles {@code main_region} files
 * @param fileSystemFiles {@code file_system_region} files (MediaTek's parser ignores them)
 * @param parametersVersion the {@code parameters_version} value, e.g. {@code v1}
 * @param flashInfos the {@code flash_info} blocks
 * @since 0.1.0
 */
public record MtkCfg(Optional<String> platform, List<String> bootFiles, List<String> controlBlockFiles,
                     List<String> mainFiles, List<String> fileSystemFiles, String parametersVersion,
                     List<FlashInfo> flashInfos) {

    /**
     * One {@code - flash_info:} block of {@code external_memory}.
     *
     * @param flashType {@code SF}, {@code NOR} or {@code NAND}
     * @param idLength significant ID bytes, 1 to 8
     * @param id the eight {@code flash_id} bytes
     * @param memoryType e.g. {@code PSRAM_130MHz}; not recoverable from a dump (the ROM holds EMI
     *     register values, not this name)
     */
    public record FlashInfo(String flashType, int idLength, List<Integer> id, String memoryType) {
        public FlashInfo {
            Objects.requireNonNull(flashType, "flashType");
            id = List.copyOf(id);
            Objects.requireNonNull(memoryType, "memoryType");
            if (idLength < 1 || idLength > 8 || id.size() != 8) {
                throw new IllegalArgumentException("id_length " + idLength + " with " + id.size() + " bytes");
            }
        }

        /** The block for a flash ID found in a ROM (spec §8.4). */
        public static FlashInfo of(FlashId id, String memoryType) {
            return new FlashInfo(id.flashType(), id.idLength(), id.id(), memoryType);
        }

        /** The significant bytes in hex, e.g. {@code C2 25 38}. */
        public String hex() {
            return id.subList(0, idLength).stream().map(b -> String.format(Locale.ROOT, "%02X", b))
                    .collect(Collectors.joining(" "));
        }

        /** Whether this block names the chip of {@code f}. */
        public boolean matches(FlashId f) {
            return idLength == f.idLength() && id.subList(0, idLength).equals(f.bytes());
        }
    }

    /**
     * The result of reading a cfg.
     *
     * @param cfg what MediaTek's parser would take from it
     * @param findings deviations from the parser's rules; with an {@code ERROR} the downloader
     *     rejects the cfg or reads something else than intended; {@link Finding#offset()} is the
     *     1-based line number
     * @param crlf whether lines end in CR LF
     */
    public record Parsed(MtkCfg cfg, List<Finding> findings, boolean crlf) {
        public Parsed {
            Objects.requireNonNull(cfg, "cfg");
            findings = List.copyOf(findings);
        }

        /** Whether no finding is an error. */
        public boolean valid() {
            return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
        }
    }

    /** The {@code memory_type} cfgGen writes for MT2501/MT2502 boards (corpus cfg). */
    public static final String PSRAM_130 = "PSRAM_130MHz";
    /** The {@code memory_type} for other chips ([INF]; the parser only looks for "PSRAM"). */
    public static final String PSRAM_166 = "PSRAM_166MHz";
    /** The {@code parameters_version} values MediaTek's parser accepts. */
    public static final List<String> PARAMETER_VERSIONS = List.of("v1", "v2", "v3", "v3.1");

    public MtkCfg {
        Objects.requireNonNull(platform, "platform");
        bootFiles = List.copyOf(bootFiles);
        controlBlockFiles = List.copyOf(controlBlockFiles);
        mainFiles = List.copyOf(mainFiles);
        fileSystemFiles = List.copyOf(fileSystemFiles);
        Objects.requireNonNull(parametersVersion, "parametersVersion");
        flashInfos = List.copyOf(flashInfos);
    }

    /** Reads cfg text (LF or CRLF) as MediaTek's parser would, with findings for every deviation. */
    public static Parsed parse(String text) {
        return CfgParser.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * Reads a cfg file (bytes taken as ISO-8859-1, so nothing is lost).
     *
     * @throws io.github.fwkit.core.LimitExceededException for files over 1 MiB (genuine ones are
     *     a few KiB)
     */
    public static Parsed parse(Path cfg) throws IOException {
        return CfgParser.parse(cfg);
    }

    /**
     * Checks a cfg and the kit beside it: the parser rules, then every listed file (exists, is a
     * post-built GFH image whose {@code file_len} is its size, sits in the region its type
     * belongs to, the first bootloader first), the platform against the ROM's, and the
     * {@code flash_info} IDs against the ROM's CMEM list both ways.
     */
    public static List<Finding> check(Path cfg) throws IOException {
        return KitCheck.check(cfg);
    }

    /** The files of a region. */
    public List<String> files(KitRegion region) {
        return switch (region) {
            case BOOT -> bootFiles;
            case CONTROL_BLOCK -> controlBlockFiles;
            case MAIN -> mainFiles;
            case FILE_SYSTEM -> fileSystemFiles;
            case NOT_FLASHABLE -> List.of();
        };
    }

    /**
     * The cfg text in a style: {@link KitStyle#FLASHTOOL} reproduces cfgGen's layout (banners,
     * LF), {@link KitStyle#READBACK_EXTRACTOR} that tool's (no banners, CRLF). Both always name
     * the platform and satisfy MediaTek's parser rules.
     *
     * @throws IllegalArgumentException if a file name could not be read back by the parser (spaces,
     *     {@code #}, control characters, more than 200 characters)
     */
    public String toText(KitStyle style) {
        return CfgWriter.write(this, Objects.requireNonNull(style, "style"));
    }
}
