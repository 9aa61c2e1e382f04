package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Registration, and the "never throw, answer empty" contract on short and foreign input. */
class ProbeContractTest {
    private static final String SERVICE = "META-INF/services/" + FormatProbe.class.getName();

    static Collection<Fixtures.Fixture> fixtures() {
        return Fixtures.ALL.values();
    }

    @Test
    void everyFormatIsRegistered() {
        Set<String> formats = Formats.probes().stream().map(FormatProbe::format).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("android-boot", "android-sparse", "android-super", "avb-footer", "dhtb",
                "erofs", "ext4", "f2fs", "mtk-gfh", "mtk-readback", "sprd-pac", "ubi", "zip")), formats);
    }

    @Test
    void probesArePublicFinalWithPublicNoArgConstructors() throws Exception {
        for (FormatProbe p : Formats.probes()) {
            Class<?> c = p.getClass();
            assertEquals(ProbeContractTest.class.getPackageName(), c.getPackageName());
            assertTrue(Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers()), c::getName);
            assertTrue(Modifier.isPublic(c.getConstructor().getModifiers()), c::getName);
            assertEquals(0, p.priority(), c::getName);
        }
    }

    @Test
    void serviceFileAndModuleInfoAgree() throws IOException {
        Path moduleInfo = Path.of("src/main/java/module-info.java");
        assumeTrue(Files.exists(moduleInfo), "run from the core module directory");
        Matcher m = Pattern.compile("provides\\s+io\\.github\\.fwkit\\.core\\.FormatProbe\\s+with\\s+([^;]+);")
                .matcher(Files.readString(moduleInfo));
        assertTrue(m.find(), "no provides FormatProbe in module-info.java");
        Set<String> provided = Arrays.stream(m.group(1).split(",")).map(String::trim)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> listed = new TreeSet<>();
        URL core = ProbeContractTest.class.getProtectionDomain().getCodeSource().getLocation();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SERVICE))) {
            if (!url.toString().startsWith(core.toString().replace("test-classes", "classes"))) {
                continue;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                r.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).forEach(listed::add);
            }
        }
        assertEquals(provided, listed);
        Set<String> loaded = Formats.probes().stream().map(p -> p.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(provided, loaded);
    }

    @Test
    void emptyAndOneByteInputs() throws IOException {
        assertTrue(Checks.probeAll(new byte[0]).isEmpty());
        for (int v = 0; v < 256; v++) {
            assertTrue(Checks.probeAll(new byte[] {(byte) v}).isEmpty(), "byte " + v);
        }
    }

    @Test
    void randomAndUniformInputsAreNothing() throws IOException {
        Random random = new Random(0x5EEDL);
        for (int size : new int[] {2, 3, 4, 7, 8, 27, 28, 63, 64, 511, 512, 1024, 1082, 2123, 2124, 4096, 4148, 12288,
            12416, 65536, 1 << 20}) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            assertTrue(Checks.probeAll(b).isEmpty(), "random " + size);
            assertTrue(Checks.probeAll(new byte[size]).isEmpty(), "zeros " + size);
            Arrays.fill(b, (byte) 0xFF);
            assertTrue(Checks.probeAll(b).isEmpty(), "0xFF " + size);
        }
    }

    /** Every cut through the header regions, and the last bytes, of every fixture. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void truncatedFixtures(Fixtures.Fixture f) throws IOException {
        byte[] full = f.build().get();
        Set<Integer> cuts = new TreeSet<>();
        for (int i = 0; i <= Math.min(full.length, 2200); i++) {
            cuts.add(i);
        }
        for (int h : f.headers()) {
            for (int i = Math.max(0, h - 8); i <= Math.min(full.length, h + 0x900); i++) {
                cuts.add(i);
            }
        }
        for (int i = Math.max(0, full.length - 80); i <= full.length; i++) {
            cuts.add(i);
        }
        ImageReader whole = ImageReader.of(full);
        for (int cut : cuts) {
            Checks.probeEach(whole.slice(0, cut));
        }
        assertTrue(Checks.probeAll(full).stream().anyMatch(d -> d.format().equals(f.format())), f.name());
    }

    @Test
    void sliceOfAFileSeesOnlyItsBytes() throws IOException {
        byte[] b = new byte[8192];
        System.arraycopy(Fixtures.sparse(), 0, b, 4096, 28);
        ImageReader slice = ImageReader.of(b).slice(4096, 4096);
        assertEquals("android-sparse", Formats.detect(slice).get(0).format());
        assertTrue(Formats.detect(ImageReader.of(b).slice(0, 4096)).isEmpty());
    }
}
