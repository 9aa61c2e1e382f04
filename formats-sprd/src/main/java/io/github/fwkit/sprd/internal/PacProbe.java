package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacFinding;
import io.github.fwkit.sprd.PacReadOptions;

import java.io.IOException;
import java.util.Optional;

/**
 * The PAC probe of this module: replaces core's header-only {@code sprd-pac} probe (same format
 * name, higher priority) with one that reads the file table and config XML leniently, so
 * {@code fwkit identify} can say how many files the package holds, which product the XML
 * describes and what looks wrong. Reads the header, the table and the XML; never a blob.
 */
public final class PacProbe implements FormatProbe {
    private static final int PRIORITY = 10;

    public PacProbe() {
    }

    @Override
    public String format() {
        return Layout.FORMAT;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        if (!Pac.matches(image)) {
            return Optional.empty();
        }
        Pac pac;
        try {
            pac = Pac.read(image, PacReadOptions.LENIENT);
        } catch (FormatException e) {
            return Optional.of(Detection.of(Layout.FORMAT, cut("PAC header, but unreadable: " + e.getMessage()), 0, 40));
        }
        StringBuilder sb = new StringBuilder("PAC ").append(PacParser.printable(pac.header().version()));
        sb.append(", product \"").append(PacParser.printable(pac.header().productName())).append('"');
        if (!pac.header().productVersion().isEmpty()) {
            sb.append(" \"").append(PacParser.printable(pac.header().productVersion())).append('"');
        }
        int files = 0;
        long bytes = 0;
        int sparse = 0;
        for (PacEntry e : pac.entries()) {
            if (e.hasData()) {
                files++;
                bytes += e.size();
                if (pac.isSparse(e)) {
                    sparse++;
                }
            }
        }
        sb.append(", ").append(pac.entries().size()).append(" entries (").append(files).append(" with data");
        if (sparse > 0) {
            sb.append(", ").append(sparse).append(" sparse");
        }
        sb.append(", ").append(bytes).append(" bytes)");
        if (pac.header().isEncrypted()) {
            sb.append(", encrypted table");
        }
        pac.config().ifPresent(c -> sb.append(", XML: ").append(c.products().size()).append(" product(s)"));
        long errors = pac.findings().stream().filter(f -> f.severity() == PacFinding.Severity.ERROR).count();
        long warnings = pac.findings().stream().filter(f -> f.severity() == PacFinding.Severity.WARNING).count();
        if (errors + warnings > 0) {
            sb.append("; ").append(errors).append(" error(s), ").append(warnings).append(" warning(s), first: ")
                    .append(pac.findings().stream().filter(f -> f.severity() != PacFinding.Severity.INFO)
                            .findFirst().map(PacFinding::message).orElse(""));
        }
        int strength = errors > 0 ? 70 : pac.header().hasMagic() ? 100 : 80;
        return Optional.of(Detection.of(Layout.FORMAT, cut(sb.toString()), 0, strength));
    }

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 397) + "..." : s;
    }
}
