package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Optional;

/**
 * Spreadtrum "DHTB" signed-image header ({@code sys_img_header}, 512 bytes, little-endian), put
 * in front of FDLs, U-Boot, boot and vbmeta images on secure-boot builds ({@code *-sign.*}).
 *
 * <pre>
 *   0 u32 mMagicNum      "DHTB"
 *   4 u32 mVersion       1
 *   8 u8[32] mPayloadHash SHA-256 of the payload, may be zero
 *  40 u64 mImgAddr       load address
 *  48 u32 mImgSize       payload size, padded to 16
 * 512 payload
 * </pre>
 */
public final class DhtbProbe implements FormatProbe {
    static final String FORMAT = "dhtb";

    static final int HEADER_SIZE = 512;
    private static final byte[] MAGIC = Bytes.ascii("DHTB");

    private static final int STRONG = 90;
    private static final int WEAK = 50;
    private static final int TRUNCATED = 30;

    public DhtbProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes h = Bytes.at(image, 0, 56);
        if (!h.matches(0, MAGIC)) {
            return Optional.empty();
        }
        if (!h.has(0, 56) || image.size() < HEADER_SIZE) {
            return Optional.of(Detection.of(FORMAT, "DHTB magic, but the file is only " + image.size()
                    + " bytes, shorter than the 512-byte header", 0, TRUNCATED));
        }
        long version = h.u32le(4);
        long loadAddress = h.u64le(40);
        long payloadSize = h.u32le(48);
        Text.Summary s = new Text.Summary("DHTB signed-image header v" + version)
                .add("payload " + Text.size(payloadSize) + " (" + Text.hex(payloadSize) + ")")
                .add("load address " + Text.hex(loadAddress))
                .add(h.allZero(8, 32) ? "no payload hash" : "payload SHA-256 present");
        Payloads.name(Bytes.at(image, HEADER_SIZE, Payloads.SNIFF_LENGTH)).ifPresent(p -> s.add("payload is " + p));
        if (version != 1) {
            s.problem("version " + version + " is not 1");
        }
        if (HEADER_SIZE + payloadSize > image.size()) {
            s.problem("payload runs " + Text.size(HEADER_SIZE + payloadSize - image.size()) + " past the end of the file");
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }
}
