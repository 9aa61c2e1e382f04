/**
 * fwkit core: {@link io.github.fwkit.core.ImageReader} and friends, and Android sparse images.
 */
module io.github.fwkit.core {
    exports io.github.fwkit.core;
    exports io.github.fwkit.sparse;
    // page-aligned I/O buffers (see Buffers) for the format modules; not API
    exports io.github.fwkit.core.internal.io to io.github.fwkit.ext4, io.github.fwkit.sprd;

    uses io.github.fwkit.core.FormatProbe;

    provides io.github.fwkit.core.FormatProbe with
            io.github.fwkit.core.internal.probes.AndroidBootProbe,
            io.github.fwkit.core.internal.probes.AndroidSparseProbe,
            io.github.fwkit.core.internal.probes.AndroidSuperProbe,
            io.github.fwkit.core.internal.probes.AvbFooterProbe,
            io.github.fwkit.core.internal.probes.DhtbProbe,
            io.github.fwkit.core.internal.probes.ErofsProbe,
            io.github.fwkit.core.internal.probes.Ext4Probe,
            io.github.fwkit.core.internal.probes.F2fsProbe,
            io.github.fwkit.core.internal.probes.MtkGfhProbe,
            io.github.fwkit.core.internal.probes.MtkReadbackProbe,
            io.github.fwkit.core.internal.probes.SprdPacProbe,
            io.github.fwkit.core.internal.probes.UbiProbe,
            io.github.fwkit.core.internal.probes.ZipProbe;
}
