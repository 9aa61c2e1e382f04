package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MediaTek MAUI serial-flash readbacks (MT6250/6260/6261/2502 feature phones and watches) that
 * start at flash address 0: the header block the Download Agent writes there (MAUI
 * {@code sf_header.h}, {@code br_header_block.h}; little-endian). Looks only at offset 0 and at
 * the BRLYT record; the mtk module's probes search further.
 *
 * <pre>
 *  0            SF_HEADER                 dev_rw_unit   BRLYT
 *               +0x00 char[12] "SF_BOOT"                +0x00 char[8] "BRLYT"
 *               +0x0C u32 version 1                     +0x08 u32 version 1
 *               +0x10 u32 dev_rw_unit                   +0x0C u32 boot_region_dev_addr
 *                                                       +0x10 u32 main_region_dev_addr
 *                                                       +0x14 BL_Descriptor[8], 20 bytes each:
 *                                                             u32 magic "BBBB", u8 dev, u8 pad,
 *                                                             u16 bl_type (1 ARM_BL, 2 EXT_BL),
 *                                                             u32 begin, u32 boundary, u32 attribute
 * </pre>
 */
public final class MtkReadbackProbe implements FormatProbe {
    static final String FORMAT = "mtk-readback";

    private static final byte[] SF_BOOT = Bytes.ascii("SF_BOOT\0");
    private static final byte[] BRLYT = Bytes.ascii("BRLYT\0");
    private static final long BL_PRESENT = 0x42424242L;
    /** dev_rw_unit seen on NOR/SF is 0x200; the mtk spec's fwkit rule accepts up to 0x1000. */
    private static final long MIN_UNIT = 0x200;
    private static final long MAX_UNIT = 0x1000;
    private static final int BRLYT_SIZE = 0x14 + 8 * 20;
    private static final long MIB = 1024 * 1024;

    private static final int STRONG = 100;
    private static final int ODD = 80;
    private static final int NO_LAYOUT = 60;
    private static final int BAD_UNIT = 50;

    public MtkReadbackProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes h = Bytes.at(image, 0, 0x14);
        if (!h.matches(0, SF_BOOT)) {
            return Optional.empty();
        }
        Text.Summary s = new Text.Summary("MediaTek serial-flash readback");
        if (!h.has(0, 0x14)) {
            return Optional.of(Detection.of(FORMAT, s.problem("file ends inside the SF_BOOT header").toString(), 0,
                    BAD_UNIT));
        }
        long version = h.u32le(0x0C);
        long unit = h.u32le(0x10);
        s.add("SF_BOOT v" + version);
        if (version != 1) {
            s.problem("SF_BOOT version " + version + " is not 1");
        }
        int strength = STRONG;
        if (unit < MIN_UNIT || unit > MAX_UNIT) {
            s.problem("bad device header: dev_rw_unit " + Text.hex(unit) + " outside 0x200..0x1000");
            strength = BAD_UNIT;
        } else {
            Bytes layout = Bytes.at(image, unit, BRLYT_SIZE);
            if (!layout.matches(0, BRLYT) || !layout.has(0, BRLYT_SIZE)) {
                s.problem("no BRLYT at " + Text.hex(unit) + " (header block damaged; the phone will not boot)");
                strength = NO_LAYOUT;
            } else {
                bootLayout(layout, unit, s);
            }
        }
        long size = image.size();
        boolean standard = size == 4 * MIB || size == 8 * MIB || size == 16 * MIB || size == 32 * MIB;
        s.add(Text.size(size) + (standard ? " (standard length)" : " (non-standard length)"));
        if (s.hasProblems()) {
            strength = Math.min(strength, ODD);
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, strength));
    }

    private static void bootLayout(Bytes layout, long unit, Text.Summary s) {
        s.add("BRLYT at " + Text.hex(unit));
        if (layout.u32le(0x08) != 1) {
            s.problem("BRLYT version " + layout.u32le(0x08) + " is not 1");
        }
        s.add("boot region " + Text.hex(layout.u32le(0x0C))).add("main region " + Text.hex(layout.u32le(0x10)));
        List<String> loaders = new ArrayList<>();
        int others = 0;
        for (int slot = 0; slot < 8; slot++) {
            int d = 0x14 + slot * 20;
            if (layout.u32le(d) != BL_PRESENT) {
                continue;
            }
            int type = layout.u16le(d + 6);
            long begin = layout.u32le(d + 8);
            long boundary = layout.u32le(d + 12);
            if (type == 1 || type == 2) {
                loaders.add((type == 1 ? "ARM_BL " : "EXT_BL ") + Text.hex(begin) + ".." + Text.hex(boundary));
            } else {
                others++;
            }
        }
        if (!loaders.isEmpty()) {
            s.add(String.join(", ", loaders));
        }
        if (others > 0) {
            s.add(others + " unknown slot" + (others == 1 ? "" : "s"));
        }
        if (loaders.isEmpty()) {
            s.problem("BRLYT lists no bootloader");
        }
    }
}
