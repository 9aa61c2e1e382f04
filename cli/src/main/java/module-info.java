/**
 * The {@code fwkit} command. Only {@link io.github.fwkit.cli.Main} is API; the commands live in an
 * internal package that picocli reads by reflection.
 */
module io.github.fwkit.cli {
    requires io.github.fwkit.core;
    requires info.picocli;

    exports io.github.fwkit.cli;

    opens io.github.fwkit.cli.internal to info.picocli;
}
