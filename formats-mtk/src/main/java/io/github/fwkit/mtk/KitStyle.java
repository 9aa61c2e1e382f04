package io.github.fwkit.mtk;

/**
 * How kit files and the {@code .cfg} are named and laid out.
 *
 * @since 0.1.0
 */
public enum KitStyle {
    /**
     * The layout MediaTek's build writes (cfgGen): {@code <PROJECT>_BOOTLOADER_<ver>_<PLATFORM>_<verno>.bin},
     * {@code EXT_BOOTLOADER}, {@code ROM}, {@code VIVA}, ...; a cfg with banners and LF line ends.
     */
    FLASHTOOL,
    /**
     * The layout of the closed "Readback Extractor mtk" tool: {@code INT_BOOTLOADER},
     * {@code EXT_BOOTLOADER}, {@code FILE_01_mtk}, {@code FILE_02_mtk}, ...; a cfg without banners,
     * CRLF line ends.
     */
    READBACK_EXTRACTOR
}
