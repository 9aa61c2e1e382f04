/**
 * fwkit core: {@link io.github.fwkit.core.ImageReader} and friends, and Android sparse images.
 */
module io.github.fwkit.core {
    exports io.github.fwkit.core;
    exports io.github.fwkit.sparse;

    uses io.github.fwkit.core.FormatProbe;
}
