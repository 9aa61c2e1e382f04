package io.github.fwkit.ext4;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Ext4Volume#extract} did.
 *
 * @param directories directories created (or already present)
 * @param files regular files written
 * @param symlinks symbolic links created
 * @param hardLinks extra names of already written files, created as hard links
 * @param skipped entries not written: special files, unsafe names, unreadable entries
 * @param errors entries skipped because the image could not be read there (a subset of
 *     {@code skipped}); non-zero means the output is incomplete
 * @param dataBytes data bytes written (holes not counted)
 * @param notes why each entry was skipped or only partly written, in order
 * @param notesTruncated whether there were more notes than kept
 * @since 0.1.0
 */
public record ExtractResult(long directories, long files, long symlinks, long hardLinks, long skipped, long errors,
                            long dataBytes, List<Note> notes, boolean notesTruncated) {

    /**
     * A remark about one path.
     *
     * @param path the path in the volume
     * @param message what happened
     */
    public record Note(String path, String message) {
        public Note {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    public ExtractResult {
        notes = List.copyOf(notes);
    }

    @Override
    public String toString() {
        return "ExtractResult[" + directories + " directories, " + files + " files, " + symlinks + " symlinks, "
                + hardLinks + " hard links, " + skipped + " skipped (" + errors + " errors), " + dataBytes
                + " data bytes, " + notes.size() + (notesTruncated ? "+" : "") + " notes]";
    }
}
