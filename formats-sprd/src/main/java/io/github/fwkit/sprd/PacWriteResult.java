package io.github.fwkit.sprd;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link PacWriter#write} produced.
 *
 * @param output the package written
 * @param version its version string
 * @param size its length in bytes
 * @param entries the table as written, in order
 * @param headerCrc {@code wCRC1}
 * @param bodyCrc {@code wCRC2}
 * @param notes decisions worth telling (version choice, conversions, names changed)
 * @since 0.1.0
 */
public record PacWriteResult(Path output, String version, long size, List<Written> entries, int headerCrc, int bodyCrc,
                             List<String> notes) {
    public PacWriteResult {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    /**
     * One entry as written.
     *
     * @param index table position
     * @param id {@code szFileID}
     * @param name stored name
     * @param size blob size
     * @param offset blob offset (0 without blob)
     * @param source where the bytes came from, for people: {@code "source PAC"}, a file path, or
     *     empty for entries without data
     * @param convertedToSparse whether a raw image was converted to Android sparse on the way
     */
    public record Written(int index, String id, String name, long size, long offset, String source,
                          boolean convertedToSparse) {
    }
}
