package io.github.fwkit.sprd;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs reference tools (mke2fs, simg2img, img2simg, debugfs) for oracle tests. A missing tool
 * skips the test locally but fails it when {@code CI=true}: a silently skipped oracle is no oracle.
 */
final class Tools {
    private Tools() {
    }

    static String require(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(name + " is not installed; CI must install it");
        }
        Assumptions.assumeTrue(false, name + " is not installed");
        return null;
    }

    /** Runs a tool and fails unless it exits with 0; returns its merged output. */
    static String check(String tool, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(tool));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("E2FSPROGS_FAKE_TIME", "1577836800");
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(cmd + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A small ext4 image of {@code blocks} 4 KiB blocks holding the files under {@code src}. */
    static Path mkfs(Path src, Path image, int blocks, String label) throws IOException {
        check("mke2fs", "-F", "-q", "-t", "ext4", "-b", "4096", "-L", label, "-M", "/" + label,
                "-U", "11111111-2222-3333-4444-555555555555", "-E", "hash_seed=11111111-2222-3333-4444-555555555555",
                "-d", src, image, blocks);
        return image;
    }
}
