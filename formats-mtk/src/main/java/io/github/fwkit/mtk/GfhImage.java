package io.github.fwkit.mtk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A GFH image found in a dump (or a kit file on its own): where it is, its {@link FileInfo}, its
 * record chain and what the checks on it found. The image is exactly
 * {@code [offset, offset + file_len)}; what follows it is padding, never part of the kit file.
 *
 * @param offset where FILE_INFO starts in the input
 * @param flashOffset the flash address it occupies ({@code offset} minus the dump's
 *     {@linkplain MtkRomLayout#base() base}); for a kit file on its own the address its load
 *     address implies, or -1 for a bootloader that runs from SRAM (the BRLYT places it)
 * @param info the FILE_INFO record
 * @param records the GFH chain, FILE_INFO first, as walked up to {@code content_offset}
 * @param bytesPresent how many of its {@code file_len} bytes the input holds
 * @param signature the result of checking its signature trailer
 * @param name its kit file name in the {@link KitStyle#FLASHTOOL flashtool} style
 *     ({@code ROM}, {@code EXT_BOOTLOADER}, {@code <PROJECT>_BOOTLOADER_<ver>_<PLATFORM>_<verno>.bin}, ...)
 * @since 0.1.0
 */
public record GfhImage(long offset, long flashOffset, FileInfo info, List<GfhRecord> records, long bytesPresent,
                       Signature signature, String name) {

    /** What checking the signature trailer found (spec §4.7). */
    public enum Signature {
        /** {@code sig_type} 0: nothing to check (ROM, VIVA). */
        NONE,
        /** The PHASH trailer's SHA-1 and end marker match the image. */
        PHASH_OK,
        /** The PHASH trailer does not match: the boot chain will refuse the image. */
        PHASH_MISMATCH,
        /** The image is incomplete in the input, so its trailer could not be checked. */
        NOT_CHECKED,
        /** An RSA signature ({@code sig_type} 2 to 4), which cannot be checked without keys. */
        SIGNED_NOT_CHECKED
    }

    public GfhImage {
        Objects.requireNonNull(info, "info");
        records = List.copyOf(records);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(name, "name");
    }

    /** Whether all {@code file_len} bytes are in the input. */
    public boolean complete() {
        return bytesPresent == info.fileLength();
    }

    /** The input offset just past the image ({@code offset + file_len}), possibly beyond the input. */
    public long end() {
        return offset + info.fileLength();
    }

    /** The first record of this type in the chain. */
    public Optional<GfhRecord> record(int type) {
        return records.stream().filter(r -> r.type() == type).findFirst();
    }

    @Override
    public String toString() {
        return name + " (" + info.typeName() + ") at 0x" + Long.toHexString(offset) + ", 0x"
                + Long.toHexString(info.fileLength()) + " bytes" + (complete() ? "" : ", incomplete");
    }
}
