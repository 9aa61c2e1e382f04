package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;

/**
 * Where problems that need not stop reading go: a checksum that does not match, a directory
 * entry that breaks the rules. While reading, a strict volume throws them and a lenient one lets
 * them pass; {@code check()} records every one as a finding and carries on.
 */
interface Reporter {
    /**
     * @param code the finding code, e.g. {@code inode-checksum}
     * @param inode the inode concerned, or 0
     * @param block the block concerned, or -1
     * @param problem the problem, with its offset and structural path
     */
    void report(String code, long inode, long block, FormatException problem) throws FormatException;

    // Anonymous classes, not lambdas, here and on the other paths of a command: the first lambda
    // of a run sets up the JDK's method-handle machinery, about 9 ms of every command's start.

    /** Throws every problem. */
    Reporter THROW = new Reporter() {
        @Override
        public void report(String code, long inode, long block, FormatException problem) throws FormatException {
            throw problem;
        }
    };

    /** Ignores every problem. */
    Reporter IGNORE = new Reporter() {
        @Override
        public void report(String code, long inode, long block, FormatException problem) {
            // ignored
        }
    };
}
