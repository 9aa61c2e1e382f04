/**
 * fwkit Spreadtrum/Unisoc support: {@code .pac} firmware packages (read, verify, extract, write,
 * repack) and the {@code .flag} files of ResearchDownload (classify, convert to flashable images).
 */
module io.github.fwkit.sprd {
    // transitive: the API takes and returns core types (ImageReader, ProgressListener, FormatException)
    requires transitive io.github.fwkit.core;
    requires java.xml;

    exports io.github.fwkit.sprd;

    provides io.github.fwkit.core.FormatProbe with
            io.github.fwkit.sprd.internal.PacProbe;
}
