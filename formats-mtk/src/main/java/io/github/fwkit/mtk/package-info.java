/**
 * MediaTek MAUI NOR / serial-flash readbacks (MT6250, MT6260, MT6261, MT2501, MT2502 feature
 * phones and watches): what a Flash Tool <i>Readback</i> holds, whether it is healthy, which
 * chip, firmware and board it is from, and the flashable kit cut from it.
 *
 * <ul>
 *   <li>{@link io.github.fwkit.mtk.MtkRomLayout#analyze(java.nio.file.Path)} — header block, GFH
 *       images, user data, identification, flash IDs, {@link io.github.fwkit.mtk.HealthReport
 *       health} and {@link io.github.fwkit.mtk.Region regions} covering every byte; any length,
 *       never rejected for its size.</li>
 *   <li>{@link io.github.fwkit.mtk.FlashIdScanner} — the flash chip IDs coded in a dump or ROM,
 *       fast.</li>
 *   <li>{@link io.github.fwkit.mtk.MtkKit} — BOOTLOADER, EXT_BOOTLOADER, ROM, VIVA, ... byte-exact,
 *       a {@code .cfg} with the ROM's flash IDs, a report, optionally the user data.</li>
 *   <li>{@link io.github.fwkit.mtk.MtkCfg} — read, check and write {@code .cfg} files the way
 *       MediaTek's downloader parses them.</li>
 * </ul>
 *
 * <p>Everything returned is an immutable record or list, safe to share between threads. Bad
 * input gives findings or a {@link io.github.fwkit.core.FormatException}, never another
 * exception. The format reference is {@code specs/mediatek-nor.md} of the project.
 *
 * @since 0.1.0
 */
package io.github.fwkit.mtk;
