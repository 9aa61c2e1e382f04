package io.github.fwkit.cli;

import io.github.fwkit.cli.CliTestSupport.Run;
import io.github.fwkit.testing.MalformedSparse;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.fwkit.cli.CliTestSupport.list;
import static io.github.fwkit.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The malformed-input table of the sparse spec through the command: every row strict reading
 * rejects is exit 1 with the format and offset named, and leaves no output behind; every row it
 * accepts decodes.
 */
class MalformedSparseCliTest {
    @TempDir
    Path dir;

    static List<MalformedSparse.Row> rows() {
        return MalformedSparse.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exitCodesFollowTheStrictReader(MalformedSparse.Row row) throws IOException {
        Path in = Files.write(dir.resolve("in.simg"), row.bytes());
        Run info = run("sparse", "info", in);
        Run decode = run("sparse", "decode", in, dir.resolve("out.raw"));
        if (row.strictAccepts()) {
            assertEquals(0, info.code(), info::toString);
            assertEquals(0, decode.code(), decode::toString);
            assertEquals(row.expandedSize(), Files.size(dir.resolve("out.raw")));
        } else {
            assertEquals(1, info.code(), info::toString);
            assertEquals(1, decode.code(), decode::toString);
            assertTrue(decode.err().contains("android-sparse: at 0x"), decode::toString);
            assertArrayEquals(new String[] {"in.simg"}, list(dir), "nothing may be left behind");
        }
        Run lenient = run("sparse", "info", "--lenient", in);
        assertEquals(row.lenientAccepts() ? 0 : 1, lenient.code(), lenient::toString);
    }
}
