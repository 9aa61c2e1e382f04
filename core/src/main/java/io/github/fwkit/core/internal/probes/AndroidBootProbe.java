package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Android boot and recovery images ({@code ANDROID!}) and vendor_boot images ({@code VNDRBOOT}),
 * after AOSP {@code mkbootimg}'s {@code bootimg.h}; all fields little-endian u32.
 *
 * <pre>
 *  boot v0-v2                         boot v3-v4                     vendor_boot v3-v4
 *     0 magic "ANDROID!"                 0 magic                        0 magic "VNDRBOOT"
 *     8 kernel_size                      8 kernel_size                  8 header_version
 *    16 ramdisk_size                    12 ramdisk_size                12 page_size
 *    24 second_size                     16 os_version                  24 vendor_ramdisk_size
 *  0x24 page_size                       20 header_size  1580/1584      28 cmdline[2048]
 *  0x28 header_version                0x28 header_version            2080 name[16]
 *  0x2C os_version                      44 cmdline[1536]             2096 header_size 2112/2128
 *  0x30 name[16]                      1580 signature_size (v4)       2100 dtb_size
 *  0x40 cmdline[512]                                                 2112 ramdisk_table_size (v4)
 *  1632 recovery_dtbo_size (v1+)                                     2124 bootconfig_size (v4)
 *  1644 header_size  1648/1660
 *  1648 dtb_size (v2)
 * </pre>
 *
 * v3 and later have a fixed 4096-byte page. Before v1, vendors used the word at 0x28 for their own
 * purposes (Qualcomm's dt_size), so a large value there means an old v0 header, not a new version.
 */
public final class AndroidBootProbe implements FormatProbe {
    static final String FORMAT = "android-boot";

    private static final byte[] BOOT_MAGIC = Bytes.ascii("ANDROID!");
    private static final byte[] VENDOR_MAGIC = Bytes.ascii("VNDRBOOT");
    private static final int READ = 2128;
    private static final long GKI_PAGE = 4096;

    private static final int STRONG = 100;
    private static final int WEAK = 60;
    private static final int TRUNCATED = 30;

    public AndroidBootProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes h = Bytes.at(image, 0, READ);
        if (h.matches(0, BOOT_MAGIC)) {
            return Optional.of(boot(h, image.size()));
        }
        if (h.matches(0, VENDOR_MAGIC)) {
            return Optional.of(vendorBoot(h, image.size()));
        }
        return Optional.empty();
    }

    private static Detection boot(Bytes h, long size) {
        if (!h.has(0, 0x30)) {
            return truncated("boot image", size);
        }
        long version = h.u32le(0x28);
        return version == 3 || version == 4 ? bootV3(h, size, version) : bootV0(h, size, version);
    }

    private static Detection bootV0(Bytes h, long size, long version) {
        if (!h.has(0, 0x240)) {
            return truncated("boot image", size);
        }
        boolean legacy = version > 4;
        long page = h.u32le(0x24);
        long kernel = h.u32le(8);
        long ramdisk = h.u32le(16);
        long second = h.u32le(24);
        Text.Summary s = new Text.Summary("boot/recovery image " + (legacy ? "v0" : "v" + version))
                .add("page size " + page)
                .add("kernel " + Text.size(kernel))
                .add("ramdisk " + Text.size(ramdisk));
        if (second != 0) {
            s.add("second stage " + Text.size(second));
        }
        if (legacy) {
            s.add("vendor word at 0x28 = " + Text.hex(version) + " (dt_size?)");
        }
        String name = Text.ascii(h, 0x30, 16);
        if (!name.isEmpty()) {
            s.add("name " + Text.quote(name));
        }
        osVersion(s, h.u32le(0x2C));
        cmdline(s, Text.ascii(h, 0x40, 512));

        boolean pageOk = Text.powerOfTwo(page, 2048, 65536);
        if (!pageOk) {
            s.problem("page size " + page + " is not a power of two in 2048..65536");
        }
        long end = 0;
        if (pageOk) {
            end = page + pages(kernel, page) + pages(ramdisk, page) + pages(second, page);
        }
        if (!legacy && version >= 1) {
            long expectedHeader = version == 1 ? 1648 : 1660;
            if (!h.has(0, (int) expectedHeader)) {
                return truncated("boot image v" + version, size);
            }
            long headerSize = h.u32le(1644);
            if (headerSize != expectedHeader) {
                s.problem("header_size " + headerSize + " is not " + expectedHeader);
            }
            long recoveryDtbo = h.u32le(1632);
            if (recoveryDtbo != 0) {
                s.add("recovery DTBO " + Text.size(recoveryDtbo));
            }
            end += pageOk ? pages(recoveryDtbo, page) : 0;
            if (version == 2) {
                long dtb = h.u32le(1648);
                s.add("dtb " + Text.size(dtb));
                end += pageOk ? pages(dtb, page) : 0;
            }
        }
        if (pageOk && end > size) {
            s.problem("image ends at " + Text.size(size) + ", before its last section (" + Text.size(end) + ")");
        }
        return Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG);
    }

    private static Detection bootV3(Bytes h, long size, long version) {
        long expectedHeader = version == 3 ? 1580 : 1584;
        if (!h.has(0, (int) expectedHeader)) {
            return truncated("boot image v" + version, size);
        }
        long kernel = h.u32le(8);
        long ramdisk = h.u32le(12);
        Text.Summary s = new Text.Summary("boot image v" + version)
                .add("page size " + GKI_PAGE)
                .add("kernel " + Text.size(kernel))
                .add("ramdisk " + Text.size(ramdisk));
        osVersion(s, h.u32le(16));
        cmdline(s, Text.ascii(h, 44, 1536));
        long end = GKI_PAGE + pages(kernel, GKI_PAGE) + pages(ramdisk, GKI_PAGE);
        if (version == 4) {
            long signature = h.u32le(1580);
            if (signature != 0) {
                s.add("boot signature " + Text.size(signature));
            }
            end += pages(signature, GKI_PAGE);
        }
        long headerSize = h.u32le(20);
        if (headerSize != expectedHeader) {
            s.problem("header_size " + headerSize + " is not " + expectedHeader);
        }
        if (end > size) {
            s.problem("image ends at " + Text.size(size) + ", before its last section (" + Text.size(end) + ")");
        }
        return Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG);
    }

    private static Detection vendorBoot(Bytes h, long size) {
        if (!h.has(0, 2112)) {
            return truncated("vendor_boot image", size);
        }
        long version = h.u32le(8);
        long page = h.u32le(12);
        long ramdisk = h.u32le(24);
        long dtb = h.u32le(2100);
        Text.Summary s = new Text.Summary("vendor_boot image v" + version)
                .add("page size " + page)
                .add("vendor ramdisk " + Text.size(ramdisk))
                .add("dtb " + Text.size(dtb));
        String name = Text.ascii(h, 2080, 16);
        if (!name.isEmpty()) {
            s.add("name " + Text.quote(name));
        }
        cmdline(s, Text.ascii(h, 28, 2048));

        if (version != 3 && version != 4) {
            s.problem("header version " + version + " is not 3 or 4");
        }
        long expectedHeader = version == 4 ? 2128 : 2112;
        long headerSize = h.u32le(2096);
        if (headerSize != expectedHeader) {
            s.problem("header_size " + headerSize + " is not " + expectedHeader);
        }
        boolean pageOk = Text.powerOfTwo(page, 2048, 65536);
        if (!pageOk) {
            s.problem("page size " + page + " is not a power of two in 2048..65536");
        } else {
            long end = pages(headerSize, page) + pages(ramdisk, page) + pages(dtb, page);
            if (version == 4 && h.has(0, 2128)) {
                end += pages(h.u32le(2112), page) + pages(h.u32le(2124), page);
            }
            if (end > size) {
                s.problem("image ends at " + Text.size(size) + ", before its last section (" + Text.size(end) + ")");
            }
        }
        return Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG);
    }

    /** {@code bytes} rounded up to whole pages; both are at most 32-bit, so this cannot overflow. */
    private static long pages(long bytes, long page) {
        return (bytes + page - 1) / page * page;
    }

    /** Decodes {@code A[31:25] B[24:18] C[17:11] (Y-2000)[10:4] M[3:0]}. */
    private static void osVersion(Text.Summary s, long os) {
        long version = os >>> 11;
        long level = os & 0x7ff;
        if (version != 0) {
            s.add("OS " + (version >>> 14 & 0x7f) + "." + (version >>> 7 & 0x7f) + "." + (version & 0x7f));
        }
        if (level != 0) {
            s.add(String.format(Locale.ROOT, "patch level %d-%02d", 2000 + (level >>> 4), level & 0xf));
        }
    }

    private static void cmdline(Text.Summary s, String cmdline) {
        if (!cmdline.isEmpty()) {
            s.add("cmdline " + Text.quote(cmdline));
        }
    }

    private static Detection truncated(String what, long size) {
        return Detection.of(FORMAT, what + " magic, but the file ends inside the header (" + size + " bytes)", 0,
                TRUNCATED);
    }
}
