package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ExtractionRoot;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FileInfo;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.Finding.Severity;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.KitRegion;
import io.github.fwkit.mtk.MtkCfg;
import io.github.fwkit.mtk.MtkRomLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A cfg against the kit folder beside it (spec §8.5). */
public final class KitCheck {
    private KitCheck() {
    }

    public static List<Finding> check(Path cfgPath) throws IOException {
        MtkCfg.Parsed parsed = CfgParser.parse(cfgPath);
        List<Finding> out = new ArrayList<>(parsed.findings());
        MtkCfg cfg = parsed.cfg();
        Path dir = cfgPath.toAbsolutePath().getParent();
        Path rom = null;
        for (KitRegion region : List.of(KitRegion.BOOT, KitRegion.CONTROL_BLOCK, KitRegion.MAIN, KitRegion.FILE_SYSTEM)) {
            List<String> files = cfg.files(region);
            for (int i = 0; i < files.size(); i++) {
                String name = files.get(i);
                String path = "/" + region.keyword() + "/rom[" + i + "]";
                Optional<FileInfo> fi = image(dir, name, path, out);
                if (fi.isEmpty()) {
                    continue;
                }
                FileInfo info = fi.get();
                if (info.region() != region) {
                    out.add(new Finding(Severity.ERROR, "cfg-region-type", name + " is " + info.typeName()
                            + ", which belongs in " + (info.region() == KitRegion.NOT_FLASHABLE ? "no region"
                            : info.region().keyword()) + ", not in " + region.keyword(), -1, path));
                }
                if (region == KitRegion.BOOT && i == 0 && info.fileType() != GfhNames.ARM_BL) {
                    out.add(new Finding(Severity.ERROR, "cfg-bl-order", "the boot region must start with the first"
                            + " bootloader (ARM_BL); " + name + " is " + info.typeName(), -1, path));
                }
                if (rom == null && info.fileType() == GfhNames.PRIMARY_MAUI) {
                    rom = dir.resolve(name);
                }
            }
        }
        if (rom != null) {
            compareWithRom(cfg, rom, out);
        } else if (!cfg.mainFiles().isEmpty()) {
            out.add(new Finding(Severity.WARNING, "cfg-no-rom", "no readable ROM (PRIMARY_MAUI) among the main-region"
                    + " files: flash IDs and platform not compared", -1, "/main_region"));
        }
        return out;
    }

    /** The FILE_INFO of a listed file, or empty after adding a finding. */
    private static Optional<FileInfo> image(Path dir, String name, String path, List<Finding> out) throws IOException {
        String unsafe = ExtractionRoot.unsafeReason(name);
        if (unsafe != null) {
            out.add(new Finding(Severity.ERROR, "cfg-file-missing", "\"" + Text.cString(name.getBytes(
                    java.nio.charset.StandardCharsets.ISO_8859_1), 0, 200) + "\" is not a plain relative name ("
                    + unsafe + "); not read", -1, path));
            return Optional.empty();
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            out.add(new Finding(Severity.ERROR, "cfg-file-missing", name + ": no such file beside the cfg", -1, path));
            return Optional.empty();
        }
        try (ImageReader r = ImageReader.openRaw(file)) {
            if (r.size() < FileInfo.SIZE || !Arrays.equals(r.readBytes(0, Gfh.FILE_INFO_KEY.length), Gfh.FILE_INFO_KEY)) {
                out.add(new Finding(Severity.ERROR, "cfg-file-not-gfh", name + " does not start with a GFH FILE_INFO:"
                        + " the downloader cannot classify it", -1, path));
                return Optional.empty();
            }
            FileInfo fi = Gfh.fileInfo(r.readBytes(0, FileInfo.SIZE), 0);
            String why = Gfh.violation(fi);
            if (why != null) {
                out.add(new Finding(Severity.ERROR, "cfg-file-gfh", name + ": FILE_INFO " + why, -1, path));
                return Optional.empty();
            }
            if (fi.fileLength() != r.size()) {
                out.add(new Finding(Severity.ERROR, "cfg-file-length", name + " is " + Text.hex(r.size())
                        + " bytes but its file_len says " + Text.hex(fi.fileLength()), -1, path));
            }
            if (!fi.postBuildDone()) {
                out.add(new Finding(Severity.ERROR, "cfg-file-gfh", name + " is not post-built (attr "
                        + Text.hex(fi.attributes()) + "): a build intermediate", -1, path));
            }
            return Optional.of(fi);
        }
    }

    private static void compareWithRom(MtkCfg cfg, Path rom, List<Finding> out) throws IOException {
        MtkRomLayout layout;
        try {
            layout = MtkRomLayout.analyze(rom);
        } catch (FormatException e) {
            out.add(new Finding(Severity.WARNING, "cfg-no-rom", rom.getFileName() + ": " + e.getMessage(), -1, ""));
            return;
        }
        Optional<String> platform = layout.identification().platform();
        if (platform.isPresent() && cfg.platform().isPresent() && !platform.get().equals(cfg.platform().get())) {
            out.add(new Finding(Severity.ERROR, "cfg-platform", "platform " + cfg.platform().get() + " but the ROM is "
                    + platform.get(), -1, "/general/platform"));
        }
        List<FlashId> ids = layout.flashIds();
        for (FlashId id : ids) {
            if (cfg.flashInfos().stream().noneMatch(f -> f.matches(id))) {
                out.add(new Finding(Severity.WARNING, "cfg-id-missing", "the ROM supports flash " + id.hex()
                        + id.manufacturer().map(m -> " (" + m + ")").orElse("") + " but the cfg does not list it:"
                        + " a phone with that chip gets \"Flash IDs are not match with target\"", id.offset(),
                        "/external_memory/parameters"));
            }
        }
        for (MtkCfg.FlashInfo f : cfg.flashInfos()) {
            if (!ids.isEmpty() && ids.stream().noneMatch(f::matches)) {
                out.add(new Finding(Severity.WARNING, "cfg-id-extra", "the cfg lists flash " + f.hex() + " but the ROM"
                        + " has no driver entry for it: the download would pass and the firmware not run",
                        -1, "/external_memory/parameters"));
            }
        }
    }
}
