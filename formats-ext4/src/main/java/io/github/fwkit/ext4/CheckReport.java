package io.github.fwkit.ext4;

import java.util.List;

/**
 * The result of {@link Ext4Volume#check()}: every problem found, and how much was looked at.
 *
 * @param findings the problems, in the order they were found
 * @param truncated whether findings stopped being collected at the limit (the check went on
 *     counting, but only the first ones are listed)
 * @param groupsChecked block groups whose descriptors and bitmaps were checked
 * @param inodesChecked inodes in use whose checksums and block maps were checked
 * @param directoriesChecked directories whose blocks and entries were checked
 * @since 0.1.0
 */
public record CheckReport(List<Finding> findings, boolean truncated, long groupsChecked, long inodesChecked,
                          long directoriesChecked) {
    public CheckReport {
        findings = List.copyOf(findings);
    }

    /** Whether no {@link Finding.Severity#ERROR} was found. */
    public boolean isClean() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    /** The errors only. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    }

    @Override
    public String toString() {
        return "CheckReport[" + (isClean() ? "clean" : errors().size() + (truncated ? "+" : "") + " errors") + ", "
                + findings.size() + " findings, " + groupsChecked + " groups, " + inodesChecked + " inodes, "
                + directoriesChecked + " directories]";
    }
}
