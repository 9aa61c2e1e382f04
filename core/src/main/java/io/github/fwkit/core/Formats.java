package io.github.fwkit.core;

import io.github.fwkit.sparse.SparseImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Format detection: runs every registered {@link FormatProbe} over an image and ranks what they
 * found, strongest first.
 *
 * @since 0.1.0
 */
public final class Formats {
    // Comparators as classes, not lambdas or Comparator.comparing: 'fwkit identify' then starts
    // without the JDK's method-handle set-up (~9 ms).
    private static final Comparator<FormatProbe> BY_FORMAT = new Comparator<>() {
        @Override
        public int compare(FormatProbe a, FormatProbe b) {
            return a.format().compareTo(b.format());
        }
    };

    private static final Comparator<Detection> STRONGEST_FIRST = new Comparator<>() {
        @Override
        public int compare(Detection a, Detection b) {
            int c = Integer.compare(b.strength(), a.strength());
            return c != 0 ? c : a.format().compareTo(b.format());
        }
    };

    private Formats() {
    }

    /** The probes visible to this class's class loader (or module layer), best per format. */
    public static List<FormatProbe> probes() {
        Map<String, FormatProbe> best = new HashMap<>();
        for (FormatProbe p : ServiceLoader.load(FormatProbe.class, Formats.class.getClassLoader())) {
            FormatProbe had = best.get(p.format());
            if (had == null || p.priority() > had.priority()) {
                best.put(p.format(), p);
            }
        }
        List<FormatProbe> list = new ArrayList<>(best.values());
        list.sort(BY_FORMAT);
        return List.copyOf(list);
    }

    /** Detects formats in {@code image}, strongest first; empty when nothing matched. */
    public static List<Detection> detect(ImageReader image) throws IOException {
        List<Detection> found = new ArrayList<>();
        for (FormatProbe p : probes()) {
            try {
                Optional<Detection> d = p.probe(image);
                if (d.isPresent()) {
                    found.add(d.get());
                }
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                // A probe bug must not hide what the other probes found; report it as a weak hit.
                found.add(Detection.of(p.format(), "probe failed: " + e, 0, 0));
            }
        }
        found.sort(STRONGEST_FIRST);
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
