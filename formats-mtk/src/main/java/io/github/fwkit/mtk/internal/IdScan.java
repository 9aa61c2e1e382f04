package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FileInfo;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.FlashIdScanner;
import io.github.fwkit.mtk.GfhRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The scan behind {@link FlashIdScanner}. */
public final class IdScan {
    private static final int MAX_IMAGES = 256;
    private static final int MAX_RECORDS = 256;
    private static final byte[] ROMINFO = "MTK_ROMINFO_v".getBytes(StandardCharsets.US_ASCII);

    private IdScan() {
    }

    public static FlashIdScanner.Result scan(ImageReader r) throws IOException {
        long n = r.size();
        List<Finding> findings = new ArrayList<>();
        List<FlashId> rom = new ArrayList<>();
        List<FlashId> others = new ArrayList<>();
        List<FlashId> devices = new ArrayList<>();
        long[] outerEnd = {-1};
        int[] images = {0};
        Scan.findAll(r, 0, n, Gfh.FILE_INFO_KEY, at -> {
            if (at + FileInfo.SIZE > n || at < outerEnd[0]) {
                return true;
            }
            FileInfo fi = Gfh.fileInfo(r.readBytes(at, FileInfo.SIZE), 0);
            if (Gfh.violation(fi) != null) {
                return true;
            }
            outerEnd[0] = Math.max(outerEnd[0], at + fi.fileLength());
            List<GfhRecord> chain = Gfh.walk(r, at, fi.contentOffset(), MAX_RECORDS).records();
            boolean isRom = fi.fileType() == GfhNames.PRIMARY_MAUI;
            String owner = GfhNames.kitName(fi.fileType()) + "@" + Text.hex(at);
            (isRom ? rom : others).addAll(FlashIds.fromImage(r, chain, isRom ? "ROM" : owner, findings));
            if (isRom) {
                for (GfhRecord rec : chain) {
                    if (rec.type() == GfhNames.REC_FLASH_INFO) {
                        devices.addAll(FlashIds.fromDevices(Records.flashInfo(r, rec), "ROM FLASH_INFO"));
                    }
                }
            }
            return ++images[0] < MAX_IMAGES;
        });
        List<FlashId> ids = new ArrayList<>(rom);
        ids.addAll(others);
        if (ids.isEmpty()) {
            ids.addAll(devices);
        }
        if (ids.isEmpty()) {
            long at = Scan.find(r, 0, Math.min(n, 1L << 20), ROMINFO);
            if (at >= 0 && at + 308 <= n) {
                byte[] b = r.readBytes(at, 308);
                int count = (b[210] & 0xff) | (b[211] & 0xff) << 8;
                ids.addAll(FlashIds.fromDevices(Records.flashDevs(b, 212, Math.min(count, 6), at), "MTK_ROMINFO device"));
            }
        }
        return new FlashIdScanner.Result(ids, findings);
    }
}
