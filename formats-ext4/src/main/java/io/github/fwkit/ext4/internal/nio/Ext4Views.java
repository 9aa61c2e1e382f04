package io.github.fwkit.ext4.internal.nio;

import io.github.fwkit.ext4.Xattr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.LinkOption;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The attribute views of the provider: read from the volume when asked, never written. */
final class Ext4Views {
    private Ext4Views() {
    }

    /** basic, posix and owner in one class (each is a sub-interface of the one before). */
    static final class Posix implements PosixFileAttributeView {
        private final Ext4Path path;
        private final boolean follow;
        private final String name;

        Posix(Ext4Path path, boolean follow, String name) {
            this.path = path;
            this.follow = follow;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Ext4Attributes readAttributes() throws IOException {
            return Ext4FileSystemProvider.attributes(path, follow);
        }

        @Override
        public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public void setPermissions(Set<PosixFilePermission> perms) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public void setGroup(GroupPrincipal group) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public UserPrincipal getOwner() throws IOException {
            return readAttributes().owner();
        }

        @Override
        public void setOwner(UserPrincipal owner) {
            throw new ReadOnlyFileSystemException();
        }
    }

    /**
     * Extended attributes in the {@code user.} namespace, names without the prefix, as the JDK
     * on Linux shows them. (Other namespaces, such as Android's {@code security.selinux}, are in
     * {@code Ext4Volume.xattrs}.)
     */
    static final class User implements UserDefinedFileAttributeView {
        private static final String PREFIX = "user.";
        private final Ext4Path path;
        private final boolean follow;

        User(Ext4Path path, boolean follow) {
            this.path = path;
            this.follow = follow;
        }

        @Override
        public String name() {
            return "user";
        }

        private List<Xattr> all() throws IOException {
            Ext4FileSystem fs = path.getFileSystem();
            return fs.volume().xattrs(path.toAbsolutePath().toString(), follow ? new LinkOption[0]
                    : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
        }

        private Xattr find(String name) throws IOException {
            for (Xattr x : all()) {
                if (x.name().equals(PREFIX + name)) {
                    return x;
                }
            }
            throw new java.nio.file.FileSystemException(path.toString(), null, "no attribute user." + name);
        }

        @Override
        public List<String> list() throws IOException {
            List<String> out = new ArrayList<>();
            for (Xattr x : all()) {
                if (x.name().startsWith(PREFIX)) {
                    out.add(x.name().substring(PREFIX.length()));
                }
            }
            return out;
        }

        @Override
        public int size(String name) throws IOException {
            return find(name).size();
        }

        @Override
        public int read(String name, ByteBuffer dst) throws IOException {
            byte[] v = find(name).value();
            if (dst.remaining() < v.length) {
                throw new IOException("attribute user." + name + " has " + v.length + " bytes, the buffer room for "
                        + dst.remaining());
            }
            dst.put(v);
            return v.length;
        }

        @Override
        public int write(String name, ByteBuffer src) {
            throw new ReadOnlyFileSystemException();
        }

        @Override
        public void delete(String name) {
            throw new ReadOnlyFileSystemException();
        }
    }
}
