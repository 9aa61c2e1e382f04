package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipPacTest {
    @TempDir
    Path tmp;

    private Path zip(String name, Object... members) throws IOException {
        Path z = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(z); ZipOutputStream zo = new ZipOutputStream(os)) {
            for (int i = 0; i < members.length; i += 2) {
                zo.putNextEntry(new ZipEntry((String) members[i]));
                zo.write((byte[]) members[i + 1]);
                zo.closeEntry();
            }
        }
        return z;
    }

    @Test
    void zipPacIsRecognisedListedAndUnpacked() throws IOException {
        byte[] inner = PacReadTest.sample().build();
        Path z = zip("firmware.pac", "Watch/firmware.pac", inner, "../../evil.txt", new byte[] {1},
                "C:\\x\\readme.txt", new byte[] {2});
        try (ImageReader r = ImageReader.openRaw(z)) {
            assertTrue(Pac.isZipPac(r));
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Pac.read(r));
            assertTrue(e.getMessage().contains("ZIP"));
        }
        List<ZipPac.Member> members = ZipPac.list(z);
        assertEquals(3, members.size());
        assertTrue(members.get(0).isPac());
        Path out = tmp.resolve("out");
        List<Path> files = ZipPac.extract(z, out, ZipPac.DEFAULT_MAX_BYTES, ProgressListener.NONE);
        assertEquals(List.of("C_", "C_/x", "C_/x/readme.txt", "Watch", "Watch/firmware.pac", "evil.txt"),
                TempDirs.list(out));
        assertEquals(3, files.size());
        try (Pac pac = Pac.open(out.resolve("Watch/firmware.pac"))) {
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems());
        }
    }

    @Test
    void bombsAndDamageAreRefused() throws IOException {
        Path z = zip("bomb.pac", "zeros.bin", new byte[1 << 20]);
        assertThrows(LimitExceededException.class, () -> ZipPac.extract(z, tmp.resolve("b"), 1000, ProgressListener.NONE));
        assertFalse(Files.exists(tmp.resolve("b/zeros.bin")));
        byte[] bad = Files.readAllBytes(z);
        Path cut = Files.write(tmp.resolve("cut.pac"), java.util.Arrays.copyOf(bad, bad.length / 2));
        assertThrows(FormatException.class, () -> ZipPac.list(cut));
    }
}
