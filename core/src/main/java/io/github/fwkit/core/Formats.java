package io.github.fwkit.core;

import io.github.fwkit.sparse.SparseImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Format detection: runs every registered {@link FormatProbe} over an image and ranks what they
 * found, strongest first.
 *
 * @since 0.1.0
 */
public final class Formats {
    private Formats() {
    }

    /** The probes visible to this class's class loader (or module layer), best per format. */
    public static List<FormatProbe> probes() {
        Map<String, FormatProbe> best = new HashMap<>();
        for (FormatProbe p : ServiceLoader.load(FormatProbe.class, Formats.class.getClassLoader())) {
            best.merge(p.format(), p, (a, b) -> b.priority() > a.priority() ? b : a);
        }
        List<FormatProbe> list = new ArrayList<>(best.values());
        list.sort(Comparator.comparing(FormatProbe::format));
        return List.copyOf(list);
    }

    /** Detects formats in {@code image}, strongest first; empty when nothing matched. */
    public static List<Detection> detect(ImageReader image) throws IOException {
        List<Detection> found = new ArrayList<>();
        for (FormatProbe p : probes()) {
            try {
                p.probe(image).ifPresent(found::add);
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                // A probe bug must not hide what the other probes found; report it as a weak hit.
                found.add(Detection.of(p.format(), "probe failed: " + e, 0, 0));
            }
        }
        found.sort(Comparator.comparingInt(Detection::strength).reversed().thenComparing(Detection::format));
        return List.copyOf(found);
    }

    /**
     * Detects formats in a file. An Android sparse image is also looked into: the detections of
     * its expanded content are attached as the sparse detection's
     * {@link Detection#contents() contents}.
     */
    public static List<Detection> detect(Path path) throws IOException {
        try (ImageReader raw = ImageReader.openRaw(path)) {
            List<Detection> outer = detect(raw);
            if (!SparseImage.matches(raw)) {
                return outer;
            }
            List<Detection> inner;
            try {
                inner = detect(SparseImage.read(raw).expanded());
            } catch (FormatException e) {
                inner = List.of(Detection.of("error", e.getMessage(), Math.max(0, e.offset()), 0));
            }
            List<Detection> out = new ArrayList<>();
            for (Detection d : outer) {
                out.add(d.format().equals(SparseImage.FORMAT) ? d.withContents(inner) : d);
            }
            return List.copyOf(out);
        }
    }
}
