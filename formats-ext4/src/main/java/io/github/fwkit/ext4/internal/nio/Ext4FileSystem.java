package io.github.fwkit.ext4.internal.nio;

import io.github.fwkit.ext4.Ext4Volume;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A read-only {@link FileSystem} over one {@link Ext4Volume}. It owns the volume and everything
 * it hands out: {@link #close()} closes every channel, stream and directory stream still open,
 * then the volume, and later operations throw {@link ClosedFileSystemException}.
 * Thread-safe: the volume is, and the set of open resources is concurrent.
 */
final class Ext4FileSystem extends FileSystem {
    private final Ext4FileSystemProvider provider;
    private final Ext4Volume volume;
    private final URI imageUri;
    private final Object key;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Ext4FileSystem(Ext4FileSystemProvider provider, Ext4Volume volume, URI imageUri, Object key) {
        this.provider = provider;
        this.volume = volume;
        this.imageUri = imageUri;
        this.key = key;
    }

    Ext4Volume volume() {
        ensureOpen();
        return volume;
    }

    URI imageUri() {
        return imageUri;
    }

    void ensureOpen() {
        if (closed) {
            throw new ClosedFileSystemException();
        }
    }

    /** Remembers a resource so {@link #close()} can close it; returns it. */
    <T extends Closeable> T register(T c) {
        open.add(c);
        if (closed) {
            // Closed meanwhile: do not hand out a resource that would outlive the file system.
            open.remove(c);
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new ClosedFileSystemException();
        }
        return c;
    }

    void unregister(Closeable c) {
        open.remove(c);
    }

    @Override
    public Ext4FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        provider.removeFileSystem(key, this);
        IOException failure = null;
        for (Closeable c : List.copyOf(open)) {
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        try {
            volume.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        ensureOpen();
        return List.of(new Ext4Path(this, true, new String[0]));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        ensureOpen();
        return List.of(new Ext4FileStore(this));
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic", "posix", "owner", "unix", "user");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String m : more) {
            if (!m.isEmpty()) {
                sb.append('/').append(m);
            }
        }
        return Ext4Path.parse(this, sb.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected syntax:pattern, got " + syntaxAndPattern);
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String pattern = syntaxAndPattern.substring(colon + 1);
        Pattern p;
        if (syntax.equalsIgnoreCase("glob")) {
            p = Pattern.compile(Globs.toRegex(pattern));
        } else if (syntax.equalsIgnoreCase("regex")) {
            p = Pattern.compile(pattern);
        } else {
            throw new UnsupportedOperationException("syntax " + syntax + " (glob and regex are supported)");
        }
        return path -> p.matcher(path.toString()).matches();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("owners of an ext4 image are numbers; read them with \"unix:uid\"");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("an ext4 image is read-only: nothing to watch");
    }

    @Override
    public String toString() {
        return "Ext4FileSystem[" + imageUri + (closed ? ", closed" : "") + "]";
    }
}
