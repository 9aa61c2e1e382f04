package io.github.fwkit.mtk;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.mtk.internal.KitWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts a readback into the kit Flash Tool flashes: BOOTLOADER, EXT_BOOTLOADER, ROM, VIVA and any
 * other main-region images, each exactly {@code file_len} bytes, a {@code .cfg} listing them with
 * the flash IDs coded in the ROM, a {@code REPORT.txt} with identification and health, and on
 * request the user-data range (FAT + SDS) as separate raw files.
 *
 * <pre>{@code
 * MtkKit.Result kit = MtkKit.extract(Path.of("ROM_0"), Path.of("kit"), MtkKit.Options.DEFAULTS);
 * kit.files().forEach(f -> System.out.println(f.name() + " " + f.sha256()));
 * }</pre>
 *
 * <p>Every file is written through {@link io.github.fwkit.core.SafeOutput} under an
 * {@link io.github.fwkit.core.ExtractionRoot}: nothing appears until all files are written and
 * checked (each image re-parses with a valid FILE_INFO and {@code file_len} equal to its size,
 * the cfg passes MediaTek's parser rules), and an input is never overwritten.
 *
 * <p>A dump with an incomplete kit image, a failed PHASH or no ROM is refused with a
 * {@link io.github.fwkit.core.FormatException} unless {@link Options#force()} is set; forced,
 * incomplete images are left out and everything is noted in the report.
 *
 * @since 0.1.0
 */
public final class MtkKit {
    private MtkKit() {
    }

    /**
     * How to write a kit.
     *
     * @param style file names and cfg layout
     * @param withUserData also write the FAT/SDS range as {@code USERDATA_<start>_<length>.bin}
     * @param force write despite incomplete images, failed signatures or a missing ROM
     * @param memoryType the cfg {@code memory_type}; empty for PSRAM_130MHz on MT2501/MT2502 and
     *     PSRAM_166MHz otherwise (the dump does not record it)
     * @param platform the cfg {@code platform}; empty for the ROM's
     * @param flashIds the cfg's flash IDs; empty for the ROM's CMEM list
     */
    public record Options(KitStyle style, boolean withUserData, boolean force, Optional<String> memoryType,
                          Optional<String> platform, List<FlashId> flashIds) {
        /** flashtool style, no user data, not forced, everything from the dump. */
        public static final Options DEFAULTS = new Options(KitStyle.FLASHTOOL, false, false, Optional.empty(),
                Optional.empty(), List.of());

        public Options {
            Objects.requireNonNull(style, "style");
            Objects.requireNonNull(memoryType, "memoryType");
            Objects.requireNonNull(platform, "platform");
            flashIds = List.copyOf(flashIds);
        }

        public Options withStyle(KitStyle s) {
            return new Options(s, withUserData, force, memoryType, platform, flashIds);
        }

        public Options withUserData(boolean on) {
            return new Options(style, on, force, memoryType, platform, flashIds);
        }

        public Options withForce(boolean on) {
            return new Options(style, withUserData, on, memoryType, platform, flashIds);
        }

        public Options withMemoryType(String type) {
            return new Options(style, withUserData, force, Optional.of(type), platform, flashIds);
        }

        public Options withPlatform(String p) {
            return new Options(style, withUserData, force, memoryType, Optional.of(p), flashIds);
        }

        public Options withFlashIds(List<FlashId> ids) {
            return new Options(style, withUserData, force, memoryType, platform, ids);
        }
    }

    /**
     * One file of a written kit.
     *
     * @param name the file name in the kit folder
     * @param kind {@code image}, {@code cfg}, {@code report}, {@code userdata} or {@code note}
     * @param region the cfg region of an image; {@link KitRegion#NOT_FLASHABLE} for other files
     * @param sourceOffset where its bytes start in the dump, or -1 for generated files
     * @param length its size in bytes
     * @param sha256 its SHA-256 in lower-case hex
     */
    public record KitFile(String name, String kind, KitRegion region, long sourceOffset, long length, String sha256) {
    }

    /**
     * A written kit.
     *
     * @param folder the kit folder (a real path)
     * @param files every file written, images first in cfg order
     * @param cfg the cfg that was written
     * @param notes what was left out or forced, for people
     */
    public record Result(Path folder, List<KitFile> files, MtkCfg cfg, List<String> notes) {
        public Result {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /**
     * The cfg a kit of {@code layout} gets: platform, regions with the style's file names, one
     * {@code flash_info} per ROM flash ID.
     *
     * @throws io.github.fwkit.core.FormatException when the layout has no platform or no flash IDs
     *     and the options do not give them
     */
    public static MtkCfg cfg(MtkRomLayout layout, Options options) throws IOException {
        return KitWriter.plan(layout, options).cfg();
    }

    /**
     * Writes the kit of an analysed dump into {@code folder} (created if missing).
     *
     * @param dump the bytes {@code layout} was made from
     * @param inputs files the dump was read from, never to be overwritten
     */
    public static Result write(ImageReader dump, MtkRomLayout layout, Path folder, Options options, List<Path> inputs,
                               ProgressListener progress) throws IOException {
        return KitWriter.write(dump, layout, folder, options, inputs, progress);
    }

    /** Analyses {@code dump} and writes its kit into {@code folder}. */
    public static Result extract(Path dump, Path folder, Options options) throws IOException {
        try (ImageReader r = ImageReader.open(dump)) {
            return write(r, MtkRomLayout.analyze(r), folder, options, List.of(dump), ProgressListener.NONE);
        }
    }
}
