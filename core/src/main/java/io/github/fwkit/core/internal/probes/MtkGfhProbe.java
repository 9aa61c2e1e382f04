package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A single MediaTek SV5 image (BOOTLOADER, EXT_BOOTLOADER, ROM, VIVA, ...) as Flash Tool
 * flashes it: a GFH chain starting with FILE_INFO at offset 0 (MAUI {@code br_GFH_file_info.h};
 * little-endian). Only offset 0 is examined; readbacks are {@link MtkReadbackProbe}'s.
 *
 * <pre>
 *  0x00 "MMM" 01 38 00 00 00     header: magic, version 1, size 0x38, type 0 (FILE_INFO)
 *  0x08 char[12] "FILE_INFO"
 *  0x14 u32 file_ver            0x28 u32 content_offset   end of the GFH chain
 *  0x18 u16 file_type           0x2C u32 sig_len
 *  0x1A u8  flash_dev           0x30 u32 jump_offset
 *  0x1B u8  sig_type            0x34 u32 attr             bit0 post-build done, bit1 XIP
 *  0x1C u32 load_addr
 *  0x20 u32 file_len            the whole image, GFH and signature included
 *  0x24 u32 max_size            0xFFFFFFFF = none
 * </pre>
 *
 * The validity rules are MediaTek's {@code GFH_FILE_INFO_BasicCheck} and {@code _IsValid}; a
 * failed rule lowers the strength and is named in the summary.
 */
public final class MtkGfhProbe implements FormatProbe {
    static final String FORMAT = "mtk-gfh";

    /** "MMM", version 1, size 0x38, type FILE_INFO, then the identifier; "FILE_INFO" alone occurs in code. */
    static final byte[] FILE_INFO_KEY = {'M', 'M', 'M', 1, 0x38, 0, 0, 0,
        'F', 'I', 'L', 'E', '_', 'I', 'N', 'F', 'O', 0, 0, 0};
    private static final int FILE_INFO_SIZE = 0x38;
    /** Serial flash is mapped here; an XIP image's flash offset is its load address minus this. */
    private static final long SF_BASE = 0x10000000L;
    /** Flash tools mask load addresses with 0x07FFFFFF, so the window is 128 MiB. */
    private static final long SF_WINDOW = 0x08000000L;
    private static final long UNSET = 0xFFFFFFFFL;

    private static final int STRONG = 100;
    private static final int WEAK = 60;

    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(0x0000, "NONE"),
            Map.entry(0x0001, "ARM_BL (BOOTLOADER)"),
            Map.entry(0x0002, "ARM_EXT_BL (EXT_BOOTLOADER)"),
            Map.entry(0x0003, "DUALMAC_DSP_BL (DSP_BL)"),
            Map.entry(0x0004, "SCTRL_CERT"),
            Map.entry(0x0005, "TOOL_AUTH"),
            Map.entry(0x0006, "MTK_RESERVED1"),
            Map.entry(0x0007, "EPP"),
            Map.entry(0x0008, "MTK_RESERVED2"),
            Map.entry(0x0009, "MTK_RESERVED3"),
            Map.entry(0x000A, "ROOT_CERT"),
            Map.entry(0x000B, "AP_BL"),
            Map.entry(0x0100, "PRIMARY_MAUI (ROM)"),
            Map.entry(0x0101, "SECONDARY_MAUI (SECONDARY_ROM)"),
            Map.entry(0x0102, "ON_DEMAND_PAGING (DEMAND_PAGING_ROM)"),
            Map.entry(0x0103, "THIRD_ROM"),
            Map.entry(0x0104, "DSP_ROM"),
            Map.entry(0x0105, "CACHED_DSP_ROM (DSP_ROM)"),
            Map.entry(0x0106, "PRIMARY_FACTORY_BIN"),
            Map.entry(0x0107, "SECONDARY_FACTORY_BIN"),
            Map.entry(0x0108, "VIVA"),
            Map.entry(0x0109, "LTE_DSP_ROM"),
            Map.entry(0x0180, "CUSTOM_PACK (CUSTPACK_ROM)"),
            Map.entry(0x0181, "LANGUAGE_PACK (LANG_PACK_ROM)"),
            Map.entry(0x0182, "JUMP_TABLE"),
            Map.entry(0x0200, "FOTA_UE"),
            Map.entry(0x0201, "ARM_EXT_BL_BACKUP"),
            Map.entry(0x0301, "SECURE_RO_ME"),
            Map.entry(0x0400, "CARD_DOWNLOAD_PACKAGE"),
            Map.entry(0x0401, "CONFIDENTIAL_BINARY"),
            Map.entry(0x0480, "FILE_SYSTEM"),
            Map.entry(0x0500, "BOOT_CERT"));
    private static final String[] SIGNATURES = {"no signature", "PHASH", "SINGLE signature",
        "SINGLE_AND_PHASH signature", "MULTI signature"};
    private static final String[] DEVICES = {"NONE", "NOR", "NAND_SEQUENTIAL", "NAND_TTBL", "NAND_FDM50",
        "EMMC_BOOT_REGION", "EMMC_DATA_REGION", "SF", "SDMMC", "SPI_NAND_SEQUENTIAL"};

    public MtkGfhProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes g = Bytes.at(image, 0, FILE_INFO_SIZE);
        if (!g.matches(0, FILE_INFO_KEY)) {
            return Optional.empty();
        }
        if (!g.has(0, FILE_INFO_SIZE)) {
            return Optional.of(Detection.of(FORMAT, "MediaTek GFH FILE_INFO, but the file ends inside it", 0, WEAK));
        }
        int type = g.u16le(0x18);
        int device = g.u8(0x1A);
        int sigType = g.u8(0x1B);
        long load = g.u32le(0x1C);
        long fileLen = g.u32le(0x20);
        long maxSize = g.u32le(0x24);
        long content = g.u32le(0x28);
        long sigLen = g.u32le(0x2C);
        long jump = g.u32le(0x30);
        long attr = g.u32le(0x34);
        boolean xip = (attr & 0x2) != 0;

        Text.Summary s = new Text.Summary("MediaTek GFH image " + typeName(type));
        if (xip && load >= SF_BASE && load < SF_BASE + SF_WINDOW) {
            s.add("flash offset " + Text.hex(load - SF_BASE));
        } else if (type == 0x0001) {
            s.add("flash offset from BRLYT (runs from SRAM)");
        } else {
            s.add("flash offset unknown (not XIP)");
        }
        s.add("load address " + Text.hex(load));
        s.add("file_len " + (fileLen == UNSET ? "unset" : Text.hex(fileLen) + " (" + Text.size(fileLen) + ")"));
        s.add("content at " + Text.hex(content));
        s.add(sigType < SIGNATURES.length ? SIGNATURES[sigType] : "signature type " + sigType);
        s.add("device " + (device < DEVICES.length ? DEVICES[device] : String.valueOf(device)));
        if (fileLen != UNSET && fileLen != 0) {
            long size = image.size();
            if (size < fileLen) {
                s.add("truncated: file has " + Text.hex(size));
            } else if (size > fileLen) {
                s.add(Text.hex(size - fileLen) + " bytes after the image");
            }
        }
        if ((attr & 0x1) == 0 || fileLen == UNSET) {
            s.add("not post-built (a build intermediate, not flashable)");
        }

        if (content == 0 || content > 0x100000) {
            s.problem("content_offset " + Text.hex(content) + " not in 1..0x100000");
        }
        if (fileLen == 0 || fileLen > 0x80000000L) {
            s.problem("file_len " + Text.hex(fileLen) + " not in 1..0x80000000");
        } else if (content > fileLen) {
            s.problem("content_offset beyond file_len");
        }
        if (maxSize != UNSET && fileLen > maxSize) {
            s.problem("file_len above max_size " + Text.hex(maxSize));
        }
        if (sigType == 0 ? sigLen != 0 : sigLen == 0 || sigLen >= fileLen || content > fileLen - sigLen) {
            s.problem("sig_len " + Text.hex(sigLen) + " inconsistent with the signature type and length");
        }
        if (jump != 0 && (jump < content || jump >= fileLen - sigLen)) {
            s.problem("jump_offset " + Text.hex(jump) + " outside the code");
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }

    private static String typeName(int type) {
        String known = TYPES.get(type);
        if (known != null) {
            return known;
        }
        if (type >= 0x0600 && type <= 0x0607) {
            return "CUSTOM_BIN_" + (type - 0x05FF);
        }
        if (type >= 0x7000 && type <= 0x7002) {
            return "CUSTOMER_BIN" + (type - 0x6FFF);
        }
        // The mtk spec's name for kit files of unknown type.
        return String.format(Locale.ROOT, "FILE_%04X", type);
    }
}
