package io.github.fwkit.sprd;

import io.github.fwkit.core.ExtractionRoot;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.sprd.internal.Names;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * "ZIP-PACs": {@code .pac} files that are ZIP archives ({@code PK\3\4} at 0). Unisoc's Perl
 * tools unzip such files first and work on the package inside; this lists and unpacks them with
 * {@code java.util.zip}, so the {@code .pac} inside can then be {@link Pac#open opened}.
 *
 * <p>Member names are untrusted: each path component is sanitised like PAC entry names and the
 * result resolved under an {@link ExtractionRoot}; files appear through {@link SafeOutput}. The
 * bytes actually inflated are counted against a limit (ZIP bombs declare small sizes).
 *
 * @since 0.1.0
 */
public final class ZipPac {
    /** Default limit on the bytes an unpack may write: 64 GiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 30;

    private ZipPac() {
    }

    /**
     * A member of the archive.
     *
     * @param name the stored name
     * @param size the declared uncompressed size, or -1 when unknown
     * @param compressedSize the declared compressed size, or -1
     * @param directory whether it is a folder entry
     */
    public record Member(String name, long size, long compressedSize, boolean directory) {
        /** Whether the name ends in {@code .pac}. */
        public boolean isPac() {
            return name.toLowerCase(Locale.ROOT).endsWith(".pac");
        }
    }

    /** The members, in archive order. */
    public static List<Member> list(Path zip) throws IOException {
        try (ZipFile z = open(zip)) {
            List<Member> out = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                out.add(new Member(e.getName(), e.getSize(), e.getCompressedSize(), e.isDirectory()));
            }
            return List.copyOf(out);
        }
    }

    /**
     * Unpacks every file member into {@code dir} (created if missing), names sanitised, folders
     * kept.
     *
     * @param maxBytes most bytes to write in all
     * @return the files written, in archive order
     * @throws LimitExceededException if the members inflate to more than {@code maxBytes}
     */
    public static List<Path> extract(Path zip, Path dir, long maxBytes, ProgressListener progress) throws IOException {
        ExtractionRoot root = ExtractionRoot.of(dir);
        List<Path> written = new ArrayList<>();
        long total = 0;
        try (ZipFile z = open(zip)) {
            long declared = 0;
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                declared += Math.max(0, en.nextElement().getSize());
            }
            en = z.entries();
            byte[] buf = new byte[128 << 10];
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                Path target = root.resolve(safePath(e.getName(), written.size()));
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e); SafeOutput out = SafeOutput.create(target, List.of(zip))) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new LimitExceededException("zip", -1, "/zip/" + e.getName(), "maxBytes", maxBytes);
                        }
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                        while (bb.hasRemaining()) {
                            out.channel().write(bb);
                        }
                        progress.progress(Math.min(total, Math.max(declared, total)), Math.max(declared, total));
                    }
                    out.commit();
                } catch (ZipException x) {
                    throw new FormatException("zip", -1, "/zip/" + e.getName(), "damaged member: " + x.getMessage(), x);
                }
                written.add(target);
            }
        }
        return List.copyOf(written);
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new FormatException("zip", -1, "/zip", zip.getFileName() + " starts like a ZIP archive but is not"
                    + " readable as one: " + e.getMessage(), e);
        }
    }

    /** Each component made safe; empty, {@code .} and {@code ..} components dropped. */
    static String safePath(String name, int index) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("[/\\\\]")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                continue;
            }
            String safe = Names.safeComponent(part, "_");
            sb.append(sb.length() == 0 ? "" : "/").append(safe);
        }
        return sb.length() == 0 ? "member" + index : sb.toString();
    }
}
