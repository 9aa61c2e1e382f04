package io.github.fwkit.ext4;

import io.github.fwkit.ext4.internal.nio.Ext4FileSystemProvider;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry points for the {@code java.nio.file} view of ext2/3/4 images.
 *
 * <pre>{@code
 * try (FileSystem fs = Ext4.newFileSystem(Path.of("system.img"))) {
 *     try (Stream<Path> s = Files.walk(fs.getPath("/"))) { s.forEach(System.out::println); }
 *     byte[] build = Files.readAllBytes(fs.getPath("/system/build.prop"));
 * }
 * }</pre>
 *
 * <p>The same file system is reachable without this class through the service-loaded provider:
 * {@code FileSystems.newFileSystem(Path.of("system.img"))}, or by URI
 * ({@code ext4:file:///images/system.img!/etc/hosts}). It is read-only: writes throw
 * {@link java.nio.file.ReadOnlyFileSystemException}. Attribute views: {@code basic},
 * {@code posix}, {@code owner}, {@code unix} (mode, ino, uid, gid, nlink, rdev, ctime) and
 * {@code user} (extended attributes of the {@code user.} namespace). Closing the file system
 * closes every channel and stream it opened, and the image.
 *
 * @since 0.1.0
 */
public final class Ext4 {
    private Ext4() {
    }

    /** A read-only file system over the ext2/3/4 image in a file (raw or Android sparse), read strictly. */
    public static FileSystem newFileSystem(Path image) throws IOException {
        return new Ext4FileSystemProvider().newFileSystem(image, Map.of());
    }

    /** A read-only file system over the image in a file, read with {@code options}. */
    public static FileSystem newFileSystem(Path image, Ext4Options options) throws IOException {
        return newFileSystem(Ext4Volume.open(image, options));
    }

    /**
     * A read-only file system over an open volume (for instance one opened from an
     * {@link io.github.fwkit.core.ImageReader} slice). The file system takes the volume over:
     * closing it closes the volume.
     */
    public static FileSystem newFileSystem(Ext4Volume volume) {
        return Ext4FileSystemProvider.newFileSystem(volume);
    }
}
