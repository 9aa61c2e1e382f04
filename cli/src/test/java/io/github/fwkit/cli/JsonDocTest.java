package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.mixedRaw;
import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Every field name the commands print with --json is documented in cli/JSON.md. */
class JsonDocTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("JSON.md"));
        Path raw = write(dir.resolve("a.raw"), CliTestSupport.padded(mixedRaw(1, 0), 4096));
        Path img = dir.resolve("a.img");
        List<Run> runs = List.of(
                run("--json", "sparse", "encode", raw, img),
                run("--json", "sparse", "info", "--chunks", "--verify-crc", img),
                run("--json", "sparse", "append", img, raw),
                run("--json", "sparse", "split", "--max-size", "64K", img, dir.resolve("p")),
                run("--json", "sparse", "decode", img, dir.resolve("b.raw")),
                run("--json", "identify", img, dir.resolve("missing")),
                run("--json", "sparse", "info", raw),
                run("--json", "sparse", "info", "--bogus"));
        Set<String> keys = new TreeSet<>();
        for (Run r : runs) {
            assertTrue(r.code() <= 2, r::toString);
            collect(r.json(), keys);
        }
        assertTrue(keys.contains("error") && keys.contains("chunks") && keys.contains("files"), keys::toString);
        for (String k : keys) {
            assertTrue(doc.contains("`" + k + "`") || doc.contains("." + k + "`") || doc.contains("." + k + ",")
                    || doc.contains("`" + k + ",") || doc.contains("`" + k + ".") || doc.contains("." + k + " "), "JSON.md lacks " + k);
        }
        assertEquals(0, runs.get(0).code());
    }

    private static void collect(Object v, Set<String> keys) {
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                keys.add((String) e.getKey());
                collect(e.getValue(), keys);
            }
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                collect(o, keys);
            }
        }
    }
}
