package io.github.fwkit.mtk.internal;

import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhImage;
import io.github.fwkit.mtk.Identification.Key;
import io.github.fwkit.mtk.MtkRomLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One-line summaries for format detection. */
final class Summary {
    private static final int MAX = 400;

    private Summary() {
    }

    static String of(MtkRomLayout l) {
        List<String> parts = new ArrayList<>();
        if (l.kind() == MtkRomLayout.Kind.IMAGE) {
            GfhImage g = l.images().get(0);
            parts.add("MediaTek GFH image " + g.info().typeName() + " (kit file " + g.name() + ")");
            parts.add(g.flashOffset() >= 0 ? "flash offset " + Text.hex(g.flashOffset()) : "flash offset from BRLYT");
            parts.add("load address " + Text.hex(g.info().loadAddress()));
            parts.add("file_len " + Text.hex(g.info().fileLength()));
            parts.add("signature " + g.signature());
        } else if (l.kind() == MtkRomLayout.Kind.PRE_SV5) {
            parts.add("MediaTek pre-SV5 NOR dump (no GFH; kit not supported yet)");
        } else {
            parts.add("MediaTek serial-flash readback");
            if (l.base() > 0) {
                parts.add("flash 0 at " + Text.hex(l.base()));
            } else if (l.base() < 0) {
                parts.add("starts at flash " + Text.hex(-l.base()));
            }
            parts.add(l.images().size() + " images");
        }
        l.identification().value(Key.PLATFORM).ifPresent(parts::add);
        l.identification().value(Key.VERNO).ifPresent(parts::add);
        l.identification().value(Key.HW_VERSION).ifPresent(v -> parts.add("HW " + v));
        if (!l.flashIds().isEmpty()) {
            parts.add("flash IDs " + l.flashIds().stream().map(FlashId::hex).distinct().collect(Collectors.joining(", ")));
        }
        if (l.kind() != MtkRomLayout.Kind.IMAGE) {
            parts.add(Text.size(l.length()) + " (" + l.lengthClass() + " length)");
        }
        parts.add("health " + l.health().verdict() + " " + l.health().score());
        String s = String.join(", ", parts);
        return s.length() > MAX ? s.substring(0, MAX - 3) + "..." : s;
    }
}
