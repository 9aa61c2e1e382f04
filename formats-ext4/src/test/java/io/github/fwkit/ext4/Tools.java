package io.github.fwkit.ext4;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference tools (mke2fs, debugfs, e2fsck, img2simg) for oracle tests. A missing tool
 * skips the test on a developer machine but fails it when the environment variable {@code CI} is
 * {@code true}: CI installs them, and a silently skipped oracle is no oracle.
 */
public final class Tools {
    private Tools() {
    }

    /** The tool's path, or the test is skipped (locally) / failed (in CI). */
    public static String require(String name) {
        String p = find(name);
        if (p != null) {
            return p;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(name + " is not installed; .ci/run must install it");
        }
        Assumptions.assumeTrue(false, name + " is not installed");
        return null;
    }

    /** The tool's path, or null. */
    public static String find(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Result of a tool run. */
    public record Run(int exit, String output) {
    }

    /** Runs a tool (looked up with {@link #require}) with extra environment variables; merged output. */
    public static Run run(Map<String, String> env, String tool, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(tool));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(cmd + " timed out");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static Run run(String tool, Object... args) throws IOException {
        return run(Map.of(), tool, args);
    }

    /** Runs a tool and fails unless it exits with 0. */
    public static String check(String tool, Object... args) throws IOException {
        Run r = run(tool, args);
        if (r.exit() != 0) {
            throw new AssertionError(tool + " " + List.of(args) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }
}
