package io.github.fwkit.cli.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's class-data-sharing training run: every command in it succeeds (a renamed option
 * would otherwise only make the archive quietly smaller), and the bundled ext4 sample is read
 * whole, through the sparse copy too.
 */
class CdsTrainingTest {
    @Test
    void everyTrainingCommandSucceeds(@TempDir Path dir) throws Exception {
        assertEquals(0, CdsTraining.run(dir));
        assertEquals("ro.product.model=sample\nro.build.id=CDS1\n",
                Files.readString(dir.resolve("out/etc/build.prop")));
        assertEquals(200_000, Files.size(dir.resolve("out-sparse/app/Sample/Sample.apk")));
        assertTrue(Files.isSymbolicLink(dir.resolve("out/app/link")));
        assertEquals(Files.readAllBytes(dir.resolve("train.raw")).length, Files.size(dir.resolve("train.out")));
    }
}
