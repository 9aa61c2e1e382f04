package io.github.fwkit.ext4;

import java.io.IOException;
import java.nio.file.FileVisitResult;

/**
 * Receives the entries of {@link Ext4Volume#walk(String, WalkVisitor)}, parents before
 * children, each directory's entries in on-disk order.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WalkVisitor {
    /**
     * Visits one entry.
     *
     * @param path the absolute path, e.g. {@code /etc/hosts} (names decoded as UTF-8)
     * @param entry the directory entry (for the start of the walk, one made up from its last path
     *     component, or {@code /})
     * @param stat the inode's metadata
     * @return {@link FileVisitResult#CONTINUE}, {@link FileVisitResult#SKIP_SUBTREE} (for a
     *     directory: do not enter it), {@link FileVisitResult#SKIP_SIBLINGS} or
     *     {@link FileVisitResult#TERMINATE}
     */
    FileVisitResult visit(String path, DirEntry entry, Stat stat) throws IOException;

    /**
     * Called instead of {@link #visit} when an entry's inode or a directory's contents cannot be
     * read (corruption, an unsupported feature). The default rethrows, ending the walk.
     *
     * @return how to go on, as for {@link #visit}
     */
    default FileVisitResult visitFailed(String path, DirEntry entry, IOException error) throws IOException {
        throw error;
    }
}
