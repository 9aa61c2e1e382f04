package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseWriter;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Option value converters; their failures are usage errors (exit 2). */
final class Converters {
    private Converters() {
    }

    /** {@code 100000}, {@code 4K}, {@code 512M}, {@code 1G} (binary suffixes). */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code aosp} or {@code legacy}, any case. */
    static final class Profile implements ITypeConverter<SparseWriter.Profile> {
        @Override
        public SparseWriter.Profile convert(String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "aosp": return SparseWriter.Profile.AOSP;
                case "legacy": return SparseWriter.Profile.LEGACY;
                default: throw new TypeConversionException("'" + value + "' is not a profile; use aosp or legacy");
            }
        }
    }
}
