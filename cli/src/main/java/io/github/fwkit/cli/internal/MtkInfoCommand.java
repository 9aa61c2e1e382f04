package io.github.fwkit.cli.internal;

import io.github.fwkit.mtk.ChipSize;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhImage;
import io.github.fwkit.mtk.GfhRecord;
import io.github.fwkit.mtk.HeaderBlock;
import io.github.fwkit.mtk.HealthReport;
import io.github.fwkit.mtk.Identification;
import io.github.fwkit.mtk.MtkRomLayout;
import io.github.fwkit.mtk.Region;
import io.github.fwkit.mtk.UserData;
import io.github.fwkit.mtk.VivaPart;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static io.github.fwkit.cli.internal.MtkSupport.hex;
import static io.github.fwkit.cli.internal.MtkSupport.lower;

/** {@code fwkit mtk info}: layout, identification, flash IDs, regions and a health summary of a dump. */
final class MtkInfoCommand extends MtkDumpCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("info", "Show what a MediaTek readback or kit file holds: chip, firmware, images,"
                + " flash IDs, every byte.")
                .description("Identifies the platform (MT2502, MT6261, ...), build, HW version and build date with the"
                        + " offsets they were read at; lists the flash chips the firmware supports, the header block"
                        + " (SF_BOOT, BRLYT), every GFH image, the user-data ranges (FAT, SDS), the expected chip size"
                        + " and regions that account for every byte; ends with the health verdict and its errors"
                        + " and warnings (all findings: fwkit mtk health). Dumps of any length are read. Exit code 1"
                        + " when the file is not a MediaTek dump at all (blank, random, another format), else 0,"
                        + " whatever the health.")
                .positional("DUMP", "The readback (Flash Tool Readback file, e.g. ROM_0), or one kit file (ROM, VIVA,"
                        + " EXT_BOOTLOADER, ...). Android sparse files are read through.")
                .examples(
                        "  fwkit mtk info ROM_0",
                        "  fwkit mtk info kit/ROM                       which kit file is this?",
                        "  fwkit mtk info --json ROM_0 | jq '.identification'");
    }

    @Override
    void set(String name, String value) {
        if ("DUMP".equals(name)) {
            file = Path.of(value);
        } else {
            super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        MtkRomLayout l = analyze(true);
        long size = Files.size(file);
        List<String> hints = MtkSupport.hints(l, file, true);
        if (ctx.json) {
            printJson(ctx, l, size, hints);
        } else {
            printText(ctx.out, l, hints);
        }
        return Cli.EXIT_OK;
    }

    private void printText(PrintWriter out, MtkRomLayout l, List<String> hints) {
        out.println(file + ": " + MtkInfoCommand.kindText(l) + ", " + Units.bytes(l.length()) + " (" + hex(l.length())
                + " bytes, " + l.lengthClass() + " length)" + baseText(l));
        HealthReport h = l.health();
        out.println("  health  " + h.verdict() + ", score " + h.score() + ": " + MtkSupport.counts(h.findings()));

        List<Identification.Item> items = l.identification().items();
        if (!items.isEmpty()) {
            out.println();
            out.println("Identification");
            MtkSupport.Table t = new MtkSupport.Table();
            for (Identification.Item i : items) {
                t.row(lower(i.key()).replace('_', ' '), i.value(), i.source() + " @" + hex(i.offset()));
            }
            t.print(out, "  ");
        }
        if (!l.flashIds().isEmpty()) {
            out.println();
            out.println("Flash IDs the firmware supports");
            MtkSupport.Table t = new MtkSupport.Table();
            for (FlashId f : l.flashIds()) {
                t.row(MtkSupport.idHex(f), f.manufacturer().isPresent() ? f.manufacturer().get() : "unknown vendor",
                        MtkSupport.capacity(f), f.source() + " @" + hex(f.offset()));
            }
            t.print(out, "  ");
        }
        if (l.header().isPresent()) {
            HeaderBlock hb = l.header().get();
            out.println();
            out.println("Header block");
            out.println("  SF_BOOT at " + hex(hb.offset()) + ", version " + hb.version() + ", dev_rw_unit "
                    + hex(hb.devRwUnit()));
            if (hb.layout().isPresent()) {
                HeaderBlock.Layout b = hb.layout().get();
                out.println("  BRLYT at " + hex(b.offset()) + ", version " + b.version() + ", boot region "
                        + hex(b.bootRegionAddress()) + ", main region " + hex(b.mainRegionAddress()));
                MtkSupport.Table t = new MtkSupport.Table();
                for (HeaderBlock.Descriptor d : b.used()) {
                    t.row("slot " + d.slot(), blType(d.type()), "dev " + d.device(),
                            hex(d.begin()) + ".." + hex(d.boundary()), "attribute " + hex(d.attribute()));
                }
                t.print(out, "    ");
            } else {
                out.println("  no BRLYT");
            }
        }
        if (!l.images().isEmpty()) {
            out.println();
            out.println("Images");
            MtkSupport.Table t = new MtkSupport.Table();
            t.row("#", "name", "type", "offset", "flash", "file_len", "load", "signature");
            int n = 0;
            for (GfhImage g : l.images()) {
                t.row(Integer.toString(n++), g.name(), g.info().typeName(), hex(g.offset()),
                        g.flashOffset() < 0 ? "?" : hex(g.flashOffset()), hex(g.info().fileLength()),
                        hex(g.info().loadAddress()), g.signature().name() + (g.complete() ? ""
                                : "  INCOMPLETE: " + hex(g.bytesPresent()) + " bytes present"));
            }
            t.print(out, "  ");
        }
        ChipSize c = l.chipSize();
        if (c.known()) {
            out.println();
            out.println("Chip size  " + Units.bytes(c.bytes()) + " (" + c.source() + ")");
            for (ChipSize.Estimate e : c.estimates()) {
                out.println("  " + Units.bytes(e.bytes()) + ": " + e.source()
                        + (e.offset() >= 0 ? " @" + hex(e.offset()) : ""));
            }
        }
        if (!l.userData().isEmpty()) {
            out.println();
            out.println("User data (this phone's own: IMEI, calibration, pairings; not part of a kit)");
            MtkSupport.Table t = new MtkSupport.Table();
            for (UserData u : l.userData()) {
                t.row(u.name(), "flash " + hex(u.flashOffset()) + " + " + hex(u.length()), u.covered() ? "in the dump"
                        : u.bytesPresent() == 0 ? "NOT in the dump"
                        : "partly in the dump (" + hex(u.bytesPresent()) + " bytes)");
            }
            t.print(out, "  ");
        }
        if (!l.viva().isEmpty()) {
            out.println();
            out.println("VIVA parts (for identification; not decompressed)");
            MtkSupport.Table t = new MtkSupport.Table();
            for (VivaPart v : l.viva()) {
                t.row(v.name(), hex(v.address()), "@" + hex(v.offset()), hex(v.size()) + " bytes", v.detail());
            }
            t.print(out, "  ");
        }
        if (!l.regions().isEmpty()) {
            out.println();
            out.println("Regions (every byte)");
            MtkSupport.Table t = new MtkSupport.Table();
            for (Region r : l.regions()) {
                t.row(hex(r.offset()) + ".." + hex(r.end()), lower(r.kind()), r.label(),
                        Units.percent(r.erasedBytes(), r.length()) + " 0xFF");
            }
            t.print(out, "  ");
        }
        out.println();
        int notes = MtkSupport.count(h.findings())[2];
        out.println("Health  " + h.verdict() + ", score " + h.score() + (notes == 0 ? ""
                : " (" + MtkSupport.plural(notes, "note") + ": fwkit mtk health " + Cli.quote(file.toString()) + ")"));
        boolean any = false;
        for (Finding f : h.findings()) {
            if (f.severity() != Finding.Severity.INFO) {
                out.println("  " + MtkSupport.findingLine(f, false));
                any = true;
            }
        }
        if (!any) {
            out.println("  no errors, no warnings");
        }
        MtkSupport.printHints(out, hints);
    }

    /** {@code MediaTek serial-flash readback}, ... */
    static String kindText(MtkRomLayout l) {
        switch (l.kind()) {
            case READBACK: return "MediaTek serial-flash readback";
            case IMAGE: return "MediaTek GFH image (a kit file)";
            case PRE_SV5: return "MediaTek pre-SV5 NOR dump (no GFH)";
            case BLANK: return "blank or failed read";
            default: return "not a MediaTek NOR readback";
        }
    }

    private static String baseText(MtkRomLayout l) {
        if (l.kind() != MtkRomLayout.Kind.READBACK || l.base() == 0) {
            return "";
        }
        return l.base() > 0 ? ", flash 0 at " + hex(l.base()) : ", starts at flash " + hex(-l.base());
    }

    /** A BRLYT {@code bl_type}. */
    static String blType(int type) {
        switch (type) {
            case 1: return "ARM_BL";
            case 2: return "ARM_EXT_BL";
            default: return "type " + hex(type);
        }
    }

    private void printJson(Context ctx, MtkRomLayout l, long size, List<String> hints) {
        Json j = new Json(ctx.out);
        j.beginObject()
                .field("path", file.toString())
                .field("file_size", size)
                .field("kind", lower(l.kind()))
                .field("length", l.length())
                .field("length_class", l.lengthClass())
                .field("base", l.base());
        j.name("identification").beginArray();
        for (Identification.Item i : l.identification().items()) {
            j.beginObject()
                    .field("key", lower(i.key()))
                    .field("value", i.value())
                    .field("offset", i.offset())
                    .field("source", i.source())
                    .endObject();
        }
        j.endArray();
        j.name("flash_ids");
        MtkSupport.writeFlashIds(j, l.flashIds());
        j.name("header");
        if (l.header().isEmpty()) {
            j.nullValue();
        } else {
            HeaderBlock hb = l.header().get();
            j.beginObject()
                    .field("offset", hb.offset())
                    .field("version", hb.version())
                    .field("dev_rw_unit", hb.devRwUnit())
                    .name("brlyt");
            if (hb.layout().isEmpty()) {
                j.nullValue();
            } else {
                HeaderBlock.Layout b = hb.layout().get();
                j.beginObject()
                        .field("offset", b.offset())
                        .field("version", b.version())
                        .field("boot_region_address", b.bootRegionAddress())
                        .field("main_region_address", b.mainRegionAddress())
                        .name("descriptors").beginArray();
                for (HeaderBlock.Descriptor d : b.used()) {
                    j.beginObject()
                            .field("slot", d.slot())
                            .field("offset", d.offset())
                            .field("type", d.type())
                            .field("type_name", blType(d.type()))
                            .field("device", d.device())
                            .field("begin", d.begin())
                            .field("boundary", d.boundary())
                            .field("attribute", d.attribute())
                            .endObject();
                }
                j.endArray().endObject();
            }
            j.endObject();
        }
        j.name("images").beginArray();
        for (GfhImage g : l.images()) {
            j.beginObject()
                    .field("name", g.name())
                    .field("file_type", g.info().fileType())
                    .field("type_name", g.info().typeName())
                    .field("region", g.info().region().keyword().isEmpty() ? null : g.info().region().keyword())
                    .field("offset", g.offset())
                    .fieldOrNull("flash_offset", g.flashOffset())
                    .field("load_address", g.info().loadAddress())
                    .field("file_len", g.info().fileLength())
                    .field("bytes_present", g.bytesPresent())
                    .field("complete", g.complete())
                    .field("content_offset", g.info().contentOffset())
                    .field("jump_offset", g.info().jumpOffset())
                    .field("attributes", g.info().attributes())
                    .field("xip", g.info().xip())
                    .field("signature", lower(g.signature()))
                    .name("records").beginArray();
            for (GfhRecord r : g.records()) {
                j.beginObject()
                        .field("type", r.type())
                        .field("type_name", r.typeName())
                        .field("version", r.version())
                        .field("offset", r.offset())
                        .field("size", r.size())
                        .endObject();
            }
            j.endArray().endObject();
        }
        j.endArray();
        ChipSize c = l.chipSize();
        j.name("chip_size").beginObject()
                .fieldOrNull("bytes", c.known() ? c.bytes() : -1)
                .field("source", c.known() ? c.source() : null)
                .name("estimates").beginArray();
        for (ChipSize.Estimate e : c.estimates()) {
            j.beginObject()
                    .field("bytes", e.bytes())
                    .field("source", e.source())
                    .fieldOrNull("offset", e.offset())
                    .endObject();
        }
        j.endArray().endObject();
        j.name("user_data").beginArray();
        for (UserData u : l.userData()) {
            j.beginObject()
                    .field("name", u.name())
                    .field("flash_offset", u.flashOffset())
                    .field("length", u.length())
                    .field("offset", u.offset())
                    .field("bytes_present", u.bytesPresent())
                    .field("covered", u.covered())
                    .field("source_offset", u.sourceOffset())
                    .endObject();
        }
        j.endArray();
        j.name("viva").beginArray();
        for (VivaPart v : l.viva()) {
            j.beginObject()
                    .field("name", v.name())
                    .field("address", v.address())
                    .field("offset", v.offset())
                    .field("size", v.size())
                    .field("detail", v.detail())
                    .endObject();
        }
        j.endArray();
        j.name("regions").beginArray();
        for (Region r : l.regions()) {
            j.beginObject()
                    .field("offset", r.offset())
                    .field("length", r.length())
                    .field("kind", r.kind().name().toLowerCase(Locale.ROOT))
                    .field("label", r.label())
                    .field("erased_bytes", r.erasedBytes())
                    .endObject();
        }
        j.endArray();
        j.name("health");
        MtkSupport.writeHealth(j, l.health());
        j.name("hints");
        MtkSupport.writeStrings(j, hints);
        j.endObject();
        ctx.out.println();
    }
}
