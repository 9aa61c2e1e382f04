package io.github.fwkit.mtk.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kit file names (spec §8.6). */
public final class Names {
    /** What a name part built from dump strings may contain: no separators, no spaces, no '#'. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_]+");

    private Names() {
    }

    /**
     * cfgGen's first-bootloader name {@code <PROJECT>_BOOTLOADER_<ver>_<PLATFORM>_<verno>.bin}
     * (rebuilt exactly on the corpus): PROJECT is the build name before {@code _PCB}, PLATFORM
     * its {@code MTxxxx} token, verno the part between the first '.' and {@code .bin}, ver the
     * EXT_BL version string. Anything missing or unsafe gives plain {@code BOOTLOADER}.
     */
    public static String bootloader(Records.MauiInfo maui, String blVersion) {
        if (maui == null || blVersion == null) {
            return "BOOTLOADER";
        }
        String pid = maui.platformId();
        int pcb = pid.indexOf("_PCB");
        int dot = pid.indexOf('.');
        Matcher m = Release.PLATFORM.matcher(pid);
        if (pcb <= 0 || dot < 0 || !pid.toLowerCase(Locale.ROOT).endsWith(".bin") || dot + 1 > pid.length() - 4
                || !m.find()) {
            return "BOOTLOADER";
        }
        String project = pid.substring(0, pcb);
        String verno = pid.substring(dot + 1, pid.length() - 4);
        String platform = m.group(1);
        for (String part : new String[] {project, verno, platform, blVersion}) {
            if (!SAFE.matcher(part).matches()) {
                return "BOOTLOADER";
            }
        }
        return project + "_BOOTLOADER_" + blVersion + "_" + platform + "_" + verno + ".bin";
    }
}
