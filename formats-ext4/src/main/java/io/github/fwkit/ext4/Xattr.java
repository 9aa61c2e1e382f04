package io.github.fwkit.ext4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One extended attribute: its full name with the namespace prefix ({@code user.comment},
 * {@code security.selinux}, {@code system.posix_acl_access}) and its value as stored. POSIX ACL
 * values are in ext4's compact on-disk form, not the Linux xattr API's.
 *
 * @param name the full name
 * @param value the value (copied in and out)
 * @since 0.1.0
 */
public record Xattr(String name, byte[] value) {
    public Xattr {
        Objects.requireNonNull(name, "name");
        value = value.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value's length in bytes. */
    public int size() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && x.name.equals(name) && Arrays.equals(x.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    /** The name and the value, as text when it is printable ASCII, else hex; at most 64 bytes shown. */
    @Override
    public String toString() {
        int n = Math.min(value.length, 64);
        boolean text = true;
        for (int i = 0; i < n; i++) {
            int c = value[i] & 0xff;
            boolean lastNul = c == 0 && i == value.length - 1;
            if ((c < 0x20 || c > 0x7e) && !lastNul) {
                text = false;
                break;
            }
        }
        String shown = text ? "\"" + new String(value, 0, n, StandardCharsets.US_ASCII).replace("\0", "\\0") + "\""
                : HexFormat.of().formatHex(value, 0, n);
        return "Xattr[" + name + " = " + shown + (n < value.length ? "... (" + value.length + " bytes)" : "") + "]";
    }
}
