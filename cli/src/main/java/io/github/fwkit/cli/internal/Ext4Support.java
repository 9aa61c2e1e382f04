package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.FileType;
import io.github.fwkit.ext4.Stat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * What the {@code ext4} commands share: opening an image with the right advice (a 0-byte
 * {@code .flag} placeholder, a file that is not ext4, a damaged volume that {@code --lenient} may
 * still read), {@code ls -l}-style lines and JSON for one inode. Times are shown in UTC, without
 * {@link java.time.format.DateTimeFormatter} (startup).
 */
final class Ext4Support {
    private Ext4Support() {
    }

    /** Opens {@code file} (raw, Android sparse or {@code .flag}) after refusing an empty file with advice. */
    static Ext4Volume open(Path file, boolean lenient) throws IOException {
        BaseCommand.checkInput(file);
        if (Files.size(file) == 0) {
            PacSupport.refusePlaceholder(file, null); // always throws for an empty file
        }
        return Ext4Volume.open(file, lenient ? Ext4Options.LENIENT : Ext4Options.STRICT);
    }

    /**
     * The inode at {@code path} in {@code vol}; a missing path is reported with the image's name
     * ({@code system.img: /etc/nope: no such file or directory}).
     */
    static Stat lookup(Ext4Volume vol, Path file, String path, LinkOption... options) throws IOException {
        try {
            return vol.lookup(path, options);
        } catch (NoSuchFileException e) {
            NoSuchFileException n = new NoSuchFileException(file + ": " + path);
            n.initCause(e);
            throw n;
        }
    }

    /** The description of {@code --lenient}, the same for every ext4 command that reads. */
    static final String LENIENT_HELP = "Read a damaged image as far as possible: no checksum verification, blocks past"
            + " the end read as zeros, broken directory blocks yield the entries before the damage.";

    /**
     * Advice after an error while reading {@code file}, or null for the generic advice: not ext4 →
     * identify; damaged → --lenient (if not already given) and check; unsupported feature.
     */
    static String hint(Exception e, Path file, boolean lenient) {
        if (file == null) {
            return null;
        }
        String f = Cli.quote(file.toString());
        if (e instanceof NoSuchFileException && ((NoSuchFileException) e).getFile() != null
                && !((NoSuchFileException) e).getFile().equals(file.toString())) {
            return "'fwkit ext4 ls " + f + " /' lists the top folder; 'fwkit ext4 ls -R " + f
                    + "' lists everything";
        }
        if (e instanceof LimitExceededException) {
            return null;
        }
        if (e instanceof UnsupportedFormatException) {
            return "this volume uses a feature fwkit cannot read here (see the message); 'fwkit ext4 info " + f
                    + "' lists its features, and 'fwkit ext4 ls' and 'extract' still reach what is readable";
        }
        if (e instanceof FormatException) {
            FormatException fe = (FormatException) e;
            if (fe.getMessage() != null && fe.getMessage().contains("0-byte placeholder")) {
                return null; // the message says where the data is
            }
            if (fe.path().equals("/superblock/s_magic") || !"ext4".equals(fe.format())) {
                return "this is not an ext2/3/4 file system image; 'fwkit identify " + f + "' tells what it is";
            }
            if (!lenient) {
                return "the volume is damaged here; '--lenient' reads past checksum errors, and 'fwkit ext4 check "
                        + f + "' lists every problem";
            }
            return "'fwkit ext4 check " + f + "' lists every problem the volume has";
        }
        return null;
    }

    /** {@code s} without control characters (shown as {@code ?}, as {@code ls} does on a terminal). */
    static String printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                StringBuilder sb = new StringBuilder(s.length());
                for (int k = 0; k < s.length(); k++) {
                    char d = s.charAt(k);
                    sb.append(d < 0x20 || d == 0x7f ? '?' : d);
                }
                return sb.toString();
            }
        }
        return s;
    }

    /** {@code 2020-01-01 00:00} (UTC), as {@code ls -l --time-style=long-iso} with TZ=UTC. */
    static String minutes(Instant t) {
        return dateTime(t).substring(0, 16);
    }

    /** {@code 2020-01-01 00:00:00.123456789 UTC}, as {@code stat} prints times. */
    static String full(Instant t) {
        String nanos = Integer.toString(t.getNano());
        return dateTime(t) + "." + "0".repeat(9 - nanos.length()) + nanos + " UTC";
    }

    private static String dateTime(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(19);
        int y = d.getYear();
        if (y >= 0 && y < 1000) {
            sb.append("0".repeat(y < 10 ? 3 : y < 100 ? 2 : 1));
        }
        sb.append(y).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append(' ');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond());
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }

    /** The mode in octal with four digits, e.g. {@code 0755}. */
    static String octal(int mode) {
        String o = Integer.toOctalString(mode & 07777);
        return "0".repeat(Math.max(0, 4 - o.length())) + o;
    }

    /** The type in JSON: {@code regular}, {@code directory}, {@code symlink}, {@code char_device}, ... */
    static String type(FileType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    /** The target of a symbolic link, decoded as UTF-8; empty if it cannot be read. */
    static String target(Ext4Volume vol, Stat st) {
        try {
            return new String(vol.readSymbolicLink(st.inode()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The size column: the byte size, or {@code major, minor} for a device. */
    static String sizeColumn(Stat st) {
        if (st.type() == FileType.CHAR_DEVICE || st.type() == FileType.BLOCK_DEVICE) {
            return st.deviceMajor() + ", " + st.deviceMinor();
        }
        return Long.toString(st.size());
    }

    /** The fields of one entry in ls and stat JSON. */
    static void writeEntry(Json j, Ext4Volume vol, String path, DirEntry e, Stat st) {
        j.field("name", e == null ? path : e.name())
                .field("path", path)
                .field("inode", st.inode())
                .field("type", type(st.type()))
                .field("mode", st.mode())
                .field("mode_string", st.modeString())
                .field("links", st.links())
                .field("uid", st.uid())
                .field("gid", st.gid())
                .field("size", st.size())
                .field("mtime", st.lastModifiedTime().getEpochSecond());
        j.field("target", st.isSymbolicLink() ? target(vol, st) : null);
        if (e != null && !e.isUtf8()) {
            j.name("name_bytes").beginArray();
            for (byte b : e.nameBytes()) {
                j.value(b & 0xff);
            }
            j.endArray();
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A usage-style error for a path of the wrong type, e.g. cat on a directory. */
    static FileSystemException wrongType(String path, String what) {
        return new FileSystemException(path, null, what);
    }
}
