package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseWriter;

import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code --profile} and {@code --block-size}, for the commands that write sparse images. */
final class WriterOptions {
    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "aosp", converter = Converters.Profile.class,
            description = "aosp (default): chunks of at most 64 MiB, like today's AOSP img2simg;"
                    + " legacy: no cap, byte-identical to Debian's img2simg 29.0.6.")
    SparseWriter.Profile profile;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "4096", converter = Converters.Size.class,
            description = "Bytes per block: a multiple of 4 from 1024 to 64M (default: ${DEFAULT-VALUE})."
                    + " Keep 4096 unless the device needs another.")
    long blockSize;

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
