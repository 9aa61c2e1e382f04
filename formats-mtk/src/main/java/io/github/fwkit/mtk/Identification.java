package io.github.fwkit.mtk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What chip, firmware and board a dump or image is from, each item with the offset it came from
 * (spec §5.4). Items that could not be found are absent, never guessed.
 *
 * @param items what was found, in {@link Key} order
 * @since 0.1.0
 */
public record Identification(List<Item> items) {

    /** What an item names. */
    public enum Key {
        /** The chip family, e.g. {@code MT2502}: a token of the build name (or the release info). */
        PLATFORM,
        /** MAUI_INFO {@code platform_id}, e.g. {@code SEEED02A_DEMO_PCB01_gprs_MT2502_S00.MAUI_11CW1418SP5_W15_19.bin}. */
        BUILD_NAME,
        /** MAUI_INFO {@code project_id} ("verno"), e.g. {@code MAUI.11CW1418SP5.W15.19}. */
        VERNO,
        /** The project (board) prefix of the build name, e.g. {@code SEEED02A_DEMO}. */
        PROJECT,
        /** The hardware version string engineering menus show, e.g. {@code SEEED02A_DEMO_HW}. */
        HW_VERSION,
        /** The build time from the release info, e.g. {@code 2015/05/07 02:48}. */
        BUILD_DATE,
        /** The MAUI branch, e.g. {@code 11CW1418SP5}; {@code 11B} builds are the MT6260 line, {@code 11C} the MT6261/MT2502 line. */
        MAUI_BRANCH,
        /** The board name from the release info, e.g. {@code MT2502A_DEV_BOARD_PR}. */
        BOARD,
        /** The MRE (MediaTek Runtime Environment) version, where the firmware declares one. */
        MRE_VERSION,
        /** The bootloader version, e.g. {@code V005} (the {@code %s} of "Welcome to MTK Bootloader %s"). */
        BOOTLOADER_VERSION,
        /** The ROMINFO identifier, e.g. {@code MTK_ROMINFO_v09}. */
        ROMINFO
    }

    /**
     * One identification item.
     *
     * @param key what it names
     * @param value the text, made printable
     * @param offset where in the input it was read
     * @param source the structure it came from, e.g. {@code MAUI_INFO.platform_id}
     */
    public record Item(Key key, String value, long offset, String source) {
        public Item {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }

    public Identification {
        items = List.copyOf(items);
    }

    /** The item for {@code key}. */
    public Optional<Item> item(Key key) {
        return items.stream().filter(i -> i.key() == key).findFirst();
    }

    /** The value for {@code key}. */
    public Optional<String> value(Key key) {
        return item(key).map(Item::value);
    }

    /** The chip family, e.g. {@code MT2502}. */
    public Optional<String> platform() {
        return value(Key.PLATFORM);
    }

    /** The hardware version, e.g. {@code SEEED02A_DEMO_HW}. */
    public Optional<String> hwVersion() {
        return value(Key.HW_VERSION);
    }
}
