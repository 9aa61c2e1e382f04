package io.github.fwkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class ParserTest {
    private final Context ctx = new Context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            false, false);

    private Parser.Invocation parse(String... args) {
        return Parser.parse(new FwkitCommand(), args, ctx);
    }

    @Test
    void everyDeclaredOptionAndParameterIsStored() {
        List<String> checked = new ArrayList<>();
        walk(new FwkitCommand(), "", checked);
        assertTrue(checked.contains("sparse encode --block-size"), checked::toString);
        assertTrue(checked.contains("sparse split OUT_PREFIX"), checked::toString);
    }

    /** Calls set() for each name a command declares: a value may be refused, a name must not be. */
    private static void walk(BaseCommand command, String path, List<String> checked) {
        CommandSpec spec = command.spec();
        List<String> names = new ArrayList<>();
        for (CommandSpec.Option o : spec.ownOptions()) {
            names.add(o.name());
        }
        for (CommandSpec.Positional p : spec.positionals()) {
            names.add(p.label());
        }
        for (String name : names) {
            try {
                command.set(name, "1");
            } catch (IllegalArgumentException e) {
                // a value the converter refuses: the name was known
            }
            checked.add(path + name);
        }
        for (String c : spec.commands()) {
            BaseCommand sub = command.subcommand(c);
            assertEquals(c, sub.spec().name, "subcommand " + c + " of " + spec.name);
            walk(sub, path + c + " ", checked);
        }
    }

    @Test
    void optionsTakeTheirValueEitherWayAndMayComeAfterParameters() {
        Parser.Invocation a = parse("sparse", "encode", "--block-size=8K", "in", "out", "--profile", "legacy");
        SparseEncodeCommand enc = assertInstanceOf(SparseEncodeCommand.class, a.command());
        assertEquals(8192, enc.writer.blockSize);
        assertEquals("legacy", enc.writer.profileName());
        assertEquals("fwkit sparse encode", a.spec().qualifiedName());
    }

    @Test
    void singleLetterFlagsCombine() {
        Ext4LsCommand ls = assertInstanceOf(Ext4LsCommand.class, parse("ext4", "ls", "-lR", "img", "/etc").command());
        assertTrue(ls.longFormat, "-l");
        assertTrue(ls.recursive, "-R");
        ls = (Ext4LsCommand) parse("ext4", "ls", "img", "-Rl").command();
        assertTrue(ls.longFormat && ls.recursive, "-Rl after the parameter");
        Parser.UsageException e = assertThrows(Parser.UsageException.class, () -> parse("ext4", "ls", "-lX", "img"));
        assertTrue(e.getMessage().contains("'-lX'"), e::getMessage);
        Parser.UsageException dd = assertThrows(Parser.UsageException.class, () -> parse("ext4", "ls", "--lR", "img"));
        assertTrue(dd.getMessage().contains("'--lR'"), dd::getMessage);
    }

    @Test
    void aValueMayStartWithADashAndDoubleDashEndsOptions() {
        SparseSplitCommand split = (SparseSplitCommand) parse("sparse", "split", "--max-size", "1M", "--", "-in",
                "--json").command();
        assertEquals(Path.of("-in"), split.input);
        assertFalse(ctx.json, "--json after -- is a parameter");
        Parser.UsageException e = assertThrows(Parser.UsageException.class,
                () -> parse("sparse", "encode", "--profile", "-x", "a", "b"));
        assertTrue(e.getMessage().contains("'-x' is not a profile"), e::getMessage);
    }

    @Test
    void commonOptionsWorkBeforeAndAfterTheCommand() {
        parse("--json", "sparse", "info", "x");
        assertTrue(ctx.json);
        parse("sparse", "info", "--debug", "x", "--no-progress");
        assertTrue(ctx.debug);
        assertEquals(Boolean.FALSE, ctx.progress);
        Parser.Invocation help = parse("sparse", "--help", "info");
        assertEquals(CommonOptions.Request.HELP, help.request());
        assertEquals("fwkit sparse", help.helpFor().qualifiedName());
        assertEquals(CommonOptions.Request.VERSION, parse("-V").request());
    }

    @Test
    void mistakesAreUsageErrorsWithSuggestions() {
        Parser.UsageException e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "encod", "a"));
        assertEquals("Unknown command: 'encod'", e.getMessage());
        assertEquals("Did you mean: fwkit sparse encode?", e.suggestion);
        assertEquals("fwkit sparse", e.spec.qualifiedName());
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "info", "--chunk", "x"));
        assertEquals("Did you mean: --chunks?", e.suggestion);
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "info", "--zzz", "x"));
        assertNull(e.suggestion);
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "info", "a", "b"));
        assertEquals("Unmatched argument at index 3: 'b'", e.getMessage());
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "split", "a", "b"));
        assertEquals("Missing required option: '--max-size=BYTES'", e.getMessage());
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "encode", "--no-fill=yes", "a", "b"));
        assertEquals("Option '--no-fill' takes no value", e.getMessage());
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "encode", "a", "--block-size"));
        assertEquals("Missing required parameter for option '--block-size' (BYTES)", e.getMessage());
        e = assertThrows(Parser.UsageException.class, () -> parse("sparse", "encode", "a"));
        assertEquals("Missing required parameter: 'OUT'", e.getMessage());
    }

    @Test
    void aSeveralValuedParameterLeavesTheFixedOnesTheirShare() {
        SparseDecodeCommand d = (SparseDecodeCommand) parse("sparse", "decode", "a", "b", "c").command();
        assertEquals(List.of(Path.of("a"), Path.of("b")), d.inputs);
        assertEquals(Path.of("c"), d.output);
    }

    @Test
    void suggestionsUseEditDistance() {
        assertEquals(1, Parser.distance("idnetify", "identify"));
        assertEquals(3, Parser.distance("kitten", "sitting"));
        assertEquals("Did you mean: identify?", Parser.suggest("idnetify", List.of("identify", "sparse", "help")));
        assertNull(Parser.suggest("nope", List.of("identify", "sparse", "help")));
    }

    @Test
    void wrapKeepsRoomForTheSpaceAfterAWordLikePicocli() {
        assertEquals(List.of("aaa bbb", "  ccc"), CommandSpec.wrap("aaa bbb ccc", 8, 2));
        assertEquals(List.of("aaa bbb"), CommandSpec.wrap("aaa bbb", 7, 2));
        assertEquals(List.of("aaa", "  bbb", "  ccc"), CommandSpec.wrap("aaa bbb ccc", 7, 2));
    }
}
