package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.mixedRaw;
import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.CliTestSupport.write;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.fwkit.cli.CliTestSupport.Run;
import io.github.fwkit.cli.internal.Cli;
import io.github.fwkit.core.Formats;
import io.github.fwkit.sparse.SparseImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class GeneralCommandsTest {
    @TempDir
    Path dir;

    @Test
    void identifyReportsASparseImageAndWhatItHolds() throws IOException {
        assumeTrue(Formats.probes().stream().anyMatch(p -> p.format().equals(SparseImage.FORMAT)),
                "no android-sparse probe registered in core yet");
        Path raw = write(dir.resolve("x.raw"), mixedRaw(1, 0));
        Path img = dir.resolve("x.img");
        assertEquals(0, run("sparse", "encode", raw, img).code());
        Run text = run("identify", img);
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().contains(SparseImage.FORMAT), text::toString);
        Run json = run("identify", "--json", img);
        assertEquals(0, json.code(), json::toString);
        assertEquals(img.toString(), get(json.json(), "files", 0, "path"));
        assertEquals(SparseImage.FORMAT, get(json.json(), "files", 0, "detections", 0, "format"));
        assertEquals(0L, get(json.json(), "files", 0, "detections", 0, "offset"));
        assertTrue(get(json.json(), "files", 0, "detections", 0, "contents") instanceof List);
    }

    @Test
    void identifyOfAnUnknownFileIsExitZeroWithAdvice() throws IOException {
        byte[] junk = new byte[5000];
        junk[0] = 0x7f;
        Path f = write(dir.resolve("junk.bin"), junk);
        assumeTrue(Formats.detect(f).isEmpty(), "some probe claims the junk");
        Run r = run("identify", f);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("unknown format (5000 bytes)"), r::toString);
        assertTrue(r.out().contains("xxd"), r::toString);
        Run json = run("identify", "--json", f);
        assertEquals(List.of(), get(json.json(), "files", 0, "detections"));
        assertEquals(5000L, get(json.json(), "files", 0, "size"));
    }

    @Test
    void identifyOfAMissingFileIsExitOneButTheOthersAreStillShown() throws IOException {
        Path f = write(dir.resolve("empty.bin"), new byte[0]);
        Path missing = dir.resolve("missing.img");
        Run r = run("identify", f, missing);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("missing.img: no such file"), r::toString);
        assertTrue(r.out().contains("empty.bin: empty file"), r::toString);
        Run json = run("--json", "identify", f, missing);
        assertEquals(1, json.code(), json::toString);
        assertEquals("io", get(json.json(), "files", 1, "error", "kind"));
        assertEquals(missing.toString(), get(json.json(), "files", 1, "path"));
    }

    @Test
    void aDirectoryIsNamedInTheMessage() {
        Run r = run("identify", dir);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains(dir + ": is a directory"), r::toString);
    }

    @Test
    void decodeNeedsAnOutput() throws IOException {
        Run r = run("sparse", "decode", write(dir.resolve("x.img"), new byte[100]));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("and then the raw file to write"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sparse"})
    void noCommandIsAUsageError(String args) {
        Run r = args.isEmpty() ? run() : run((Object[]) args.split(" "));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("Usage: fwkit"), r::toString);
    }

    @Test
    void anUnknownCommandSuggestsTheNearestOne() {
        Run r = run("sparse", "encod", "a", "b");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("Did you mean"), r::toString);
    }

    @Test
    void aUsageErrorWithJsonAlsoPrintsAnErrorObject() {
        Run r = run("identify", "--json", "--nope", "x");
        assertEquals(2, r.code(), r::toString);
        assertEquals("usage", get(r.json(), "error", "kind"));
        assertEquals(2L, get(r.json(), "error", "exit_code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identify", "sparse", "sparse encode", "sparse decode", "sparse info",
        "sparse append", "sparse split"})
    void everyCommandHasHelpWithAnExample(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        Object[] args = new Object[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--help";
        Run r = run(args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Usage: fwkit"), r::toString);
        assertTrue(r.out().contains("Example"), r::toString);
        assertTrue(r.out().contains("--json"), r::toString);
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= 80, "line too long: " + line);
        }
    }

    @Test
    void versionIsPrinted() {
        Run r = run("--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("fwkit "), r::toString);
    }

    @Test
    void theEnvironmentCanAskForStackTraces() throws IOException {
        Path missing = dir.resolve("missing.img");
        String[] args = {"sparse", "info", missing.toString()};
        assertFalse(runWithEnv(args, Map.of()).contains("\tat "));
        assertTrue(runWithEnv(args, Map.of("FWKIT_DEBUG", "1")).contains("\tat "));
    }

    private static String runWithEnv(String[] args, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            assertEquals(1, Cli.run(args, o, e, env, false));
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
