package io.github.fwkit.mtk;

import io.github.fwkit.mtk.internal.Jedec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A flash chip ID the firmware supports, as coded in the ROM (one CMEM_ID_INFO entry, a FLASH_INFO
 * or ROMINFO device), with where it was read. MediaTek's downloader refuses a kit whose cfg lacks
 * the fitted chip's ID ("Flash IDs are not match with target").
 *
 * @param deviceType the entry's {@code device_type} (3 = serial NOR in every sample), or -1 when
 *     the source has none (FLASH_INFO, ROMINFO)
 * @param idLength how many ID bytes are significant, 1 to 8
 * @param id the eight stored ID bytes (0 to 255), significant ones first
 * @param offset where the entry starts in the input
 * @param source the structure it came from, e.g. {@code ROM CMEM_ID_INFO[1]}
 * @since 0.1.0
 */
public record FlashId(int deviceType, int idLength, List<Integer> id, long offset, String source) {
    /** {@code device_type} of serial NOR flash. */
    public static final int DEVICE_SERIAL_NOR = 3;

    public FlashId {
        id = List.copyOf(id);
        Objects.requireNonNull(source, "source");
        if (id.size() != 8 || idLength < 1 || idLength > 8 || id.stream().anyMatch(b -> b < 0 || b > 255)) {
            throw new IllegalArgumentException("bad flash ID " + id + " length " + idLength);
        }
    }

    /** The significant bytes. */
    public List<Integer> bytes() {
        return id.subList(0, idLength);
    }

    /** The significant bytes in hex, e.g. {@code C2 25 38}. */
    public String hex() {
        return bytes().stream().map(b -> String.format(Locale.ROOT, "%02X", b)).collect(Collectors.joining(" "));
    }

    /** The JEDEC manufacturer of byte 0, e.g. {@code Macronix}, when known. */
    public Optional<String> manufacturer() {
        return Jedec.manufacturer(id.get(0));
    }

    /**
     * The capacity implied by the JEDEC capacity byte (byte 2), when it follows a known scheme.
     * A plausibility hint, not a fact: vendors code it differently (spec §7.2).
     */
    public OptionalLong capacity() {
        return idLength < 3 ? OptionalLong.empty() : Jedec.capacity(id.get(0), id.get(2));
    }

    /** The cfg {@code flash_type}: {@code SF} for serial NOR, else {@code NOR} (spec §8.4). */
    public String flashType() {
        return deviceType == DEVICE_SERIAL_NOR || deviceType < 0 ? "SF" : "NOR";
    }

    /** Whether {@code other} names the same chip (same significant bytes). */
    public boolean sameChip(FlashId other) {
        return idLength == other.idLength && bytes().equals(other.bytes());
    }

    @Override
    public String toString() {
        return hex() + manufacturer().map(m -> " " + m).orElse("")
                + (capacity().isPresent() ? " " + (capacity().getAsLong() >> 20) + " MiB" : "")
                + " (" + source + " @0x" + Long.toHexString(offset) + ")";
    }
}
