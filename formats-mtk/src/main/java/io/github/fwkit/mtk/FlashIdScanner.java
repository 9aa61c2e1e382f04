package io.github.fwkit.mtk;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.internal.IdScan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the flash chip IDs a firmware supports, in a whole readback or in a single ROM (or
 * bootloader) file: the CMEM_ID_INFO list of every GFH image (the ROM's first), else the
 * FLASH_INFO device slots, else the MTK_ROMINFO device list of older non-GFH builds. Each ID
 * comes with its JEDEC manufacturer, capacity hint and the offset it was read at.
 *
 * <p>This is the fast path of {@link MtkRomLayout#flashIds()}: one pattern search over the input
 * and a few small reads, without the per-sector health pass.
 *
 * <pre>{@code
 * FlashIdScanner.Result ids = FlashIdScanner.scan(Path.of("ROM_0"));
 * ids.chips().forEach(System.out::println);   // C2 25 38 Macronix 16 MiB (ROM CMEM_ID_INFO[0] @0x20234)
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class FlashIdScanner {
    private FlashIdScanner() {
    }

    /**
     * What a scan found.
     *
     * @param ids every entry found, the ROM's list first, each with its source and offset
     * @param findings problems with the lists (a CMEM count that disagrees with the record size,
     *     an {@code id_length} outside 1..8)
     */
    public record Result(List<FlashId> ids, List<Finding> findings) {
        public Result {
            ids = List.copyOf(ids);
            findings = List.copyOf(findings);
        }

        /** The distinct chips, first occurrence kept (a wrapped read or a bootloader list repeats them). */
        public List<FlashId> chips() {
            List<FlashId> out = new ArrayList<>();
            for (FlashId id : ids) {
                if (out.stream().noneMatch(id::sameChip)) {
                    out.add(id);
                }
            }
            return List.copyOf(out);
        }

        /** Whether {@code id} (e.g. the ID a Download Agent read from the phone) is supported. */
        public boolean supports(List<Integer> id) {
            return ids.stream().anyMatch(f -> f.bytes().equals(id));
        }
    }

    /** Scans {@code input} (a readback or a single GFH image). The reader stays the caller's. */
    public static Result scan(ImageReader input) throws IOException {
        return IdScan.scan(Objects.requireNonNull(input, "input"));
    }

    /** Opens, scans and closes a file. */
    public static Result scan(Path input) throws IOException {
        try (ImageReader r = ImageReader.open(input)) {
            return scan(r);
        }
    }
}
