package io.github.fwkit.core.internal.probes;

import java.util.Optional;

/**
 * Names what a wrapped payload starts with, for containers whose summary should say what they
 * carry (a DHTB header in front of a boot image, say). Only magics at the payload's first bytes.
 */
final class Payloads {
    static final int SNIFF_LENGTH = 8;

    private static final byte[] ANDROID_BOOT = Bytes.ascii("ANDROID!");
    private static final byte[] VENDOR_BOOT = Bytes.ascii("VNDRBOOT");
    private static final byte[] SPARSE = {0x3A, (byte) 0xFF, 0x26, (byte) 0xED};
    private static final byte[] VBMETA = Bytes.ascii("AVB0");

    private Payloads() {
    }

    /** A short name for the payload, if it is one of the known ones. */
    static Optional<String> name(Bytes payload) {
        if (payload.matches(0, ANDROID_BOOT)) {
            return Optional.of("an Android boot image");
        }
        if (payload.matches(0, VENDOR_BOOT)) {
            return Optional.of("an Android vendor_boot image");
        }
        if (payload.matches(0, SPARSE)) {
            return Optional.of("an Android sparse image");
        }
        if (payload.matches(0, VBMETA)) {
            return Optional.of("an AVB vbmeta image");
        }
        return Optional.empty();
    }
}
