package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.Identification.Item;
import io.github.fwkit.mtk.Identification.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identification strings inside the code (spec §5.3): the release-info cluster near the ROM end,
 * the ROMINFO identifier, the MRE version and the bootloader version. Their layout is not
 * documented, so each is found by content and the order inside the cluster is only a hint.
 */
public final class Release {
    /** The chip token of a build name: {@code _MT2502_} in {@code ..._gprs_MT2502_S00.MAUI_...}. */
    public static final Pattern PLATFORM = Pattern.compile("(?:^|[_.])(MT\\d{4}[A-Z]?)(?=[_.]|$)");
    private static final Pattern CHIP = Pattern.compile("MT\\d{4}[A-Z]?");
    private static final Pattern HW = Pattern.compile("[A-Za-z0-9_]+_HW");
    private static final Pattern DATE = Pattern.compile("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern BRANCH_PROJECT = Pattern.compile("(\\d\\d[A-Z][A-Z0-9]*) ([A-Za-z0-9_]+)");
    private static final Pattern BOARD = Pattern.compile("[A-Za-z0-9_]+");
    private static final byte[] ROMINFO = "MTK_ROMINFO_v".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MRE = "<mre_version>".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HITS = 64;
    private static final int MAX_STRINGS = 16;

    private Release() {
    }

    /**
     * Adds what the ROM's code area tells to {@code ids}; {@code vernoText} (MAUI_INFO or ROMINFO
     * {@code project_id}) anchors the release-info cluster.
     */
    static void of(ImageReader r, long rom, long present, long contentOffset, String vernoText, List<Item> ids)
            throws IOException {
        long end = rom + present;
        // Flash Tool looks for ROMINFO in the first MiB of the ROM.
        long ri = Scan.find(r, rom, Math.min(end, rom + (1L << 20)), ROMINFO);
        if (ri >= 0 && ri + 16 <= end) {
            ids.add(new Item(Key.ROMINFO, Text.cString(r.readBytes(ri, 16), 0, 16), ri, "MTK_ROMINFO"));
        }
        if (vernoText != null && !vernoText.isEmpty() && !vernoText.contains("\\")) {
            byte[] verno = vernoText.getBytes(StandardCharsets.US_ASCII);
            List<Long> hits = new ArrayList<>();
            long from = rom + Math.min(contentOffset, present);
            // Searched without its NUL terminators: a needle starting with 0x00 would stop at
            // every zero byte of the code. The cluster walk checks the NULs.
            Scan.findAll(r, from + 1, end - 1, verno, at -> {
                hits.add(at - 1);
                return hits.size() < MAX_HITS;
            });
            for (long hit : hits) {
                if (cluster(r, rom, end, hit, verno.length, ids)) {
                    break;
                }
            }
        }
        long mre = Scan.find(r, rom, end, MRE);
        if (mre >= 0) {
            long at = mre + MRE.length;
            byte[] b = r.readBytes(at, (int) Math.min(16, end - at));
            int len = 0;
            while (len < b.length && b[len] != '<' && b[len] >= 0x20 && b[len] < 0x7f) {
                len++;
            }
            if (len > 0 && len < b.length && b[len] == '<') {
                ids.add(new Item(Key.MRE_VERSION, new String(b, 0, len, StandardCharsets.US_ASCII), at,
                        "<mre_version> in the ROM"));
            }
        }
    }

    /**
     * Reads the NUL-separated strings around the verno at {@code hit + 1} and keeps them if they
     * look like the release info (a {@code _HW} string or a build time among them).
     */
    private static boolean cluster(ImageReader r, long rom, long end, long hit, int vernoLength, List<Item> ids)
            throws IOException {
        long from = Math.max(rom, hit - 0x200);
        long to = Math.min(end, hit + 0x400);
        byte[] w = r.readBytes(from, (int) (to - from));
        int v = (int) (hit + 1 - from);
        if (v < 1 || v + vernoLength >= w.length || w[v - 1] != 0 || w[v + vernoLength] != 0) {
            return false;
        }
        List<int[]> strings = new ArrayList<>();
        // Backwards from the verno: strings that end in a NUL right before the next one.
        int p = v - 1;
        for (int k = 0; k < MAX_STRINGS && p > 0 && w[p] == 0; k++) {
            int q = p - 1;
            while (q >= 0 && Text.printableAscii(w, q, 1)) {
                q--;
            }
            if (q + 1 == p) {
                break;
            }
            strings.add(0, new int[] {q + 1, p});
            p = q;
        }
        strings.add(new int[] {v, v + vernoLength});
        p = v + vernoLength;
        for (int k = 0; k < MAX_STRINGS && p < w.length && w[p] == 0; k++) {
            int q = p + 1;
            while (q < w.length && Text.printableAscii(w, q, 1)) {
                q++;
            }
            if (q == p + 1 || q == w.length) {
                break;
            }
            strings.add(new int[] {p + 1, q});
            p = q;
        }
        List<Item> found = new ArrayList<>();
        Set<Key> seen = new LinkedHashSet<>();
        for (int i = 0; i < strings.size(); i++) {
            int[] s = strings.get(i);
            String text = new String(w, s[0], s[1] - s[0], StandardCharsets.US_ASCII);
            long at = from + s[0];
            if (HW.matcher(text).matches() && seen.add(Key.HW_VERSION)) {
                found.add(new Item(Key.HW_VERSION, text, at, "release info"));
            } else if (DATE.matcher(text).matches() && seen.add(Key.BUILD_DATE)) {
                found.add(new Item(Key.BUILD_DATE, text, at, "release info"));
            } else if (CHIP.matcher(text).matches() && seen.add(Key.PLATFORM)) {
                found.add(new Item(Key.PLATFORM, text, at, "release info"));
            } else if (BRANCH_PROJECT.matcher(text).matches() && seen.add(Key.MAUI_BRANCH)) {
                java.util.regex.Matcher m = BRANCH_PROJECT.matcher(text);
                if (m.matches()) {
                    found.add(new Item(Key.MAUI_BRANCH, m.group(1), at, "release info"));
                }
                if (i + 1 < strings.size()) {
                    int[] b = strings.get(i + 1);
                    String board = new String(w, b[0], b[1] - b[0], StandardCharsets.US_ASCII);
                    if (BOARD.matcher(board).matches() && !board.endsWith("_MMI") && seen.add(Key.BOARD)) {
                        found.add(new Item(Key.BOARD, board, from + b[0], "release info"));
                    }
                }
            }
        }
        if (!seen.contains(Key.HW_VERSION) && !seen.contains(Key.BUILD_DATE)) {
            return false;
        }
        ids.addAll(found);
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * The bootloader version: the only {@code V<3 digits>} string in the EXT_BL (corpus "V005",
     * the {@code %s} of "Welcome to MTK Bootloader %s"); {@code null} when there is none or more
     * than one candidate.
     */
    static String bootloaderVersion(ImageReader r, long offset, long present, List<Item> ids) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        long[] first = {-1};
        Scan.findAll(r, offset + 1, offset + present, new byte[] {'V'}, at -> {
            if (at + 5 <= offset + present) {
                byte[] b = r.readBytes(at - 1, 6);
                if (b[0] == 0 && isDigit(b[2]) && isDigit(b[3]) && isDigit(b[4]) && b[5] == 0) {
                    found.add(new String(b, 1, 4, StandardCharsets.US_ASCII));
                    if (first[0] < 0) {
                        first[0] = at;
                    }
                }
            }
            return found.size() < 2;
        });
        if (found.size() != 1) {
            return null;
        }
        String v = found.iterator().next();
        ids.add(new Item(Key.BOOTLOADER_VERSION, v, first[0], "EXT_BOOTLOADER string"));
        return v;
    }
}
