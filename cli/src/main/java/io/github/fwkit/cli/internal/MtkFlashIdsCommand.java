package io.github.fwkit.cli.internal;

import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.FlashIdScanner;
import io.github.fwkit.mtk.MtkRomLayout;

import java.nio.file.Path;
import java.util.List;

import static io.github.fwkit.cli.internal.MtkSupport.hex;

/** {@code fwkit mtk flash-ids}: the flash chips a firmware supports, from a readback or a ROM. */
final class MtkFlashIdsCommand extends MtkDumpCommand {
    boolean all;

    @Override
    CommandSpec spec() {
        return new CommandSpec("flash-ids", "List the flash chip IDs a MediaTek firmware supports (for the .cfg),"
                + " from a readback or a ROM.")
                .description("Reads the ROM's CMEM_ID_INFO list (and the bootloaders' when present), else FLASH_INFO"
                        + " or the ROMINFO device list of older builds; each ID with its JEDEC manufacturer, the"
                        + " capacity its third byte implies, and the offset it was read at. Flash Tool refuses a kit"
                        + " whose cfg lacks the fitted chip (\"Flash IDs are not match with target\"). Exit code 3"
                        + " when a MediaTek file lists no flash IDs, 1 when the file is not a MediaTek dump.")
                .flag("--all", "List every entry found, with repeats (bootloader lists, a mirrored read), not just"
                        + " each chip once.")
                .positional("DUMP", "A readback, or a kit's ROM (or bootloader) file.")
                .examples(
                        "  fwkit mtk flash-ids ROM_0",
                        "  fwkit mtk flash-ids kit/ROM",
                        "  fwkit mtk flash-ids --json ROM_0 | jq -r '.chips[].id'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--all" -> all = true;
            case "DUMP" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        checkInput(file);
        FlashIdScanner.Result r = FlashIdScanner.scan(file);
        List<FlashId> chips = r.chips();
        if (chips.isEmpty()) {
            // Nothing found: the full analysis tells a ROM without a list from something else.
            analyze(true);
        }
        List<FlashId> shown = all ? r.ids() : chips;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject().field("path", file.toString()).name("chips");
            MtkSupport.writeFlashIds(j, chips);
            j.name("ids");
            MtkSupport.writeFlashIds(j, r.ids());
            j.name("findings");
            MtkSupport.writeFindings(j, r.findings());
            j.endObject();
            ctx.out.println();
        } else {
            var out = ctx.out;
            out.println(file + ": " + (chips.isEmpty() ? "no flash IDs found"
                    : MtkSupport.plural(chips.size(), "flash chip") + " supported by the firmware"
                    + (all ? " (" + r.ids().size() + (r.ids().size() == 1 ? " entry)" : " entries)") : "")));
            MtkSupport.Table t = new MtkSupport.Table();
            for (FlashId f : shown) {
                t.row(MtkSupport.idHex(f), f.manufacturer().isPresent() ? f.manufacturer().get() : "unknown vendor",
                        MtkSupport.capacity(f), f.flashType(), f.source() + " @" + hex(f.offset()));
            }
            t.print(out, "  ");
            for (Finding f : r.findings()) {
                out.println("  " + MtkSupport.findingLine(f, false));
            }
        }
        if (chips.isEmpty()) {
            boolean kitFile = layout.kind() == MtkRomLayout.Kind.IMAGE && layout.rom().isEmpty();
            ctx.err.println("fwkit: " + file + ": no flash IDs found" + (kitFile ? " in this "
                    + layout.images().get(0).info().typeName() + " image" : ""));
            ctx.err.println("hint: " + (kitFile ? "the flash IDs are coded in the kit's ROM: 'fwkit mtk flash-ids ROM'"
                    : "a cfg needs them; give the chip's JEDEC ID to extract with --flash-id (e.g. --flash-id"
                    + " C22538), from the chip's marking or a Flash Tool log"));
            return Cli.EXIT_PROBLEMS;
        }
        return Cli.EXIT_OK;
    }
}
