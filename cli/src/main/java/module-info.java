/**
 * The {@code fwkit} command. Only {@link io.github.fwkit.cli.Main} is API; the commands live in an
 * internal package.
 */
module io.github.fwkit.cli {
    requires io.github.fwkit.core;
    requires io.github.fwkit.ext4;
    requires io.github.fwkit.sprd;
    requires io.github.fwkit.mtk;

    exports io.github.fwkit.cli;
}
