package io.github.fwkit.ext4.internal.nio;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.Stat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code ext4} file-system provider: a read-only view of an ext2/3/4 image (raw, Android
 * sparse or {@code .flag}) as a {@link FileSystem}.
 *
 * <p>{@code FileSystems.newFileSystem(Path.of("system.img"))} finds it through the service
 * loader; it answers {@link UnsupportedOperationException} for files without an ext2/3/4
 * superblock so the next provider gets its turn (as jdk.zipfs does), and a
 * {@link FormatException} for damaged ones. URIs look like jar URIs:
 * {@code ext4:file:///images/system.img!/etc/hosts}; {@link #newFileSystem(URI, Map)}
 * registers the file system under its image for {@link #getFileSystem(URI)} and
 * {@link #getPath(URI)}. Environment keys: {@code lenient} ({@code true} reads damaged images as
 * {@link Ext4Options#LENIENT} does).
 *
 * <p>Every write throws {@link ReadOnlyFileSystemException}; {@code checkAccess} with
 * {@link AccessMode#WRITE} throws {@link AccessDeniedException}. Relative paths are resolved
 * against the root. Instances are stateless apart from the shared registry; thread-safe.
 */
public final class Ext4FileSystemProvider extends FileSystemProvider {
    static final String SCHEME = "ext4";
    private static final Map<Object, Ext4FileSystem> REGISTRY = new ConcurrentHashMap<>();

    public Ext4FileSystemProvider() {
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** Opens a file system over a volume the caller opened; the file system takes ownership. */
    public static FileSystem newFileSystem(Ext4Volume volume) {
        URI uri = volume.source().map(Path::toUri).orElseGet(() -> URI.create("volume:" + System.identityHashCode(
                volume)));
        return new Ext4FileSystem(new Ext4FileSystemProvider(), volume, uri, null);
    }

    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
        return open(path, env, null);
    }

    private Ext4FileSystem open(Path path, Map<String, ?> env, Object key) throws IOException {
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new UnsupportedOperationException(path + " is not a regular file");
        }
        try (ImageReader r = ImageReader.open(path)) {
            if (r.size() < 2048 || r.u16le(0x438) != 0xEF53) {
                throw new UnsupportedOperationException(path + " is not an ext2/ext3/ext4 image");
            }
        } catch (FormatException e) {
            // A damaged Android sparse container: not ours to judge.
            throw new UnsupportedOperationException(path + ": " + e.getMessage());
        }
        Object lenient = env == null ? null : env.get("lenient");
        Ext4Options options = Boolean.TRUE.equals(lenient) || "true".equals(lenient) ? Ext4Options.LENIENT
                : Ext4Options.STRICT;
        Ext4Volume volume = Ext4Volume.open(path, options);
        return new Ext4FileSystem(this, volume, path.toUri(), key);
    }

    /** {@code ext4:IMAGE_URI[!/path]}: the image's URI and the path inside. */
    private static URI imageUri(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an ext4 URI: " + uri);
        }
        String ssp = uri.getSchemeSpecificPart();
        int bang = ssp.indexOf("!/");
        if (bang < 0 && ssp.endsWith("!")) {
            bang = ssp.length() - 1;
        }
        try {
            return new URI(bang < 0 ? ssp : ssp.substring(0, bang));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(uri + ": " + e.getMessage(), e);
        }
    }

    private static Object key(Path image) throws IOException {
        return image.toRealPath();
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        Path image = Paths.get(imageUri(uri));
        Object key = key(image);
        synchronized (REGISTRY) {
            if (REGISTRY.containsKey(key)) {
                throw new FileSystemAlreadyExistsException(uri.toString());
            }
            Ext4FileSystem fs = open(image, env, key);
            REGISTRY.put(key, fs);
            return fs;
        }
    }

    void removeFileSystem(Object key, Ext4FileSystem fs) {
        if (key != null) {
            REGISTRY.remove(key, fs);
        }
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        try {
            Ext4FileSystem fs = REGISTRY.get(key(Paths.get(imageUri(uri))));
            if (fs != null) {
                return fs;
            }
        } catch (IOException e) {
            // fall through: no such image, so no such file system
        }
        throw new FileSystemNotFoundException(uri.toString());
    }

    @Override
    public Path getPath(URI uri) {
        String ssp = uri.getSchemeSpecificPart();
        int bang = ssp.indexOf("!/");
        Ext4FileSystem fs = (Ext4FileSystem) getFileSystem(uri);
        return fs.getPath(bang < 0 ? "/" : ssp.substring(bang + 1));
    }

    static Ext4Path cast(Path p) {
        if (!(p instanceof Ext4Path e)) {
            throw new ProviderMismatchException(p == null ? "null" : p.getClass().getName());
        }
        e.getFileSystem().ensureOpen();
        return e;
    }

    private static String abs(Ext4Path p) {
        return p.toAbsolutePath().toString();
    }

    private static boolean follow(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
        }
        return true;
    }

    static Ext4Attributes attributes(Ext4Path p, boolean follow) throws IOException {
        Ext4Volume v = p.getFileSystem().volume();
        Stat st = follow ? v.lookup(abs(p)) : v.lookup(abs(p), LinkOption.NOFOLLOW_LINKS);
        return new Ext4Attributes(st);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Ext4Path p = cast(path);
        for (OpenOption o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND || o == StandardOpenOption.DELETE_ON_CLOSE
                    || (o == StandardOpenOption.CREATE_NEW)) {
                throw new ReadOnlyFileSystemException();
            }
        }
        if (attrs.length > 0) {
            throw new ReadOnlyFileSystemException();
        }
        Ext4FileSystem fs = p.getFileSystem();
        if (options.contains(LinkOption.NOFOLLOW_LINKS) && fs.volume().lookup(abs(p), LinkOption.NOFOLLOW_LINKS)
                .isSymbolicLink()) {
            throw new java.nio.file.FileSystemException(p.toString(), null, "is a symbolic link (NOFOLLOW_LINKS)");
        }
        ImageReader r = fs.volume().open(abs(p));
        return fs.register(new Channel(fs, r.asChannel()));
    }

    /** A channel the file system can close, which forgets itself when closed. */
    private static final class Channel implements SeekableByteChannel {
        private final Ext4FileSystem fs;
        private final SeekableByteChannel in;

        Channel(Ext4FileSystem fs, SeekableByteChannel in) {
            this.fs = fs;
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!in.isOpen()) {
                throw new ClosedChannelException();
            }
            return in.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            in.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            fs.unregister(this);
            in.close();
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Ext4Path p = cast(dir);
        Ext4Volume v = p.getFileSystem().volume();
        Stat st = v.lookup(abs(p));
        if (!st.isDirectory()) {
            throw new NotDirectoryException(p.toString());
        }
        List<DirEntry> entries = v.list(st.inode());
        return p.getFileSystem().register(new Listing(p, entries, filter));
    }

    /** A directory's entries, resolved against the path it was opened with, as DirectoryStream requires. */
    private static final class Listing implements DirectoryStream<Path> {
        private final Ext4Path dir;
        private final List<DirEntry> entries;
        private final Filter<? super Path> filter;
        private volatile boolean closed;
        private boolean iterated;

        Listing(Ext4Path dir, List<DirEntry> entries, Filter<? super Path> filter) {
            this.dir = dir;
            this.entries = entries;
            this.filter = filter;
        }

        @Override
        public synchronized Iterator<Path> iterator() {
            if (closed || iterated) {
                throw new IllegalStateException(closed ? "closed" : "iterator() already called");
            }
            iterated = true;
            return new Iterator<>() {
                private int i;
                private Path next;

                @Override
                public boolean hasNext() {
                    while (next == null && !closed && i < entries.size()) {
                        Path p = dir.resolve(entries.get(i++).name());
                        try {
                            if (filter == null || filter.accept(p)) {
                                next = p;
                            }
                        } catch (IOException e) {
                            throw new DirectoryIteratorException(e);
                        }
                    }
                    return next != null;
                }

                @Override
                public Path next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Path p = next;
                    next = null;
                    return p;
                }
            };
        }

        @Override
        public void close() {
            closed = true;
            dir.getFileSystem().unregister(this);
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        cast(dir);
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        cast(link);
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createLink(Path link, Path existing) {
        cast(link);
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        cast(path);
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        cast(source);
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        cast(source);
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        Ext4Path p = cast(link);
        Ext4Volume v = p.getFileSystem().volume();
        Stat st = v.lookup(abs(p), LinkOption.NOFOLLOW_LINKS);
        if (!st.isSymbolicLink()) {
            throw new java.nio.file.NotLinkException(p.toString());
        }
        return Ext4Path.parse(p.getFileSystem(), v.readSymbolicLink(abs(p)));
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        Ext4Path a = cast(path);
        if (a.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof Ext4Path b) || b.getFileSystem() != a.getFileSystem()) {
            return false;
        }
        Ext4Volume v = a.getFileSystem().volume();
        return v.lookup(abs(a)).inode() == v.lookup(abs(b)).inode();
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = cast(path).getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        Ext4Path p = cast(path);
        checkAccess(p);
        return new Ext4FileStore(p.getFileSystem());
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Ext4Path p = cast(path);
        Stat st = p.getFileSystem().volume().lookup(abs(p));
        for (AccessMode m : modes) {
            if (m == AccessMode.WRITE) {
                throw new AccessDeniedException(p.toString(), null, "read-only file system");
            }
            if (m == AccessMode.EXECUTE && !st.isDirectory() && (st.mode() & 0111) == 0) {
                throw new AccessDeniedException(p.toString(), null, "no execute permission");
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        Ext4Path p = cast(path);
        boolean f = follow(options);
        if (type == BasicFileAttributeView.class) {
            return (V) new Ext4Views.Posix(p, f, "basic");
        }
        if (type == PosixFileAttributeView.class) {
            return (V) new Ext4Views.Posix(p, f, "posix");
        }
        if (type == FileOwnerAttributeView.class) {
            return (V) new Ext4Views.Posix(p, f, "owner");
        }
        if (type == UserDefinedFileAttributeView.class) {
            return (V) new Ext4Views.User(p, f);
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        Ext4Path p = cast(path);
        if (type == BasicFileAttributes.class || type == PosixFileAttributes.class) {
            return (A) attributes(p, follow(options));
        }
        throw new UnsupportedOperationException("attributes " + type.getName());
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Ext4Path p = cast(path);
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        String list = colon < 0 ? attributes : attributes.substring(colon + 1);
        if (view.equals("user")) {
            // Values as byte arrays, as the JDK's Linux provider returns them.
            Ext4Views.User u = new Ext4Views.User(p, follow(options));
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (String name : list.equals("*") ? u.list() : List.of(list.split(","))) {
                ByteBuffer b = ByteBuffer.allocate(u.size(name));
                u.read(name, b);
                out.put(name, b.array());
            }
            return out;
        }
        if (!Set.of("basic", "posix", "owner", "unix").contains(view)) {
            throw new UnsupportedOperationException("view " + view);
        }
        return attributes(p, follow(options)).read(view, list);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        cast(path);
        throw new ReadOnlyFileSystemException();
    }
}
