package io.github.fwkit.sprd;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.sprd.internal.Names;
import io.github.fwkit.sprd.internal.Sniffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code *.flag} file from Spreadtrum's ResearchDownload / UpgradeDownload is.
 *
 * <p>Two unrelated kinds share the suffix (spec sections 11-12):
 * <ul>
 * <li><b>0-byte placeholders</b>: when the tool unpacks a PAC, blobs above {@code MaxDataLength}
 *     (50 MiB by default) are not written out; a hidden, empty {@code <name>.flag} stands in and the
 *     GUI streams the data from the PAC. The data is the PAC entry of that name
 *     ({@link #placeholderEntry}).</li>
 * <li><b>Read-backs</b>: "Read flash" saves the raw bytes of a partition as
 *     {@code <extracted name>_COM<port>.flag}, e.g. {@code system.img_COM5.flag}: a headerless,
 *     non-sparse dump of the whole partition. Loading such a file into a row fails with
 *     "Init BMFiles failed!" (the GUI treats any {@code .flag} as "load from PAC"), or silently
 *     flashes the PAC's own image when the PAC has an entry of that name.
 *     {@link FlagConverter} turns it into a flashable image.</li>
 * </ul>
 *
 * <p>Get one with {@link #inspect(Path)}. Immutable.
 *
 * @param fileName the file name (no folders)
 * @param flagSuffix the {@code .flag} suffix as found, e.g. {@code .flag} or {@code .FLAG}, or
 *     empty when the name has none
 * @param imageName the image name behind the decorations: {@code system.img_COM5.flag} →
 *     {@code system.img}
 * @param partition the partition the name suggests, lower case: {@code system}
 * @param comPort the port of a {@code _COM<n>} read-back name, or -1
 * @param duplicateIndex {@code n} of a {@code name(n).flag} placeholder, else 0
 * @param size the file's length
 * @param kind placeholder, read-back or other
 * @param content what the bytes are
 * @param payload what is behind a DHTB header or inside a sparse image ({@code UNKNOWN} otherwise)
 * @param ext4 the ext4 superblock summary, for ext4 content (raw or inside sparse)
 * @param avbFooter the AVB footer, if the image ends with one
 * @param notes explanations and next steps, for people
 * @since 0.1.0
 */
public record FlagFile(String fileName, String flagSuffix, String imageName, String partition, int comPort,
                       int duplicateIndex, long size, Kind kind, ImageContent content, ImageContent payload,
                       Optional<Ext4Summary> ext4, Optional<AvbFooter> avbFooter, List<String> notes) {

    /** The kinds of {@code .flag} file. */
    public enum Kind {
        /** A 0-byte {@code .flag}: the data is in the PAC entry of the same base name. */
        PLACEHOLDER,
        /** A non-empty {@code .flag}: a raw partition read-back (or a renamed image). */
        READ_BACK,
        /** The name does not end in {@code .flag}; content sniffed all the same. */
        OTHER
    }

    public FlagFile {
        Objects.requireNonNull(fileName, "fileName");
        notes = List.copyOf(notes);
    }

    /** Inspects a file: its name and, when it has bytes, its content. */
    public static FlagFile inspect(Path file) throws IOException {
        try (ImageReader r = ImageReader.openRaw(file)) {
            return inspect(file.getFileName().toString(), r);
        }
    }

    /** Inspects bytes that were stored under {@code fileName}. */
    public static FlagFile inspect(String fileName, ImageReader bytes) throws IOException {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String stripped = Names.stripFlag(name);
        String suffix = name.substring(stripped.length());
        Object[] com = Names.splitComPort(stripped);
        Object[] dup = Names.splitDuplicate((String) com[0]);
        String image = Names.imageName(name);
        String partition = Names.partition(name);
        long size = bytes.size();
        Kind kind = suffix.isEmpty() ? Kind.OTHER : size == 0 ? Kind.PLACEHOLDER : Kind.READ_BACK;
        Sniffer.Result s = Sniffer.sniff(bytes);
        List<String> notes = new ArrayList<>(s.notes());
        int port = (Integer) com[1];
        if (kind == Kind.PLACEHOLDER) {
            notes.add("a 0-byte placeholder: ResearchDownload writes these (hidden) when it unpacks a PAC and keeps"
                    + " blobs above MaxDataLength (50 MiB) inside the PAC; the data is the PAC entry named \"" + image
                    + "\"" + ((Integer) dup[1] > 0 ? " (occurrence " + ((Integer) dup[1] + 1) + ")" : "")
                    + ": extract it with fwkit pac extract PAC OUT_DIR \"" + image + "\"");
        } else if (kind == Kind.READ_BACK) {
            notes.add("a read-back of partition " + partition + (port >= 0 ? " via COM" + port : "")
                    + " (ResearchDownload \"Read flash\"); the flash tool treats every .flag file as \"load from"
                    + " PAC\": loading it fails with \"Init BMFiles failed!\", or flashes the PAC's own image instead;"
                    + " convert it (fwkit flag convert) and load the result under a plain name");
            if (s.content() == ImageContent.ANDROID_SPARSE) {
                notes.add("the content is already an Android sparse image, so this is a renamed image rather than a"
                        + " raw read-back; renaming it without .flag is enough");
            }
        }
        if (s.ext4().isPresent()) {
            Ext4Summary e = s.ext4().get();
            long expanded = s.content() == ImageContent.ANDROID_SPARSE ? -1 : size;
            if (expanded >= 0 && e.fsBytes() > expanded) {
                notes.add("the file system claims " + e.fsBytes() + " bytes but the image has " + expanded
                        + ": the read-back is truncated");
            } else if (expanded > e.fsBytes()) {
                notes.add("the image has " + (expanded - e.fsBytes()) + " bytes after the file system ("
                        + (s.avb().isPresent() ? "AVB hash tree and footer: keep them" : "unused partition space;"
                        + " --trim cuts it") + ")");
            }
        }
        return new FlagFile(name, suffix, image, partition, port, (Integer) dup[1], size, kind, s.content(),
                s.payload(), s.ext4(), s.avb(), notes);
    }

    /**
     * The PAC entry a placeholder stands for (see {@link Pac#placeholderEntry}). Read-backs have
     * an entry of the same name too: the one the flash tool would flash instead.
     */
    public Optional<PacEntry> placeholderEntry(Pac pac) {
        return pac.placeholderEntry((String) Names.splitComPort(Names.stripFlag(fileName))[0]);
    }

    /** Whether the content can be flashed as an Android partition image (raw or sparse). */
    public boolean isImage() {
        return content != ImageContent.EMPTY;
    }
}
