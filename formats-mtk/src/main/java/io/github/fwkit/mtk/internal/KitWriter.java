package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ExtractionRoot;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.mtk.FileInfo;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhImage;
import io.github.fwkit.mtk.Identification;
import io.github.fwkit.mtk.KitRegion;
import io.github.fwkit.mtk.KitStyle;
import io.github.fwkit.mtk.MtkCfg;
import io.github.fwkit.mtk.MtkKit;
import io.github.fwkit.mtk.MtkRomLayout;
import io.github.fwkit.mtk.UserData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Plans and writes a kit (spec §8.4, §8.6, §11). */
public final class KitWriter {
    static final String FORMAT = "mtk-kit";
    private static final String USERDATA_NOTE = "USERDATA_README.txt";

    private KitWriter() {
    }

    /** An image of the kit: its name in the chosen style and its region. */
    record Entry(GfhImage image, String name, KitRegion region) {
    }

    /** What will be written. */
    public record Plan(List<Entry> images, MtkCfg cfg, String cfgName, List<String> notes) {
    }

    public static Plan plan(MtkRomLayout layout, MtkKit.Options o) throws IOException {
        switch (layout.kind()) {
            case READBACK:
                break;
            case PRE_SV5:
                throw new UnsupportedFormatException(FORMAT, -1, "/", "a pre-SV5 dump has no GFH headers, so the image"
                        + " boundaries are unknown; kits of such dumps are not supported yet");
            case IMAGE:
                throw new FormatException(FORMAT, 0, "/", "this is a single kit file (" + layout.images().get(0).name()
                        + "), not a readback to cut into a kit");
            default:
                throw new FormatException(FORMAT, -1, "/", "not a MediaTek readback (" + layout.kind().name()
                        .toLowerCase(Locale.ROOT) + "): nothing to extract");
        }
        List<String> notes = new ArrayList<>();
        List<GfhImage> usable = new ArrayList<>();
        for (GfhImage g : layout.images()) {
            String where = g.name() + " at " + Text.hex(g.offset());
            if (g.info().region() == KitRegion.NOT_FLASHABLE) {
                notes.add(where + " (" + g.info().typeName() + ") is not a kit file type; left out");
                continue;
            }
            if (!g.complete()) {
                String why = where + " is incomplete: " + Text.hex(g.bytesPresent()) + " of "
                        + Text.hex(g.info().fileLength()) + " bytes are in the dump";
                if (!o.force()) {
                    throw new FormatException(FORMAT, g.offset() + g.bytesPresent(), "/images/" + g.name(),
                            why + "; the kit would not flash. Read the whole chip again (force writes the complete"
                                    + " images only)");
                }
                notes.add(why + "; left out (forced)");
                continue;
            }
            if (g.signature() == GfhImage.Signature.PHASH_MISMATCH) {
                String why = where + " fails its PHASH check: the phone will not boot with it";
                if (!o.force()) {
                    throw new FormatException(FORMAT, g.offset(), "/images/" + g.name(), why
                            + " (force writes it anyway)");
                }
                notes.add(why + "; written anyway (forced)");
            }
            usable.add(g);
        }
        if (usable.stream().noneMatch(g -> g.info().fileType() == GfhNames.PRIMARY_MAUI)) {
            if (!o.force()) {
                throw new FormatException(FORMAT, -1, "/images", "no complete ROM (PRIMARY_MAUI) image in the dump");
            }
            notes.add("no ROM image: the kit cannot boot a phone on its own (forced)");
        }
        List<Entry> entries = name(usable, o.style());

        String platform = o.platform().or(() -> layout.identification().platform()).orElseThrow(() ->
                new FormatException(FORMAT, -1, "/identification/platform", "the ROM names no platform; give it"
                        + " (e.g. MT6261) for the cfg's platform line"));
        List<FlashId> ids = o.flashIds().isEmpty() ? romIds(layout) : o.flashIds();
        if (ids.isEmpty()) {
            throw new FormatException(FORMAT, -1, "/flash_ids", "the ROM lists no flash IDs; give them for the cfg"
                    + " (the downloader compares them with the phone's chip)");
        }
        String memory = o.memoryType().orElse(platform.equals("MT2501") || platform.equals("MT2502")
                ? MtkCfg.PSRAM_130 : MtkCfg.PSRAM_166);
        List<MtkCfg.FlashInfo> infos = new ArrayList<>();
        for (FlashId id : ids) {
            infos.add(MtkCfg.FlashInfo.of(id, memory));
        }
        MtkCfg cfg = new MtkCfg(Optional.of(platform), files(entries, KitRegion.BOOT),
                files(entries, KitRegion.CONTROL_BLOCK), files(entries, KitRegion.MAIN),
                files(entries, KitRegion.FILE_SYSTEM), "v1", infos);
        String cfgName = o.style() == KitStyle.READBACK_EXTRACTOR ? "config_mtk.cfg"
                : layout.identification().value(Identification.Key.PROJECT).filter(p -> p.matches("[A-Za-z0-9_]+"))
                        .map(p -> p + "_BB.cfg").orElse("flash.cfg");
        return new Plan(entries, cfg, cfgName, notes);
    }

    /** The ROM's CMEM list, one entry per chip (spec §8.4: the ROM's list, in order). */
    private static List<FlashId> romIds(MtkRomLayout layout) {
        List<FlashId> out = new ArrayList<>();
        for (FlashId id : layout.flashIds()) {
            if (out.stream().noneMatch(id::sameChip)) {
                out.add(id);
            }
        }
        return out;
    }

    private static List<String> files(List<Entry> entries, KitRegion region) {
        return entries.stream().filter(e -> e.region() == region).map(Entry::name).toList();
    }

    /**
     * Names and orders the images: the boot region starts with the ARM_BL, then ROOT_CERT, then
     * EXT_BL (cfgGen's order), other types follow in flash order.
     */
    static List<Entry> name(List<GfhImage> images, KitStyle style) {
        List<GfhImage> sorted = new ArrayList<>(images);
        sorted.sort((a, b) -> {
            int ra = bootRank(a);
            int rb = bootRank(b);
            return ra != rb ? Integer.compare(ra, rb) : Long.compare(a.offset(), b.offset());
        });
        List<Entry> out = new ArrayList<>();
        int main = 0;
        for (GfhImage g : sorted) {
            KitRegion region = g.info().region();
            String name = g.name();
            if (style == KitStyle.READBACK_EXTRACTOR) {
                if (g.info().fileType() == GfhNames.ARM_BL) {
                    name = "INT_BOOTLOADER";
                } else if (region == KitRegion.MAIN) {
                    name = String.format(Locale.ROOT, "FILE_%02d_mtk", ++main);
                }
            }
            String unique = name;
            for (int k = 2; taken(out, unique); k++) {
                unique = name + "_" + k;
            }
            name = unique;
            out.add(new Entry(g, name, region));
        }
        return out;
    }

    private static boolean taken(List<Entry> entries, String name) {
        return entries.stream().anyMatch(e -> e.name().equals(name));
    }

    private static int bootRank(GfhImage g) {
        return switch (g.info().fileType()) {
            case GfhNames.ARM_BL -> 0;
            case GfhNames.ROOT_CERT -> 1;
            case GfhNames.ARM_EXT_BL -> 2;
            default -> 3;
        };
    }

    public static MtkKit.Result write(ImageReader dump, MtkRomLayout layout, Path folder, MtkKit.Options o,
                                      List<Path> inputs, ProgressListener progress) throws IOException {
        if (dump.size() != layout.length()) {
            throw new IllegalArgumentException("the layout is of another input: 0x" + Long.toHexString(layout.length())
                    + " bytes, the reader has 0x" + Long.toHexString(dump.size()));
        }
        Plan plan = plan(layout, o);
        List<String> notes = new ArrayList<>(plan.notes());
        ExtractionRoot root = ExtractionRoot.of(folder);
        List<SafeOutput> outputs = new ArrayList<>();
        List<MtkKit.KitFile> files = new ArrayList<>();
        try {
            long total = plan.images().stream().mapToLong(e -> e.image().info().fileLength()).sum();
            List<UserData> userData = o.withUserData() ? userData(layout, notes) : List.of();
            total += userData.stream().mapToLong(UserData::bytesPresent).sum();
            long[] done = {0};
            for (Entry e : plan.images()) {
                GfhImage g = e.image();
                SafeOutput out = open(root, e.name(), inputs, outputs);
                String sha = copy(dump, g.offset(), g.info().fileLength(), out.channel(), progress, done, total);
                verifyImage(out, g);
                files.add(new MtkKit.KitFile(e.name(), "image", e.region(), g.offset(), g.info().fileLength(), sha));
            }
            String cfgText = plan.cfg().toText(o.style());
            MtkCfg.Parsed check = MtkCfg.parse(cfgText);
            if (!check.valid() || !check.cfg().bootFiles().equals(plan.cfg().bootFiles())
                    || !check.cfg().mainFiles().equals(plan.cfg().mainFiles())
                    || check.cfg().flashInfos().size() != plan.cfg().flashInfos().size()) {
                throw new IllegalStateException("the written cfg does not read back: " + check.findings());
            }
            files.add(text(root, plan.cfgName(), cfgText, "cfg", inputs, outputs));
            for (UserData u : userData) {
                String name = String.format(Locale.ROOT, "USERDATA_%08X_%08X.bin", u.flashOffset(), u.bytesPresent());
                SafeOutput out = open(root, name, inputs, outputs);
                String sha = copy(dump, Math.max(u.offset(), 0), u.bytesPresent(), out.channel(), progress, done, total);
                files.add(new MtkKit.KitFile(name, "userdata", KitRegion.NOT_FLASHABLE, u.offset(), u.bytesPresent(), sha));
            }
            if (!userData.isEmpty()) {
                files.add(text(root, USERDATA_NOTE, userDataNote(userData), "note", inputs, outputs));
            }
            files.add(text(root, "REPORT.txt", report(layout, plan, files, notes, o), "report", inputs, outputs));
            for (SafeOutput out : outputs) {
                out.commit();
            }
            return new MtkKit.Result(root.path(), files, plan.cfg(), notes);
        } finally {
            IOException first = null;
            for (SafeOutput out : outputs) {
                try {
                    out.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * FAT and SDS as the dump covers them: one file when they touch (the corpus: FAT ends where
     * SDS starts), else one each.
     */
    private static List<UserData> userData(MtkRomLayout layout, List<String> notes) {
        List<UserData> ranges = new ArrayList<>(layout.userData());
        ranges.sort((a, b) -> Long.compare(a.flashOffset(), b.flashOffset()));
        List<UserData> out = new ArrayList<>();
        for (UserData u : ranges) {
            if (u.bytesPresent() == 0) {
                notes.add(u.name() + " (" + Text.hex(u.flashOffset()) + " + " + Text.hex(u.length()) + ") is not in the"
                        + " dump: no user data backup for it");
                continue;
            }
            if (u.offset() < 0) {
                notes.add(u.name() + " starts before the dump; left out");
                continue;
            }
            if (!u.covered()) {
                notes.add(u.name() + " is only partly in the dump (" + Text.hex(u.bytesPresent()) + " of "
                        + Text.hex(u.length()) + " bytes)");
            }
            UserData last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.covered() && last.flashOffset() + last.length() == u.flashOffset()) {
                out.set(out.size() - 1, new UserData(last.name() + "+" + u.name(), last.flashOffset(),
                        last.length() + u.length(), last.offset(), last.bytesPresent() + u.bytesPresent(),
                        last.sourceOffset()));
            } else {
                out.add(u);
            }
        }
        return out;
    }

    private static SafeOutput open(ExtractionRoot root, String name, List<Path> inputs, List<SafeOutput> outputs)
            throws IOException {
        SafeOutput out = SafeOutput.create(root.resolve(name), inputs);
        outputs.add(out);
        return out;
    }

    private static String copy(ImageReader dump, long from, long length, FileChannel ch, ProgressListener progress,
                               long[] done, long total) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Scan.WINDOW, Math.max(1, length)));
        for (long pos = 0; pos < length; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            dump.readFully(from + pos, buf);
            buf.flip();
            sha.update(buf.array(), 0, buf.limit());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            pos += buf.limit();
            done[0] += buf.limit();
            progress.progress(done[0], total);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** PYF asserts this before flashing: a valid FILE_INFO whose file_len is the file's size. */
    private static void verifyImage(SafeOutput out, GfhImage g) throws IOException {
        FileChannel ch = out.channel();
        ByteBuffer head = ByteBuffer.allocate(FileInfo.SIZE);
        ch.read(head, 0);
        byte[] b = head.array();
        FileInfo fi = Gfh.fileInfo(b, 0);
        if (!Arrays.equals(b, 0, Gfh.FILE_INFO_KEY.length, Gfh.FILE_INFO_KEY, 0, Gfh.FILE_INFO_KEY.length)
                || Gfh.violation(fi) != null || fi.fileLength() != ch.size()) {
            throw new IOException("the written " + out.target().getFileName() + " does not re-parse as its image (file_len "
                    + Text.hex(fi.fileLength()) + ", size " + Text.hex(ch.size()) + ")");
        }
    }

    private static MtkKit.KitFile text(ExtractionRoot root, String name, String text, String kind, List<Path> inputs,
                                       List<SafeOutput> outputs) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        SafeOutput out = open(root, name, inputs, outputs);
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            out.channel().write(buf);
        }
        return new MtkKit.KitFile(name, kind, KitRegion.NOT_FLASHABLE, -1, b.length,
                HexFormat.of().formatHex(sha256().digest(b)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String userDataNote(List<UserData> ranges) {
        StringBuilder sb = new StringBuilder();
        sb.append("These files are the user-data range of the phone this dump was read from:\n");
        for (UserData u : ranges) {
            sb.append(String.format(Locale.ROOT, "  USERDATA_%08X_%08X.bin  %s, flash 0x%X + 0x%X%n", u.flashOffset(),
                    u.bytesPresent(), u.name(), u.flashOffset(), u.bytesPresent()));
        }
        sb.append("\nThey hold that phone's own data under MediaTek's NOR file system: IMEI, RF calibration,\n"
                + "Bluetooth pairings, settings and user files. They are NOT part of the flashable kit, and a\n"
                + "kit download formats this range. Restoring them needs a raw write to the same flash\n"
                + "addresses of the SAME phone; written into another phone they clone its IMEI and\n"
                + "calibration.\n");
        return sb.toString();
    }

    private static String report(MtkRomLayout layout, Plan plan, List<MtkKit.KitFile> files, List<String> notes,
                                 MtkKit.Options o) {
        StringBuilder sb = new StringBuilder();
        sb.append("fwkit MediaTek kit (").append(o.style().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append(" style)\n\nKit files\n");
        for (MtkKit.KitFile f : files) {
            sb.append(String.format(Locale.ROOT, "  %-64s %-8s %10d bytes  sha256 %s%n", f.name(), f.kind(), f.length(),
                    f.sha256()));
        }
        sb.append("  REPORT.txt (this file)\n");
        if (!notes.isEmpty()) {
            sb.append("\nNotes\n");
            for (String n : notes) {
                sb.append("  ").append(n).append('\n');
            }
        }
        sb.append("\nThe cfg's memory_type (").append(plan.cfg().flashInfos().get(0).memoryType())
                .append(") is not recorded in a dump; use the original cfg's value if you have it.\n\n");
        sb.append(Report.text(layout));
        return sb.toString();
    }
}
