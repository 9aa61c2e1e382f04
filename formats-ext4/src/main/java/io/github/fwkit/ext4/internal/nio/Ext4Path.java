package io.github.fwkit.ext4.internal.nio;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path in an {@link Ext4FileSystem}: {@code /}-separated names, absolute when it starts with
 * {@code /}. Purely syntactic like every {@link Path}; the volume is consulted only by
 * {@link #toRealPath} and the provider. Immutable.
 */
final class Ext4Path implements Path {
    private final Ext4FileSystem fs;
    private final boolean absolute;
    private final String[] names;

    Ext4Path(Ext4FileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    /** Parses a path string: repeated and trailing slashes are dropped, {@code .} and {@code ..} kept. */
    static Ext4Path parse(Ext4FileSystem fs, String s) {
        if (s.indexOf('\0') >= 0) {
            throw new java.nio.file.InvalidPathException(s, "contains NUL");
        }
        List<String> parts = new ArrayList<>();
        for (String p : s.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return new Ext4Path(fs, s.startsWith("/"), parts.toArray(new String[0]));
    }

    String[] names() {
        return names;
    }

    private static Ext4Path cast(Path p) {
        if (!(p instanceof Ext4Path e)) {
            throw new ProviderMismatchException(p == null ? "null" : p.getClass().getName());
        }
        return e;
    }

    @Override
    public Ext4FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new Ext4Path(fs, true, new String[0]) : null;
    }

    @Override
    public Path getFileName() {
        if (names.length == 0) {
            return null;
        }
        return new Ext4Path(fs, false, new String[] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return null;
        }
        return new Ext4Path(fs, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        if (index < 0 || index >= names.length) {
            throw new IllegalArgumentException("index " + index);
        }
        return new Ext4Path(fs, false, new String[] {names[index]});
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || endIndex > names.length || beginIndex >= endIndex) {
            throw new IllegalArgumentException(beginIndex + ".." + endIndex);
        }
        return new Ext4Path(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof Ext4Path o) || o.fs != fs || o.absolute != absolute || o.names.length > names.length) {
            return false;
        }
        return Arrays.equals(names, 0, o.names.length, o.names, 0, o.names.length);
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof Ext4Path o) || o.fs != fs || o.names.length > names.length
                || (o.absolute && (!absolute || o.names.length != names.length))) {
            return false;
        }
        int off = names.length - o.names.length;
        return Arrays.equals(names, off, names.length, o.names, 0, o.names.length);
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    continue;
                }
                if (absolute) {
                    continue;
                }
            }
            out.add(n);
        }
        return new Ext4Path(fs, absolute, out.toArray(new String[0]));
    }

    @Override
    public Path resolve(Path other) {
        Ext4Path o = cast(other);
        if (o.absolute) {
            return o;
        }
        if (o.names.length == 0) {
            return this;
        }
        String[] n = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, n, names.length, o.names.length);
        return new Ext4Path(fs, absolute, n);
    }

    @Override
    public Path resolve(String other) {
        return resolve(parse(fs, other));
    }

    @Override
    public Path relativize(Path other) {
        Ext4Path o = cast(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("one path is absolute and the other is not");
        }
        int common = 0;
        while (common < names.length && common < o.names.length && names[common].equals(o.names[common])) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.length; i++) {
            out.add("..");
        }
        out.addAll(Arrays.asList(o.names).subList(common, o.names.length));
        return new Ext4Path(fs, false, out.toArray(new String[0]));
    }

    @Override
    public URI toUri() {
        try {
            return new URI(Ext4FileSystemProvider.SCHEME, fs.imageUri() + "!" + toAbsolutePath(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Ext4Path toAbsolutePath() {
        return absolute ? this : new Ext4Path(fs, true, names);
    }

    /** Follows every symbolic link (unless told not to) and removes {@code .} and {@code ..}; the file must exist. */
    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        boolean follow = !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
        fs.ensureOpen();
        List<String> todo = new ArrayList<>(Arrays.asList(toAbsolutePath().names));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String n = todo.remove(0);
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(n);
            String p = "/" + String.join("/", done);
            var st = fs.volume().lookup(p, LinkOption.NOFOLLOW_LINKS);
            if (st.isSymbolicLink() && (follow || !todo.isEmpty())) {
                if (++links > fs.volume().options().maxSymlinkDepth()) {
                    throw new FileSystemException(toString(), null, "too many levels of symbolic links");
                }
                String target = fs.volume().readSymbolicLink(p);
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                Ext4Path t = parse(fs, target);
                todo.addAll(0, Arrays.asList(t.names));
            }
        }
        return new Ext4Path(fs, true, done.toArray(new String[0]));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("an ext4 image is read-only: nothing to watch");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(cast(other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ext4Path p && p.fs == fs && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(absolute, Arrays.hashCode(names));
    }

    @Override
    public String toString() {
        String s = String.join("/", names);
        return absolute ? "/" + s : s;
    }
}
