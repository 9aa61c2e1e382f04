package io.github.fwkit.mtk.internal;

import io.github.fwkit.mtk.KitStyle;
import io.github.fwkit.mtk.MtkCfg;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes cfg text in the two layouts of spec §8.2 and §8.3. Both reproduce their originals byte
 * for byte on the corpus kit (the FLASHTOOL text equals the build's {@code SEEED02A_DEMO_BB.cfg};
 * the READBACK_EXTRACTOR text equals that tool's {@code config_mtk.cfg} except that the platform
 * is always written), quirks included: cfgGen's banner lines are not all alike, the tool puts
 * a space on its empty lines and after {@code external_memory:} and {@code parameters:}.
 */
public final class CfgWriter {
    /** What MediaTek's parser can take back as a file name: no spaces, '#' or control characters. */
    private static final Pattern SAFE_NAME = Pattern.compile("[!-\"$-~]{1,200}");
    private static final String RULE = "#".repeat(108);
    /** Comments start in this column in both layouts. */
    private static final int COMMENT_COLUMN = 27;
    private static final String ALIGNMENT = "  alignment: block         # block[default], page(NAND:2K/512B, NOR: 1KB,"
            + " eMMC: 512B, SF: 256B)";

    private CfgWriter() {
    }

    public static String write(MtkCfg cfg, KitStyle style) {
        for (List<String> files : List.of(cfg.bootFiles(), cfg.controlBlockFiles(), cfg.mainFiles(),
                cfg.fileSystemFiles())) {
            for (String f : files) {
                if (!SAFE_NAME.matcher(f).matches()) {
                    throw new IllegalArgumentException("file name \"" + f + "\" cannot be read back by MediaTek's"
                            + " parser (spaces, '#', control characters or over 200 characters)");
                }
            }
        }
        String platform = cfg.platform().orElse("");
        if (!platform.isEmpty() && !SAFE_NAME.matcher(platform).matches()) {
            throw new IllegalArgumentException("platform \"" + platform + "\" cannot be written");
        }
        for (MtkCfg.FlashInfo f : cfg.flashInfos()) {
            if (!SAFE_NAME.matcher(f.memoryType()).matches() || !SAFE_NAME.matcher(f.flashType()).matches()) {
                throw new IllegalArgumentException("flash_info " + f + " cannot be written");
            }
        }
        if (!MtkCfg.PARAMETER_VERSIONS.contains(cfg.parametersVersion())) {
            throw new IllegalArgumentException("parameters_version " + cfg.parametersVersion());
        }
        return style == KitStyle.FLASHTOOL ? flashtool(cfg, platform) : readbackExtractor(cfg, platform);
    }

    private static String platformLine(String platform) {
        String head = "    platform: " + platform;
        return head + " ".repeat(Math.max(1, COMMENT_COLUMN - head.length()))
                + "# It is used for tool to identify the right setting for specific target";
    }

    private static String flashId(MtkCfg.FlashInfo f) {
        return f.id().stream().map(b -> String.format(Locale.ROOT, "0x%02X", b)).collect(Collectors.joining(", ", "[", "]"));
    }

    // cfgGen (MAUI tools/cfgGen.pl): LF, banners, two empty lines after an empty region.
    private static String flashtool(MtkCfg cfg, String platform) {
        StringBuilder sb = new StringBuilder();
        banner(sb, "General Setting ", "#    ", "");
        sb.append("general:\n");
        sb.append("    config_version : alpha # config file version (\"alpha\", \"beta\" is used before SQC done.)\n");
        sb.append("                           # After SQC done, the version should be \"1\" for the first release"
                + " version.\n");
        sb.append(platformLine(platform)).append("\n\n");
        banner(sb, "Boot Region Setting", "#", "");
        sb.append("boot_region:\n").append(ALIGNMENT).append('\n').append("  rom:\n");
        files(sb, cfg.bootFiles(), "\n");
        banner(sb, "Control Block Region Setting", "#", "          ");
        sb.append("control_block_region:\n").append("  rom:\n");
        files(sb, cfg.controlBlockFiles(), "\n");
        banner(sb, "Main Region Setting", "#", "");
        sb.append("main_region:\n").append(ALIGNMENT).append('\n').append("  rom:\n");
        files(sb, cfg.mainFiles(), "\n");
        banner(sb, "File System Region Setting", "#", "");
        sb.append("file_system_region:\n").append("  rom:\n");
        files(sb, cfg.fileSystemFiles(), "\n");
        banner(sb, "External Memory Setting", "#", "");
        sb.append("external_memory:\n");
        sb.append("    parameters_version: ").append(cfg.parametersVersion()).append('\n');
        sb.append("    parameters:\n");
        int n = 1;
        for (MtkCfg.FlashInfo f : cfg.flashInfos()) {
            sb.append("       # EMI ").append(n++).append('\n');
            sb.append("      - flash_info:\n");
            sb.append("            flash_type: ").append(f.flashType()).append('\n');
            sb.append("            id_length: ").append(f.idLength()).append('\n');
            sb.append("            flash_id:  ").append(flashId(f)).append('\n');
            sb.append("        memory_type: ").append(f.memoryType()).append('\n');
            sb.append("        EMI_Setting:\n");
            sb.append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    private static void banner(StringBuilder sb, String title, String after, String ruleTail) {
        sb.append(RULE).append('\n').append("#\n").append("#  ").append(title).append('\n').append(after).append('\n')
                .append(RULE).append(ruleTail).append('\n').append('\n');
    }

    /** The files of a region; an empty region is followed by two empty lines, a full one by one. */
    private static void files(StringBuilder sb, List<String> files, String empty) {
        for (String f : files) {
            sb.append("    - file: ").append(f).append('\n');
        }
        sb.append(empty);
        if (files.isEmpty()) {
            sb.append(empty);
        }
    }

    // The "Readback Extractor mtk" tool: CRLF, a single space on separator lines, no banners.
    private static String readbackExtractor(MtkCfg cfg, String platform) {
        StringBuilder sb = new StringBuilder();
        String sep = " \r\n";
        sb.append(sep);
        sb.append("general:\r\n");
        sb.append("    config_version : alpha # config file version (alpha, beta is used before SQC done.)\r\n");
        sb.append("                           # After SQC done, the version should be 1 for the first release"
                + " version.\r\n");
        sb.append(platformLine(platform)).append("\r\n").append(sep);
        sb.append("boot_region:\r\n").append(ALIGNMENT).append("\r\n").append("  rom:\r\n");
        reFiles(sb, cfg.bootFiles());
        sb.append(sep).append("control_block_region:\r\n").append("  rom:\r\n");
        reFiles(sb, cfg.controlBlockFiles());
        sb.append(sep).append("main_region:\r\n").append(ALIGNMENT).append("\r\n").append("  rom:\r\n");
        reFiles(sb, cfg.mainFiles());
        sb.append(sep).append("file_system_region:\r\n").append("  rom:\r\n");
        reFiles(sb, cfg.fileSystemFiles());
        sb.append(sep).append("external_memory: \r\n");
        sb.append("    parameters_version: ").append(cfg.parametersVersion()).append("\r\n");
        sb.append("    parameters: \r\n");
        int n = 1;
        for (MtkCfg.FlashInfo f : cfg.flashInfos()) {
            if (n > 1) {
                sb.append(sep);
            }
            sb.append("       # EMI ").append(n++).append("\r\n");
            sb.append("     - flash_info:\r\n");
            sb.append("           flash_type: ").append(f.flashType()).append("\r\n");
            sb.append("           id_length: ").append(f.idLength()).append("\r\n");
            sb.append("           flash_id:  ").append(flashId(f)).append("\r\n");
            sb.append("       memory_type: ").append(f.memoryType()).append("\r\n");
            sb.append("       EMI_Setting:\r\n");
        }
        sb.append(sep);
        return sb.toString();
    }

    private static void reFiles(StringBuilder sb, List<String> files) {
        for (String f : files) {
            sb.append("    - file: ").append(f).append("\r\n");
        }
    }
}
