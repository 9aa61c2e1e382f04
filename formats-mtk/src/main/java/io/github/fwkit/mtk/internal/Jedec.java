package io.github.fwkit.mtk.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * JEDEC manufacturer bytes of serial NOR vendors seen in feature phones and watches, and the
 * capacity byte (the third ID byte), which most vendors code as log2 of the size in bytes.
 */
public final class Jedec {
    private static final Map<Integer, String> VENDORS = Map.ofEntries(
            Map.entry(0x01, "Spansion/Cypress"),
            Map.entry(0x0B, "XTX"),
            Map.entry(0x1C, "EON"),
            Map.entry(0x1F, "Adesto/Atmel"),
            Map.entry(0x20, "Micron/XMC"),
            Map.entry(0x37, "AMIC"),
            Map.entry(0x5E, "Zbit"),
            Map.entry(0x68, "Boya"),
            Map.entry(0x85, "Puya"),
            Map.entry(0x8C, "ESMT"),
            Map.entry(0x9D, "ISSI"),
            Map.entry(0xA1, "Fudan"),
            Map.entry(0xBF, "SST/Microchip"),
            Map.entry(0xC2, "Macronix"),
            Map.entry(0xC8, "GigaDevice"),
            Map.entry(0xEF, "Winbond"));

    private Jedec() {
    }

    /** The vendor of a JEDEC manufacturer byte. */
    public static Optional<String> manufacturer(int id) {
        return Optional.ofNullable(VENDORS.get(id));
    }

    /**
     * The capacity in bytes implied by the capacity byte: {@code 2^c} for c in 0x10..0x1F
     * (0x16 = 4 MiB, 0x18 = 16 MiB); Macronix 1.8 V parts add 0x20 ({@code C2 25 36} = 4 MiB,
     * {@code C2 25 38} = 16 MiB); Micron continues 0x20, 0x21, 0x22 as 64, 128, 256 MiB.
     */
    public static OptionalLong capacity(int manufacturer, int c) {
        if (c >= 0x10 && c <= 0x1F) {
            return OptionalLong.of(1L << c);
        }
        if (manufacturer == 0xC2 && c >= 0x32 && c <= 0x3A) {
            return OptionalLong.of(1L << (c - 0x20));
        }
        if (manufacturer == 0x20 && c >= 0x20 && c <= 0x22) {
            return OptionalLong.of(1L << (c - 6));
        }
        return OptionalLong.empty();
    }
}
