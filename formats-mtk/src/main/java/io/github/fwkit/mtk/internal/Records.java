package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoders for the GFH records that identify a ROM and describe its flash (MAUI
 * {@code br_GFH_maui_info.h}, {@code br_GFH_flash_info.h}, {@code br_GFH_cmem_id_info.h}; spec
 * §5.1). Each checks the record's size before reading a field, so a short or lying record yields
 * fewer fields and a finding, never an exception.
 */
public final class Records {
    private Records() {
    }

    /**
     * MAUI_INFO v2, offsets from the record start:
     * <pre>
     *  0x08 char[128] platform_id      0xC8 u32 bl_maui_paired_ver, feature_combination,
     *  0x88 char[64]  project_id (verno)        feature_combination_ex, extsram_size, sw_minor_ver,
     *                                           sds_base_addr, sds_len, flashtool_ver_req
     *                                  0xE8 u32 boot_cert_addr, boot_cert_len
     * </pre>
     */
    public record MauiInfo(long offset, String platformId, String projectId, long pairedVersion, long features,
                           long sdsBase, long sdsLength) {
        /** Field offsets for {@link io.github.fwkit.mtk.Identification} sources. */
        public static final int PLATFORM_ID = 0x08;
        public static final int PROJECT_ID = 0x88;
        public static final int SDS_BASE = 0xDC;
    }

    public static MauiInfo mauiInfo(ImageReader r, GfhRecord rec, List<Finding> out) throws IOException {
        byte[] b = Gfh.body(r, rec);
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String platform = b.length >= 0x88 ? Text.cString(b, 0x08, 128) : "";
        String project = b.length >= 0xC8 ? Text.cString(b, 0x88, 64) : "";
        long paired = -1;
        long features = -1;
        long sdsBase = -1;
        long sdsLen = -1;
        if (b.length >= 0xE4) {
            paired = x.getInt(0xC8) & 0xffffffffL;
            features = x.getInt(0xCC) & 0xffffffffL;
            sdsBase = x.getInt(0xDC) & 0xffffffffL;
            sdsLen = x.getInt(0xE0) & 0xffffffffL;
        } else {
            out.add(new Finding(Finding.Severity.WARNING, "gfh-record-short", "MAUI_INFO v" + rec.version()
                    + " is only " + Text.hex(rec.size()) + " bytes: no paired version, features or SDS range",
                    rec.offset(), "/rom/gfh/MAUI_INFO"));
        }
        return new MauiInfo(rec.offset(), platform, project, paired, features, sdsBase, sdsLen);
    }

    /**
     * One FlashDevInfo of FLASH_INFO or ROMINFO (16 bytes): {@code u16 manu_id, dev_id,
     * ext_dev_id1, ext_dev_id2; u32 fat_begin_addr, fat_length}.
     */
    public record FlashDev(int slot, long offset, int manufacturer, int device, int ext1, int ext2, long fatBegin,
                           long fatLength) {
        /** The bootloader's rule ({@code bl_getFATregion}): neither address nor length 0 or 0xFFFFFFFF. */
        public boolean fatValid() {
            return fatBegin != 0 && fatBegin != Gfh.UNSET && fatLength != 0 && fatLength != Gfh.UNSET;
        }

        public boolean idPresent() {
            return manufacturer != 0 || device != 0 || ext1 != 0 || ext2 != 0;
        }
    }

    /**
     * FLASH_INFO v1: {@code +0x08 u8 nand_fdm_dal_ver[8]; +0x10 u16 flash_dev_cnt; +0x14
     * FlashDevInfo[6]}. Slot index = device class (0 NOR/SF, 1 NAND, 2 eMMC).
     */
    public static List<FlashDev> flashInfo(ImageReader r, GfhRecord rec) throws IOException {
        byte[] b = Gfh.body(r, rec);
        return flashDevs(b, 0x14, (b.length - 0x14) / 16, rec.offset());
    }

    static List<FlashDev> flashDevs(byte[] b, int at, int count, long base) {
        List<FlashDev> out = new ArrayList<>();
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < Math.min(count, 6) && at + 16 * (i + 1) <= b.length; i++) {
            int o = at + 16 * i;
            out.add(new FlashDev(i, base + o, x.getShort(o) & 0xffff, x.getShort(o + 2) & 0xffff,
                    x.getShort(o + 4) & 0xffff, x.getShort(o + 6) & 0xffff, x.getInt(o + 8) & 0xffffffffL,
                    x.getInt(o + 12) & 0xffffffffL));
        }
        return out;
    }

    /**
     * CMEM_ID_INFO v1: {@code u32 ver; u32 count;} then {@code count} entries of 10 bytes
     * {@code u8 device_type, u8 id_length, u8 id[8]}. {@code 16 + 10 * count} must equal the
     * record size; a record that disagrees yields the entries that fit, and a finding.
     */
    public static List<FlashId> cmemIds(ImageReader r, GfhRecord rec, String owner, List<Finding> out)
            throws IOException {
        byte[] b = Gfh.body(r, rec);
        List<FlashId> ids = new ArrayList<>();
        String path = "/" + owner + "/gfh/CMEM_ID_INFO";
        if (b.length < 16) {
            out.add(new Finding(Finding.Severity.ERROR, "cmem-size", "CMEM_ID_INFO is only " + b.length
                    + " bytes, too short for its count", rec.offset(), path));
            return ids;
        }
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long count = x.getInt(12) & 0xffffffffL;
        long fits = (b.length - 16) / 10;
        if (16 + 10 * count != b.length) {
            out.add(new Finding(Finding.Severity.ERROR, "cmem-size", "CMEM_ID_INFO count " + count + " needs "
                    + Text.hex(16 + 10 * count) + " bytes but the record has " + Text.hex(b.length)
                    + "; reading the " + Math.min(count, fits) + " entries that fit", rec.offset() + 12, path + "/count"));
        }
        for (int i = 0; i < Math.min(count, fits); i++) {
            int o = 16 + 10 * i;
            int type = b[o] & 0xff;
            int len = b[o + 1] & 0xff;
            if (len < 1 || len > 8) {
                out.add(new Finding(Finding.Severity.ERROR, "cmem-id-length", "CMEM_ID_INFO entry " + i
                        + " has id_length " + len + " (must be 1..8); it cannot go into a cfg",
                        rec.offset() + o + 1, path + "/entries[" + i + "]/id_length"));
                continue;
            }
            List<Integer> id = new ArrayList<>(8);
            for (int k = 0; k < 8; k++) {
                id.add(b[o + 2 + k] & 0xff);
            }
            ids.add(new FlashId(type, len, id, rec.offset() + o, owner + " CMEM_ID_INFO[" + i + "]"));
        }
        return ids;
    }

    /**
     * CMEM_NOR_INFO v1: {@code u32 ver; u32 count;} then entries of 0x88 bytes:
     * {@code u16 fdm_type; u16 page_buffer_size; u32 uniform_blocks; {u32 offset, size}
     * block_layout[8]; {u32 bank_size, banks} bank_info[8]}. Returns each entry's total bank size
     * (a chip-size estimate), 0 where the banks say nothing.
     */
    public static List<long[]> cmemNorSizes(ImageReader r, GfhRecord rec, List<Finding> out) throws IOException {
        byte[] b = Gfh.body(r, rec);
        List<long[]> sizes = new ArrayList<>();
        if (b.length < 16) {
            return sizes;
        }
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long count = x.getInt(12) & 0xffffffffL;
        long fits = (b.length - 16) / 0x88;
        if (16 + 0x88 * count != b.length) {
            out.add(new Finding(Finding.Severity.WARNING, "cmem-size", "CMEM_NOR_INFO count " + count + " needs "
                    + Text.hex(16 + 0x88 * count) + " bytes but the record has " + Text.hex(b.length),
                    rec.offset() + 12, "/rom/gfh/CMEM_NOR_INFO/count"));
        }
        for (int i = 0; i < Math.min(count, fits); i++) {
            int o = 16 + 0x88 * i + 0x48;
            long total = 0;
            for (int k = 0; k < 8; k++) {
                long bank = x.getInt(o + 8 * k) & 0xffffffffL;
                long banks = x.getInt(o + 8 * k + 4) & 0xffffffffL;
                // Two u32s can multiply past a long; no NOR chip is anywhere near 1 TiB, so larger
                // products are lies and are skipped rather than allowed to wrap.
                if (banks != 0 && bank <= (1L << 40) / banks) {
                    total += bank * banks;
                }
            }
            sizes.add(new long[] {total, rec.offset() + o});
        }
        return sizes;
    }

    /** ARM_BL_INFO v1: {@code u32 bl_maui_paired_ver; u32 feature_combination; u32 feature_combination_ex}. */
    public record ArmBlInfo(long offset, long pairedVersion, long features) {
    }

    public static ArmBlInfo armBlInfo(ImageReader r, GfhRecord rec) throws IOException {
        byte[] b = Gfh.body(r, rec);
        if (b.length < 0x10) {
            return null;
        }
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return new ArmBlInfo(rec.offset(), x.getInt(8) & 0xffffffffL, x.getInt(12) & 0xffffffffL);
    }
}
