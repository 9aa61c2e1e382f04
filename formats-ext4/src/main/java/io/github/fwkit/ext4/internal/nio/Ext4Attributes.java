package io.github.fwkit.ext4.internal.nio;

import io.github.fwkit.ext4.Stat;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link PosixFileAttributes} of one inode, plus the {@code unix} view's numbers (mode, ino, uid,
 * gid, nlink, rdev, ctime) that Java on Linux offers. Owners are principals named by their
 * numbers: an image's user names live in its own {@code /etc/passwd}, if anywhere.
 */
final class Ext4Attributes implements PosixFileAttributes {
    private final Stat stat;

    Ext4Attributes(Stat stat) {
        this.stat = stat;
    }

    Stat stat() {
        return stat;
    }

    @Override
    public FileTime lastModifiedTime() {
        return FileTime.from(stat.lastModifiedTime());
    }

    @Override
    public FileTime lastAccessTime() {
        return FileTime.from(stat.lastAccessTime());
    }

    @Override
    public FileTime creationTime() {
        return FileTime.from(stat.creationTime().orElse(stat.lastModifiedTime()));
    }

    @Override
    public boolean isRegularFile() {
        return stat.isRegularFile();
    }

    @Override
    public boolean isDirectory() {
        return stat.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
        return stat.isSymbolicLink();
    }

    @Override
    public boolean isOther() {
        return !stat.isRegularFile() && !stat.isDirectory() && !stat.isSymbolicLink();
    }

    @Override
    public long size() {
        return stat.size();
    }

    @Override
    public Object fileKey() {
        return stat.inode();
    }

    @Override
    public UserPrincipal owner() {
        return new Id(Long.toString(stat.uid()), false);
    }

    @Override
    public GroupPrincipal group() {
        return new Id(Long.toString(stat.gid()), true);
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return stat.permissions();
    }

    /** A user or group known only by number. */
    record Id(String getName, boolean isGroup) implements GroupPrincipal {
    }

    /** The attributes of a view by name, as {@code Files.readAttributes(path, "view:a,b")} wants them. */
    Map<String, Object> read(String view, String list) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lastModifiedTime", lastModifiedTime());
        all.put("lastAccessTime", lastAccessTime());
        all.put("creationTime", creationTime());
        all.put("size", size());
        all.put("isRegularFile", isRegularFile());
        all.put("isDirectory", isDirectory());
        all.put("isSymbolicLink", isSymbolicLink());
        all.put("isOther", isOther());
        all.put("fileKey", fileKey());
        if (view.equals("owner") || view.equals("posix") || view.equals("unix")) {
            all.put("owner", owner());
        }
        if (view.equals("owner")) {
            all.keySet().retainAll(Set.of("owner"));
        }
        if (view.equals("posix") || view.equals("unix")) {
            all.put("permissions", permissions());
            all.put("group", group());
        }
        if (view.equals("unix")) {
            all.put("mode", stat.mode());
            all.put("ino", stat.inode());
            all.put("dev", 0L);
            all.put("rdev", ((long) stat.deviceMajor() << 8) | (stat.deviceMinor() & 0xff)
                    | ((long) (stat.deviceMinor() & ~0xff) << 12));
            all.put("nlink", stat.links());
            all.put("uid", (int) stat.uid());
            all.put("gid", (int) stat.gid());
            all.put("ctime", FileTime.from(stat.changeTime()));
        }
        if (list.equals("*")) {
            return all;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : list.split(",")) {
            if (a.equals("*")) {
                out.putAll(all);
            } else if (all.containsKey(a)) {
                out.put(a, all.get(a));
            } else {
                throw new IllegalArgumentException("'" + a + "' is not an attribute of the " + view + " view");
            }
        }
        return out;
    }
}
