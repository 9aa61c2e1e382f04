package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.Identification.Item;
import io.github.fwkit.mtk.Identification.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Older MT62xx NOR dumps without GFH (spec §10): the ROM starts with the ARM vector table at
 * flash 0, and {@code MTK_ROMINFO_vNN} in the first MiB is the only source of IDs and the FAT
 * range.
 *
 * <pre>
 *  +0   char[16]  id "MTK_ROMINFO_v04".."v09"
 *  +16  char[128] platform_id          +210 u16 flash_dev_cnt
 *  +144 char[64]  project_id           +212 FlashDevInfo[6], 16 bytes each:
 *  +208 u16 nfb_identifier                  u16 manu, dev, ext1, ext2; u32 fat_begin, fat_length
 * </pre>
 */
final class PreSv5 {
    private static final byte[] ROMINFO = "MTK_ROMINFO_v".getBytes(StandardCharsets.US_ASCII);
    private static final int SIZE = 308;

    record Result(String romInfo, long romInfoOffset, List<Item> ids, List<FlashId> flashIds, long fatBegin,
                  long fatLength, long fatSource) {
    }

    private PreSv5() {
    }

    static Result probe(ImageReader r) throws IOException {
        if (r.size() < 4) {
            return null;
        }
        long vector = r.u32le(0);
        // Reset vector: a branch (xx xx xx EA) or LDR PC, [PC, #0x18].
        if ((vector >>> 24) != 0xEA && vector != 0xE59FF018L) {
            return null;
        }
        long at = Scan.find(r, 0, Math.min(r.size(), 1L << 20), ROMINFO);
        if (at < 0 || at + SIZE > r.size()) {
            return null;
        }
        byte[] b = r.readBytes(at, SIZE);
        String id = Text.cString(b, 0, 16);
        List<Item> ids = new ArrayList<>();
        ids.add(new Item(Key.ROMINFO, id, at, "MTK_ROMINFO"));
        String platformId = Text.cString(b, 16, 128);
        if (!platformId.isEmpty()) {
            ids.add(new Item(Key.BUILD_NAME, platformId, at + 16, "MTK_ROMINFO.platform_id"));
            Matcher m = Release.PLATFORM.matcher(platformId);
            if (m.find()) {
                ids.add(new Item(Key.PLATFORM, m.group(1), at + 16 + m.start(1), "MTK_ROMINFO.platform_id"));
            }
        }
        String projectId = Text.cString(b, 144, 64);
        if (!projectId.isEmpty()) {
            ids.add(new Item(Key.VERNO, projectId, at + 144, "MTK_ROMINFO.project_id"));
        }
        int count = (b[210] & 0xff) | (b[211] & 0xff) << 8;
        List<Records.FlashDev> devs = Records.flashDevs(b, 212, Math.min(count, 6), at);
        List<FlashId> flash = FlashIds.fromDevices(devs, "MTK_ROMINFO device");
        long fatBegin = -1;
        long fatLength = 0;
        long fatSource = -1;
        for (Records.FlashDev d : devs) {
            if (d.fatValid()) {
                fatBegin = d.fatBegin();
                fatLength = d.fatLength();
                fatSource = d.offset() + 8;
                break;
            }
        }
        return new Result(id, at, ids, flash, fatBegin, fatLength, fatSource);
    }
}
