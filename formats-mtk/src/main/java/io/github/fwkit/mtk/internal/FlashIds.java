package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Flash IDs from GFH CMEM lists and from FLASH_INFO / ROMINFO device slots. */
public final class FlashIds {
    private FlashIds() {
    }

    /** The CMEM_ID_INFO entries of one image's chain, in list order. */
    public static List<FlashId> fromImage(ImageReader r, List<GfhRecord> records, String owner, List<Finding> out)
            throws IOException {
        List<FlashId> ids = new ArrayList<>();
        for (GfhRecord rec : records) {
            if (rec.type() == GfhNames.REC_CMEM_ID_INFO) {
                ids.addAll(Records.cmemIds(r, rec, owner, out));
            }
        }
        return ids;
    }

    /**
     * The IDs of FlashDevInfo slots ({@code u16 manu, dev, ext1, ext2}). Serial-flash builds store
     * one byte per u16 ({@code 0xC2, 0x25, 0x38, 0}); slots with wider values (parallel NOR) are
     * left out, as a cfg's {@code flash_id} takes bytes.
     */
    public static List<FlashId> fromDevices(List<Records.FlashDev> devs, String source) {
        List<FlashId> ids = new ArrayList<>();
        for (Records.FlashDev d : devs) {
            int[] v = {d.manufacturer(), d.device(), d.ext1(), d.ext2()};
            if (!d.idPresent() || v[0] > 0xFF || v[1] > 0xFF || v[2] > 0xFF || v[3] > 0xFF) {
                continue;
            }
            int len = v[3] != 0 ? 4 : v[2] != 0 ? 3 : v[1] != 0 ? 2 : 1;
            List<Integer> bytes = new ArrayList<>(List.of(v[0], v[1], v[2], v[3], 0, 0, 0, 0));
            ids.add(new FlashId(-1, len, bytes, d.offset(), source + "[" + d.slot() + "]"));
        }
        return ids;
    }
}
