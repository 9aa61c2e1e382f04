package io.github.fwkit.ext4;

import java.util.Objects;

/**
 * One problem found by {@link Ext4Volume#check()}, with where it is.
 *
 * @param severity how bad it is
 * @param code a stable short name for the kind of problem, e.g. {@code inode-checksum},
 *     {@code extent-block-checksum}, {@code dir-entry}, {@code link-count}
 * @param message what is wrong, for people
 * @param inode the inode concerned, or 0
 * @param block the file-system block concerned, or -1
 * @param offset the byte offset in the image, or -1
 * @since 0.1.0
 */
public record Finding(Severity severity, String code, String message, long inode, long block, long offset) {

    /** How bad a finding is. */
    public enum Severity {
        /** Damage: a checksum mismatch or an inconsistent structure. */
        ERROR,
        /** Worth knowing but not damage, e.g. a journal that needs recovery. */
        WARNING
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** Where the problem is, e.g. {@code inode 12, block 1234, offset 0x4d2000}; empty if nowhere. */
    public String location() {
        StringBuilder sb = new StringBuilder();
        if (inode > 0) {
            sb.append("inode ").append(inode);
        }
        if (block >= 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("block ").append(block);
        }
        if (offset >= 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("offset 0x").append(Long.toHexString(offset));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        String loc = location();
        return severity + " " + code + (loc.isEmpty() ? "" : " (" + loc + ")") + ": " + message;
    }
}
