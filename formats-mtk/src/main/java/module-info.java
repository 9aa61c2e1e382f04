/**
 * fwkit MediaTek: whole-chip NOR / serial-flash readbacks of MAUI feature phones and watches
 * (MT6250, MT6260, MT6261, MT2501, MT2502) — layout, identification, health, flash IDs, and the
 * flashable kit with its {@code .cfg}. Start at {@link io.github.fwkit.mtk.MtkRomLayout}.
 */
module io.github.fwkit.mtk {
    requires transitive io.github.fwkit.core;

    exports io.github.fwkit.mtk;

    provides io.github.fwkit.core.FormatProbe with
            io.github.fwkit.mtk.internal.ReadbackProbe,
            io.github.fwkit.mtk.internal.GfhImageProbe;
}
