package io.github.fwkit.mtk;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model laws of the cfg writer and parser, and hostile text. */
class CfgProperties {

    @Provide
    Arbitrary<MtkCfg> cfgs() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40)
                .filter(s -> s.indexOf('#') < 0 && !s.contains("_region") && !s.contains("- file: ")
                        && !s.contains("platform:") && !s.contains("parameters_version: v"));
        Arbitrary<List<String>> files = name.list().ofMaxSize(4);
        Arbitrary<MtkCfg.FlashInfo> info = Combinators.combine(Arbitraries.of("SF", "NOR", "NAND"),
                Arbitraries.integers().between(1, 8), Arbitraries.integers().between(0, 255).list().ofSize(8),
                Arbitraries.of("PSRAM_130MHz", "PSRAM_166MHz", "DDR_166", "DDR2_200"))
                .as(MtkCfg.FlashInfo::new);
        Arbitrary<Optional<String>> platform = Arbitraries.of("MT2502", "MT6261", "MT6260A").optional();
        return Combinators.combine(platform, files, files, files, files, Arbitraries.of(MtkCfg.PARAMETER_VERSIONS),
                info.list().ofMaxSize(4)).as(MtkCfg::new);
    }

    @Property(tries = 500)
    void writtenCfgsReadBackAsTheSameModel(@ForAll("cfgs") MtkCfg cfg, @ForAll KitStyle style) {
        String text = cfg.toText(style);
        MtkCfg.Parsed p = MtkCfg.parse(text);
        assertEquals(cfg, p.cfg());
        assertEquals(style == KitStyle.READBACK_EXTRACTOR, p.crlf());
        assertTrue(p.findings().stream().allMatch(f -> f.severity() != Finding.Severity.ERROR), p.findings()::toString);
        assertTrue(text.lines().allMatch(l -> l.length() < 255));
    }

    @Property(tries = 500)
    void anyTextParses(@ForAll String text) {
        MtkCfg.parse(text).cfg().toString();
    }

    @Property(tries = 150)
    void mutatedCfgsParse(@ForAll("cfgs") MtkCfg cfg, @ForAll int position, @ForAll char c) {
        String text = cfg.toText(KitStyle.FLASHTOOL);
        int at = Math.floorMod(position, text.length());
        MtkCfg.parse(text.substring(0, at) + c + text.substring(at + 1));
    }
}
