package io.github.fwkit.mtk.internal;

import io.github.fwkit.mtk.ChipSize;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhImage;
import io.github.fwkit.mtk.HeaderBlock;
import io.github.fwkit.mtk.Identification;
import io.github.fwkit.mtk.MtkRomLayout;
import io.github.fwkit.mtk.Region;
import io.github.fwkit.mtk.UserData;

import java.util.Locale;

/** The plain-text rendering of a layout (also the body of a kit's REPORT.txt). */
public final class Report {
    private Report() {
    }

    public static String text(MtkRomLayout l) {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (l.kind()) {
            case READBACK -> "MediaTek serial-flash readback";
            case IMAGE -> "MediaTek GFH image (a kit file)";
            case PRE_SV5 -> "MediaTek pre-SV5 NOR dump (no GFH)";
            case BLANK -> "Blank or failed read";
            case UNKNOWN -> "Not a MediaTek NOR readback";
        });
        sb.append(": ").append(Text.size(l.length())).append(" (").append(Text.hex(l.length())).append(" bytes, ")
                .append(l.lengthClass()).append(" length)");
        if (l.kind() == MtkRomLayout.Kind.READBACK && l.base() != 0) {
            sb.append(l.base() > 0 ? ", flash 0 at " + Text.hex(l.base()) : ", starts at flash " + Text.hex(-l.base()));
        }
        sb.append('\n');
        sb.append("Health: ").append(l.health().verdict()).append(", score ").append(l.health().score()).append('\n');

        if (!l.identification().items().isEmpty()) {
            sb.append("\nIdentification\n");
            for (Identification.Item i : l.identification().items()) {
                sb.append(String.format(Locale.ROOT, "  %-19s %-40s %s @%s%n", label(i.key()), i.value(), i.source(),
                        Text.hex(i.offset())));
            }
        }
        if (!l.flashIds().isEmpty()) {
            sb.append("\nFlash IDs the firmware supports\n");
            for (FlashId f : l.flashIds()) {
                sb.append(String.format(Locale.ROOT, "  %-24s %-16s %-8s %s @%s%n", f.hex(),
                        f.manufacturer().orElse("unknown vendor"),
                        f.capacity().isPresent() ? Text.size(f.capacity().getAsLong()) : "",
                        f.source(), Text.hex(f.offset())));
            }
        }
        l.header().ifPresent(h -> {
            sb.append("\nHeader block: SF_BOOT at ").append(Text.hex(h.offset())).append(", dev_rw_unit ")
                    .append(Text.hex(h.devRwUnit()));
            h.layout().ifPresentOrElse(b -> {
                sb.append(", BRLYT at ").append(Text.hex(b.offset())).append(", boot region ")
                        .append(Text.hex(b.bootRegionAddress())).append(", main region ")
                        .append(Text.hex(b.mainRegionAddress())).append('\n');
                for (HeaderBlock.Descriptor d : b.used()) {
                    sb.append(String.format(Locale.ROOT, "  slot %d: %s dev %d, %s..%s, attribute %s%n", d.slot(),
                            GfhNames.fileType(d.type()), d.device(), Text.hex(d.begin()), Text.hex(d.boundary()),
                            Text.hex(d.attribute())));
                }
            }, () -> sb.append(", no BRLYT\n"));
        });
        if (!l.images().isEmpty()) {
            sb.append("\nImages\n");
            sb.append(String.format(Locale.ROOT, "  %-3s %-58s %-14s %-10s %-10s %-10s %-10s %s%n", "#", "name",
                    "type", "offset", "flash", "file_len", "load", "signature"));
            int i = 0;
            for (GfhImage g : l.images()) {
                sb.append(String.format(Locale.ROOT, "  %-3d %-58s %-14s %-10s %-10s %-10s %-10s %s%s%n", i++, g.name(),
                        g.info().typeName(), Text.hex(g.offset()), g.flashOffset() < 0 ? "?" : Text.hex(g.flashOffset()),
                        Text.hex(g.info().fileLength()), Text.hex(g.info().loadAddress()), g.signature(),
                        g.complete() ? "" : "  INCOMPLETE (" + Text.hex(g.bytesPresent()) + " present)"));
            }
        }
        ChipSize c = l.chipSize();
        if (c.known()) {
            sb.append("\nChip size: ").append(Text.size(c.bytes())).append(" (").append(c.source()).append(")\n");
            for (ChipSize.Estimate e : c.estimates()) {
                sb.append("  ").append(Text.size(e.bytes())).append(": ").append(e.source()).append('\n');
            }
        }
        if (!l.userData().isEmpty()) {
            sb.append("\nUser data (this phone's own: IMEI, calibration, pairings; not part of a kit)\n");
            for (UserData u : l.userData()) {
                sb.append(String.format(Locale.ROOT, "  %-4s flash %s + %s  %s%n", u.name(), Text.hex(u.flashOffset()),
                        Text.hex(u.length()), u.covered() ? "in the dump"
                                : u.bytesPresent() == 0 ? "NOT in the dump" : "partly in the dump ("
                                + Text.hex(u.bytesPresent()) + " bytes)"));
            }
        }
        if (!l.regions().isEmpty()) {
            sb.append("\nRegions (every byte)\n");
            for (Region r : l.regions()) {
                sb.append(String.format(Locale.ROOT, "  %-10s..%-10s %-12s %-58s %5.1f %% 0xFF%n", Text.hex(r.offset()),
                        Text.hex(r.end()), r.kind(), r.label(), 100 * r.erasedFraction()));
            }
        }
        sb.append("\nFindings\n");
        if (l.findings().isEmpty()) {
            sb.append("  none\n");
        }
        for (Finding f : l.findings()) {
            sb.append("  ").append(f).append('\n');
        }
        return sb.toString();
    }

    private static String label(Identification.Key k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
