package io.github.fwkit.sprd;

import java.util.List;

/**
 * What {@link Pac#verify} found: the findings of reading (layout, names, XML) plus the CRC checks.
 *
 * @param findings everything found, most severe first, then in file order
 * @param headerCrcStored {@code wCRC1} as stored
 * @param headerCrcComputed CRC-16 of header bytes [0, 2120)
 * @param bodyCrcStored {@code wCRC2} as stored
 * @param bodyCrcComputed CRC-16 of bytes [2124, end of file)
 * @param bytesChecked bytes read for the CRCs
 * @since 0.1.0
 */
public record PacReport(List<PacFinding> findings, int headerCrcStored, int headerCrcComputed, int bodyCrcStored,
                        int bodyCrcComputed, long bytesChecked) {

    public PacReport {
        findings = List.copyOf(findings);
    }

    /** Whether anything of severity ERROR or WARNING was found ({@code fwkit pac check} exits 3 then). */
    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.severity() != PacFinding.Severity.INFO);
    }

    /** Whether anything of severity ERROR was found. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == PacFinding.Severity.ERROR);
    }

    /** Whether both header CRCs match the data. */
    public boolean crcsMatch() {
        return headerCrcStored == headerCrcComputed && bodyCrcStored == bodyCrcComputed;
    }
}
