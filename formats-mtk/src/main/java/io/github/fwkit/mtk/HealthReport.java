package io.github.fwkit.mtk;

import java.util.List;
import java.util.Objects;

/**
 * How healthy a readback is: a verdict, a score and the findings behind them.
 *
 * <p>The score starts at 100 and loses {@value #ERROR_PENALTY} per error and
 * {@value #WARNING_PENALTY} per warning, never going below 0; informational findings cost
 * nothing. Blank space is judged per region, so a healthy 16 MiB dump that is 70 % 0xFF (the
 * usual case: code ends near 5 MiB and the file system is mostly empty) scores 100.
 *
 * @param verdict the overall judgement
 * @param score 0 to 100
 * @param findings every finding, errors first, then by offset
 * @since 0.1.0
 */
public record HealthReport(Verdict verdict, int score, List<Finding> findings) {
    /** Points an error costs. */
    public static final int ERROR_PENALTY = 25;
    /** Points a warning costs. */
    public static final int WARNING_PENALTY = 5;

    /** The overall judgement. */
    public enum Verdict {
        /** No errors and no warnings. */
        HEALTHY,
        /** Warnings only: the kit is usable, something is missing or odd (e.g. user data not read). */
        USABLE,
        /** At least one error: truncated images, bad signatures, blank sectors in code, wrong placement. */
        DAMAGED,
        /** Not a MediaTek NOR readback or GFH image at all (blank, erased, random, another format). */
        NOT_RECOGNISED
    }

    public HealthReport {
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }

    /** Scores {@code findings}; {@code recognised == false} gives {@link Verdict#NOT_RECOGNISED}. */
    public static HealthReport of(boolean recognised, List<Finding> findings) {
        int errors = 0;
        int warnings = 0;
        for (Finding f : findings) {
            if (f.severity() == Finding.Severity.ERROR) {
                errors++;
            } else if (f.severity() == Finding.Severity.WARNING) {
                warnings++;
            }
        }
        long penalty = (long) errors * ERROR_PENALTY + (long) warnings * WARNING_PENALTY;
        int score = recognised ? (int) Math.max(0, 100 - penalty) : 0;
        Verdict v = !recognised ? Verdict.NOT_RECOGNISED
                : errors > 0 ? Verdict.DAMAGED
                : warnings > 0 ? Verdict.USABLE
                : Verdict.HEALTHY;
        return new HealthReport(v, score, findings);
    }

    /** Whether any finding has the given severity. */
    public boolean has(Finding.Severity severity) {
        return findings.stream().anyMatch(f -> f.severity() == severity);
    }

    /** Whether a finding with this {@link Finding#code() code} is present. */
    public boolean has(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    /** The findings with this code. */
    public List<Finding> withCode(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    @Override
    public String toString() {
        return "HealthReport[" + verdict + ", score " + score + ", " + findings.size() + " findings]";
    }
}
