package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseWriter;

import java.util.Locale;

/** {@code --profile} and {@code --block-size}, for the commands that write sparse images. */
final class WriterOptions {
    SparseWriter.Profile profile = SparseWriter.Profile.AOSP;
    long blockSize = 4096;

    /** Adds the options to {@code spec}. */
    CommandSpec addTo(CommandSpec spec) {
        return spec
                .option("--profile", "NAME", "aosp (default): chunks of at most 64 MiB, like today's AOSP img2simg;"
                        + " legacy: no cap, byte-identical to Debian's img2simg 29.0.6.")
                .option("--block-size", "BYTES", "Bytes per block: a multiple of 4 from 1024 to 64M (default: 4096)."
                        + " Keep 4096 unless the device needs another.");
    }

    /** Stores {@code --profile} or {@code --block-size}; a command passes on what it does not know. */
    void set(String name, String value) {
        switch (name) {
            case "--profile" -> profile = profile(value);
            case "--block-size" -> blockSize = Units.parseSize(value);
            default -> throw new IllegalStateException("no option " + name);
        }
    }

    /** {@code aosp} or {@code legacy}, any case. */
    static SparseWriter.Profile profile(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "aosp": return SparseWriter.Profile.AOSP;
            case "legacy": return SparseWriter.Profile.LEGACY;
            default: throw new IllegalArgumentException("'" + value + "' is not a profile; use aosp or legacy");
        }
    }

    /** The writer options; an IllegalArgumentException (a usage error) for a bad block size. */
    SparseWriter.Options toOptions() {
        if (blockSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block size " + blockSize
                    + " must be a multiple of 4 from 1024 to 67108864 (64 MiB)");
        }
        return SparseWriter.Options.DEFAULT.withProfile(profile).withBlockSize((int) blockSize);
    }

    String profileName() {
        return profile.name().toLowerCase(Locale.ROOT);
    }
}
