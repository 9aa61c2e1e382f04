package io.github.fwkit.mtk;

/**
 * The {@code .cfg} region an image type is flashed in (MediaTek's downloader classifies images by
 * their GFH {@code file_type}, spec §4.4).
 *
 * @since 0.1.0
 */
public enum KitRegion {
    /** {@code boot_region}: ARM_BL, ARM_EXT_BL, DSP_BL, ROOT_CERT. */
    BOOT("boot_region"),
    /** {@code control_block_region}: SECURE_RO_ME. */
    CONTROL_BLOCK("control_block_region"),
    /** {@code main_region}: ROM, VIVA and the other code and resource images. */
    MAIN("main_region"),
    /** {@code file_system_region}: build-made {@code *.IM} images. */
    FILE_SYSTEM("file_system_region"),
    /** Types that are never kit files (certificates of other chips, FOTA, factory binaries). */
    NOT_FLASHABLE("");

    private final String keyword;

    KitRegion(String keyword) {
        this.keyword = keyword;
    }

    /** The cfg keyword without the colon, e.g. {@code main_region}; empty for {@link #NOT_FLASHABLE}. */
    public String keyword() {
        return keyword;
    }
}
