package io.github.fwkit.ext4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.ProviderNotFoundException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code ext4} provider through the plain {@code java.nio.file} API, as a Java developer would use it. */
class NioTest {
    @TempDir
    Path tmp;

    private static Fixtures.Built built() throws IOException {
        return Fixtures.build(Fixtures.variant("ext4-4k"));
    }

    @Test
    void serviceLoadedProviderWalksAndReadsLikeTheSourceTree() throws IOException {
        Fixtures.Built b = built();
        try (FileSystem fs = FileSystems.newFileSystem(b.image())) {
            assertEquals("ext4", fs.provider().getScheme());
            assertTrue(fs.isReadOnly());
            Path root = fs.getPath("/");
            Set<String> ours;
            try (Stream<Path> s = Files.walk(root)) {
                ours = s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
                        .filter(p -> !p.startsWith("lost+found")).collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> src;
            try (Stream<Path> s = Files.walk(b.source())) {
                src = s.filter(p -> !p.equals(b.source())).map(p -> b.source().relativize(p).toString())
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(src, ours);
            for (String rel : List.of("hello.txt", "bin/random.bin", "unicode/日本語のファイル.txt", "hard/two")) {
                assertArrayEquals(Files.readAllBytes(b.source().resolve(rel)), Files.readAllBytes(root.resolve(rel)),
                        rel);
            }
            assertEquals(List.of("hello, ext4"), Files.readAllLines(fs.getPath("hello.txt")));
            try (InputStream in = Files.newInputStream(fs.getPath("/links/short"))) {
                assertEquals("hello, ext4\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void channelsSeek() throws IOException {
        Fixtures.Built b = built();
        byte[] expected = Files.readAllBytes(b.source().resolve("bin/big.bin"));
        try (FileSystem fs = Ext4.newFileSystem(b.image());
             SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/bin/big.bin"))) {
            assertEquals(expected.length, ch.size());
            ByteBuffer buf = ByteBuffer.allocate(1000);
            ch.position(1_234_567);
            assertEquals(1000, ch.read(buf));
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1_234_567, 1_235_567), buf.array());
            ch.position(expected.length);
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    void attributesLinksAndXattrs() throws IOException {
        Fixtures.Built b = built();
        try (FileSystem fs = Ext4.newFileSystem(b.image())) {
            Path exec = fs.getPath("/perm/exec.sh");
            PosixFileAttributes a = Files.readAttributes(exec, PosixFileAttributes.class);
            assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), a.permissions());
            assertEquals("0", a.owner().getName());
            assertEquals(Files.getLastModifiedTime(b.source().resolve("perm/exec.sh")), a.lastModifiedTime());
            Map<String, Object> posix = Files.readAttributes(exec, "posix:*");
            assertEquals(a.permissions(), posix.get("permissions"));
            Map<String, Object> unix = Files.readAttributes(fs.getPath("/perm/setuid"), "unix:mode,nlink,ino");
            assertEquals(0104755, unix.get("mode"));
            assertEquals(1, unix.get("nlink"));
            assertEquals(3, Files.getAttribute(fs.getPath("/hard/one"), "unix:nlink"));
            assertTrue(Files.isSameFile(fs.getPath("/hard/one"), fs.getPath("/text/three")));
            assertFalse(Files.isSameFile(fs.getPath("/hard/one"), fs.getPath("/hello.txt")));
            assertEquals(fs.getPath("../hello.txt"), Files.readSymbolicLink(fs.getPath("/links/short")));
            assertTrue(Files.isSymbolicLink(fs.getPath("/links/dangling")));
            assertFalse(Files.exists(fs.getPath("/links/dangling")));
            assertTrue(Files.exists(fs.getPath("/links/dangling"), LinkOption.NOFOLLOW_LINKS));
            assertTrue(Files.isDirectory(fs.getPath("/links/dir")));
            assertEquals(fs.getPath("/text/lorem.txt"), fs.getPath("/links/dir/lorem.txt").toRealPath());
            assertEquals(12L << 20, Files.size(fs.getPath("/sparse/holey")));
            assertTrue(Files.isExecutable(exec));
            assertFalse(Files.isWritable(exec));
            assertTrue(Files.isReadable(exec));
            assertTrue(Files.isHidden(fs.getPath("/.profile")));

            UserDefinedFileAttributeView x = Files.getFileAttributeView(fs.getPath("/hello.txt"),
                    UserDefinedFileAttributeView.class);
            assertEquals(List.of("comment"), x.list());
            ByteBuffer v = ByteBuffer.allocate(x.size("comment"));
            x.read("comment", v);
            assertEquals("hello-xattr", new String(v.array(), StandardCharsets.US_ASCII));
            assertEquals("hello-xattr", new String((byte[]) Files.getAttribute(fs.getPath("/hello.txt"),
                    "user:comment"), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void everyWriteIsRefused() throws IOException {
        Fixtures.Built b = built();
        try (FileSystem fs = Ext4.newFileSystem(b.image())) {
            Path p = fs.getPath("/hello.txt");
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.writeString(p, "x"));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.newByteChannel(p, StandardOpenOption.WRITE));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.newOutputStream(fs.getPath("/new")));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.createDirectory(fs.getPath("/d")));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(p));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.move(p, fs.getPath("/moved")));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.copy(p, fs.getPath("/copy")));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.setLastModifiedTime(p,
                    java.nio.file.attribute.FileTime.fromMillis(0)));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.setAttribute(p, "posix:permissions",
                    Set.of()));
            assertThrows(java.nio.file.AccessDeniedException.class, () -> fs.provider().checkAccess(p,
                    AccessMode.WRITE));
            // Copying out to the default file system works.
            Files.copy(p, tmp.resolve("copied"));
            assertEquals("hello, ext4\n", Files.readString(tmp.resolve("copied")));
        }
    }

    @Test
    void closingTheFileSystemClosesWhatItOpened() throws IOException {
        Fixtures.Built b = built();
        FileSystem fs = Ext4.newFileSystem(b.image());
        SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/bin/big.bin"));
        InputStream in = Files.newInputStream(fs.getPath("/hello.txt"));
        DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("/many"));
        Iterator<Path> it = ds.iterator();
        assertTrue(it.hasNext());
        fs.close();
        assertFalse(ch.isOpen());
        assertThrows(IOException.class, in::read);
        // DirectoryStream may still return the one entry it read ahead, no more.
        int more = 0;
        while (it.hasNext()) {
            it.next();
            more++;
        }
        assertTrue(more <= 1, more + " entries after close");
        assertFalse(fs.isOpen());
        assertThrows(ClosedFileSystemException.class, () -> Files.readAllBytes(fs.getPath("/hello.txt")));
        fs.close();
    }

    @Test
    void otherFilesAreLeftToOtherProviders() throws IOException {
        Path zip = tmp.resolve("a.zip");
        try (FileSystem z = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.writeString(z.getPath("/x"), "zip");
        }
        try (FileSystem z = FileSystems.newFileSystem(zip)) {
            assertEquals("jar", z.provider().getScheme());
        }
        Path text = Files.writeString(tmp.resolve("t.txt"), "not a file system");
        assertThrows(ProviderNotFoundException.class, () -> FileSystems.newFileSystem(text));
    }

    @Test
    void urisRegisterAndFindTheFileSystem() throws IOException {
        Fixtures.Built b = built();
        URI uri = URI.create("ext4:" + b.image().toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            assertThrows(FileSystemAlreadyExistsException.class, () -> FileSystems.newFileSystem(uri, Map.of()));
            Path p = fs.getPath("/unicode/héllo wörld.txt");
            URI pu = p.toUri();
            assertEquals("ext4", pu.getScheme());
            assertEquals(p, Paths.get(pu));
            assertEquals("héllo wörld.txt", new String(Files.readAllBytes(Paths.get(pu)), StandardCharsets.UTF_8));
            assertTrue(FileSystems.getFileSystem(uri) == fs);
        }
        assertThrows(FileSystemNotFoundException.class, () -> FileSystems.getFileSystem(uri));
    }

    @Test
    void pathsBehaveLikeUnixPaths() throws IOException {
        Fixtures.Built b = built();
        try (FileSystem fs = Ext4.newFileSystem(b.image())) {
            Path p = fs.getPath("/a/b/../c/./d");
            assertEquals("/a/c/d", p.normalize().toString());
            assertEquals(fs.getPath("/a/b/.."), p.getParent().getParent().getParent());
            assertEquals("d", p.getFileName().toString());
            assertEquals(6, p.getNameCount());
            assertEquals(fs.getPath("../../x"), fs.getPath("/a/b").relativize(fs.getPath("/x")));
            assertEquals(fs.getPath("/a/b/c"), fs.getPath("/a").resolve("b/c"));
            assertEquals(fs.getPath("/z"), fs.getPath("/a").resolve("/z"));
            assertTrue(fs.getPath("/a/b/c").startsWith("/a/b"));
            assertTrue(fs.getPath("/a/b/c").endsWith("b/c"));
            assertNull(fs.getPath("rel").getParent());
            assertEquals(fs.getPath("/rel"), fs.getPath("rel").toAbsolutePath());
            PathMatcher m = fs.getPathMatcher("glob:**/*.{txt,sh}");
            assertTrue(m.matches(fs.getPath("/perm/exec.sh")));
            assertTrue(m.matches(fs.getPath("/text/lorem.txt")));
            assertFalse(m.matches(fs.getPath("/bin/big.bin")));
            assertTrue(fs.getPathMatcher("glob:/many/entry-*-0000[0-3]").matches(fs.getPath(
                    "/many/entry-with-a-longish-name-00002")));
            try (Stream<Path> s = Files.list(fs.getPath("/many"))) {
                assertEquals(3000, s.count());
            }
            assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(fs.getPath("/nope")));
            assertEquals(Fixtures.UUID, fs.getFileStores().iterator().next().name());
        }
    }

    @Test
    void sparseImagesToo() throws IOException {
        Fixtures.Built b = built();
        Tools.require("img2simg");
        try (FileSystem fs = FileSystems.newFileSystem(b.sparse())) {
            assertArrayEquals(Files.readAllBytes(b.source().resolve("bin/random.bin")),
                    Files.readAllBytes(fs.getPath("/bin/random.bin")));
        }
    }
}
