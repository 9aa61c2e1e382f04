package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.run;
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

/** Every field name the pac and flag commands print with --json is documented in cli/JSON.md. */
class PacJsonDocTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("JSON.md"));
        PacCommandsTest pt = new PacCommandsTest();
        pt.dir = dir;
        Path pac = pt.pac();
        Path boot = CliTestSupport.write(dir.resolve("b.img"), PacCommandsTest.random(3, 5000));
        Path empty = Files.createFile(dir.resolve("boot.img.flag"));
        Path readBack = CliTestSupport.write(dir.resolve("boot.img_COM3.flag"), PacCommandsTest.random(4, 8192));
        List<Run> runs = List.of(
                run("--json", "pac", "list", pac),
                run("--json", "pac", "check", pac),
                run("--json", "pac", "extract", pac, dir.resolve("x")),
                run("--json", "pac", "repack", pac, dir.resolve("r.pac"), "--replace", "Boot=" + boot),
                run("--json", "pac", "create", "--xml", dir.resolve("Watch.xml"), "--dir", dir.resolve("kit"),
                        dir.resolve("c.pac")),
                run("--json", "flag", "info", "--pac", pac, empty, readBack),
                run("--json", "flag", "convert", readBack, dir.resolve("boot.img")),
                run("--json", "flag", "convert", empty, dir.resolve("boot2.img")));
        Set<String> keys = new TreeSet<>();
        for (Run r : runs) {
            assertTrue(r.code() <= 2, r::toString);
            collect(r.json(), keys);
        }
        assertTrue(keys.contains("findings") && keys.contains("pac_entry") && keys.contains("converted_to_sparse"),
                keys::toString);
        for (String k : keys) {
            assertTrue(doc.contains("`" + k + "`") || doc.contains("." + k + "`") || doc.contains("." + k + ",")
                    || doc.contains("`" + k + ",") || doc.contains("`" + k + ".") || doc.contains("." + k + " ")
                    || doc.contains("`" + k + "` ("), "JSON.md lacks " + k);
        }
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
