package io.github.fwkit.cli.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands that are timed against C tools load none of the JDK machinery that costs a run
 * 9–15 ms before it does any work: lambdas and method references ({@code LambdaMetafactory}),
 * records' generated methods ({@code ObjectMethods}), regular expressions (their classes use
 * lambdas), {@code DateTimeFormatter} and {@code BigDecimal} (3-5 ms, to print a number). (String concatenation is compiled inline by the build;
 * the JVM loads {@code StringConcatFactory} at boot either way, so it cannot be checked here.) A
 * lambda added on one of these paths fails here, not silently in a benchmark. Each command runs
 * in its own JVM with the class-loading log on.
 */
class StartupPathTest {
    private static final List<String> AVOIDED = List.of(
            "java.lang.invoke.LambdaMetafactory",
            "java.lang.runtime.ObjectMethods",
            "java.util.regex.Pattern",
            "java.time.format.DateTimeFormatter",
            "java.math.BigDecimal");

    @Test
    void timedCommandsLoadNoLambdaRegexOrFormatterMachinery(@TempDir Path dir) throws Exception {
        assertEquals(0, CdsTraining.run(dir));  // makes the inputs: train.raw/.simg, sample.img/.simg
        String raw = dir.resolve("train.raw").toString();
        String simg = dir.resolve("train.simg").toString();
        String img = dir.resolve("sample.img").toString();
        String[][] commands = {
            {"sparse", "encode", "--profile", "legacy", raw, dir.resolve("c1.simg").toString()},
            {"sparse", "encode", "--json", raw, dir.resolve("c0.simg").toString()},
            {"sparse", "decode", simg, dir.resolve("c2.raw").toString()},
            {"sparse", "info", simg},
            {"sparse", "info", "--json", simg},
            {"ext4", "extract", img, dir.resolve("c3").toString()},
            {"ext4", "extract", "--json", dir.resolve("sample.simg").toString(), dir.resolve("c4").toString()},
            {"ext4", "ls", "-lR", img},
            {"ext4", "stat", img, "/etc/build.prop"},
        };
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            Path log = dir.resolve("classes-" + i + ".log");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xlog:class+load=info:file=" + log,
                    "-cp", System.getProperty("java.class.path"), "io.github.fwkit.cli.Main"));
            cmd.addAll(List.of(commands[i]));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out-" + i + ".txt").toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", commands[i]) + " did not finish");
            assertEquals(0, p.exitValue(), String.join(" ", commands[i]) + ": "
                    + Files.readString(dir.resolve("out-" + i + ".txt")));
            for (String line : Files.readAllLines(log)) {
                for (String avoided : AVOIDED) {
                    // "[0.074s][info][class,load] java.lang.invoke.LambdaMetafactory source: ..."
                    if (line.contains("] " + avoided + " ")) {
                        failures.add("fwkit " + String.join(" ", commands[i]) + " loads " + avoided);
                    }
                }
            }
        }
        assertEquals(List.of(), failures, "find the first use with -Xlog:class+load and replace it"
                + " (a named or anonymous class instead of a lambda; no String.format, regex or Instant.toString)");
    }
}
