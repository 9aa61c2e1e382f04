package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.VolumeInfo;

import java.io.IOException;
import java.util.Optional;

/**
 * The ext4 probe of this module: replaces core's superblock-only probe (same format name, higher
 * priority) with one that opens the volume leniently (superblock and group descriptors, a few
 * blocks) and summarises what {@code Ext4Volume.info()} says, or why it cannot be opened.
 */
public final class Ext4VolumeProbe implements FormatProbe {
    private static final int STRONG = 100;
    private static final int DAMAGED = 50;

    public Ext4VolumeProbe() {
    }

    @Override
    public String format() {
        return "ext4";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        if (image.size() < 2048 || image.u16le(0x438) != 0xEF53) {
            return Optional.empty();
        }
        // Strict first, so damage shows; then lenient, so a truncated or damaged volume still gets a summary.
        String problem = null;
        VolumeInfo info = null;
        for (Ext4Options o : new Ext4Options[] {Ext4Options.STRICT, Ext4Options.LENIENT}) {
            try (Fs fs = Fs.open(image, o.withMaxGroups(1 << 16), false)) {
                info = fs.info();
                break;
            } catch (FormatException e) {
                if (problem == null) {
                    problem = e.getMessage();
                }
            }
        }
        if (info == null) {
            return Optional.of(Detection.of("ext4", "ext2/3/4 superblock, but " + problem, 0, DAMAGED));
        }
        StringBuilder s = new StringBuilder(info.kind());
        if (!info.label().isEmpty()) {
            s.append(", label \"").append(info.label()).append('"');
        }
        s.append(", block size ").append(info.blockSize()).append(", ").append(info.blocksCount()).append(" blocks (")
                .append(size(info.filesystemBytes())).append("), ").append(info.inodesCount()).append(" inodes, ")
                .append(info.inodesCount() - info.freeInodes()).append(" used, UUID ").append(info.uuid());
        if (!info.lastMounted().isEmpty()) {
            s.append(", last mounted on \"").append(info.lastMounted()).append('"');
        }
        s.append(", features ").append(String.join(" ", info.features()));
        if (info.imageBytes() > info.filesystemBytes()) {
            s.append(", ").append(size(info.imageBytes() - info.filesystemBytes())).append(" after the file system");
        }
        for (String w : info.warnings()) {
            s.append("; ").append(w);
        }
        if (problem != null) {
            s.append("; strict reading fails: ").append(problem);
        }
        return Optional.of(Detection.of("ext4", s.toString(), 0, problem == null ? STRONG : DAMAGED));
    }

    private static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return bytes + " bytes";
        }
        // one decimal by hand: String.format's first use compiles a regex (~10 ms of 'fwkit identify')
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10 + " " + units[u];
    }
}
