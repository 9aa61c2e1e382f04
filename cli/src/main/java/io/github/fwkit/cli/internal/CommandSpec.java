package io.github.fwkit.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What one command accepts and how its help reads: name, one-line header, description, options,
 * positional parameters, subcommand names and example lines. Each command builds its own in
 * {@link BaseCommand#spec()}, and {@link Parser} hands every value to the command's
 * {@link BaseCommand#set} under the name declared here.
 *
 * <p>Why not picocli, or setters as lambdas: fwkit is timed against C tools as a whole process.
 * picocli's reflection and Java 5 bytecode cost 100-200 ms of startup; linking the first lambda
 * costs 10-20 ms, a tenth of a small command. A string switch costs nothing.
 *
 * <p>The options every command takes ({@link CommonOptions}) are added by the help and the parser,
 * not declared here. Not thread-safe; one per command per invocation.
 */
final class CommandSpec {
    /** Help is wrapped to this many columns. */
    static final int WIDTH = 80;

    /**
     * An option. {@code names} are every spelling the parser accepts ({@code -h}, {@code --help});
     * {@code display} is how help shows them; {@code label} is null for a flag; {@code common}
     * marks the {@link CommonOptions}, which the parser applies itself.
     */
    record Option(List<String> names, String display, String label, String description, boolean required,
                  boolean common) {
        /** The long name, for messages. */
        String name() {
            return names.get(names.size() - 1);
        }

        boolean takesValue() {
            return label != null;
        }

        /** {@code --block-size=BYTES}, as picocli wrote it in messages and help. */
        String withLabel() {
            return label == null ? name() : name() + "=" + label;
        }

        /** The first help column: {@code "  -h, --help"} or {@code "      --block-size=BYTES"}. */
        String helpColumn() {
            return (display.startsWith("--") ? "      " : "  ") + display + (label == null ? "" : "=" + label);
        }
    }

    /** How many values a positional parameter takes. */
    enum Arity {
        ONE, ONE_OR_MORE, ANY
    }

    /** A positional parameter. At most one per command takes several values. */
    record Positional(String label, String description, Arity arity) {
        /** {@code FILE}, {@code FILE...} or {@code [COMMAND...]}. */
        String synopsis() {
            switch (arity) {
                case ONE: return label;
                case ONE_OR_MORE: return label + "...";
                default: return "[" + label + "...]";
            }
        }
    }

    final String name;
    final String header;
    /** The command this one was reached through, or null for {@code fwkit} itself; set by the parser. */
    CommandSpec parent;
    /** The command that declared this spec, asked for its subcommands; set by the parser. */
    BaseCommand command;
    private String description = "";
    private final List<Option> options = new ArrayList<>();
    private final List<Positional> positionals = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();

    /**
     * @param name the word that selects the command, e.g. {@code encode}
     * @param header one line, shown at the top of its help and in its parent's list of commands
     */
    CommandSpec(String name, String header) {
        this.name = name;
        this.header = header;
    }

    /** Sentences shown under the usage line. */
    CommandSpec description(String text) {
        this.description = text;
        return this;
    }

    /**
     * An option that takes a value, e.g. {@code option("--block-size", "BYTES", "Bytes per block")};
     * {@code set("--block-size", "4K")} receives it.
     */
    CommandSpec option(String name, String label, String description) {
        options.add(new Option(List.of(name), name, label, description, false, false));
        return this;
    }

    /** An option that must be given. */
    CommandSpec requiredOption(String name, String label, String description) {
        options.add(new Option(List.of(name), name, label, description, true, false));
        return this;
    }

    /** An option without a value; {@code set(name, null)} receives it. */
    CommandSpec flag(String name, String description) {
        options.add(new Option(List.of(name), name, null, description, false, false));
        return this;
    }

    /** A parameter that takes exactly one value; {@code set(label, value)} receives it. */
    CommandSpec positional(String label, String description) {
        return add(new Positional(label, description, Arity.ONE));
    }

    /** A parameter that takes one or more values; {@code set(label, value)} receives each in turn. */
    CommandSpec positionals(String label, String description) {
        return add(new Positional(label, description, Arity.ONE_OR_MORE));
    }

    /** A parameter that takes any number of values, including none. */
    CommandSpec optionalPositionals(String label, String description) {
        return add(new Positional(label, description, Arity.ANY));
    }

    private CommandSpec add(Positional p) {
        for (Positional q : positionals) {
            if (p.arity() != Arity.ONE && q.arity() != Arity.ONE) {
                throw new IllegalStateException(name + ": only one parameter may take several values");
            }
        }
        positionals.add(p);
        return this;
    }

    /**
     * The names of the subcommands, in the order help lists them; the command creates them in
     * {@link BaseCommand#subcommand(String)}.
     */
    CommandSpec commands(String... names) {
        commands.addAll(List.of(names));
        return this;
    }

    /** The lines under "Examples:", shown as written (keep them within {@link #WIDTH}). */
    CommandSpec examples(String... lines) {
        examples.addAll(List.of(lines));
        return this;
    }

    List<Positional> positionals() {
        return positionals;
    }

    List<String> commands() {
        return commands;
    }

    boolean isGroup() {
        return !commands.isEmpty();
    }

    /** The options the command declared. */
    List<Option> ownOptions() {
        return options;
    }

    /** Every option the command accepts: its own, then the common ones. */
    List<Option> options() {
        List<Option> all = new ArrayList<>(options);
        all.addAll(CommonOptions.forCommand(parent == null));
        return all;
    }

    /** The option spelled {@code name}, or null. */
    Option option(String name) {
        for (Option o : options()) {
            if (o.names().contains(name)) {
                return o;
            }
        }
        return null;
    }

    /** {@code fwkit sparse encode}. */
    String qualifiedName() {
        return parent == null ? name : parent.qualifiedName() + " " + name;
    }

    /** {@code fwkit sparse encode [OPTIONS] RAW OUT}. */
    String synopsis() {
        StringBuilder sb = new StringBuilder(qualifiedName()).append(" [OPTIONS]");
        if (isGroup()) {
            sb.append(" COMMAND");
        }
        for (Positional p : positionals) {
            sb.append(' ').append(p.synopsis());
        }
        return sb.toString();
    }

    /**
     * The help text, one string per line: header, usage, description, then the arguments,
     * options, commands and examples, each section after a blank line.
     */
    List<String> help() {
        List<String> lines = new ArrayList<>(wrap(header, WIDTH, 0));
        lines.add("");
        lines.add("Usage: " + synopsis());
        if (!description.isEmpty()) {
            lines.add("");
            lines.addAll(wrap(description, WIDTH, 0));
        }
        List<Option> all = options();
        int column = 0;
        for (Option o : all) {
            column = Math.max(column, o.helpColumn().length());
        }
        for (Positional p : positionals) {
            column = Math.max(column, 6 + p.label().length() + (p.arity() == Arity.ONE ? 0 : 3));
        }
        column += 3;
        if (!positionals.isEmpty()) {
            lines.add("");
            lines.add("Arguments:");
            for (Positional p : positionals) {
                lines.addAll(row("      " + p.label() + (p.arity() == Arity.ONE ? "" : "..."), column,
                        p.description()));
            }
        }
        lines.add("");
        lines.add("Options:");
        for (Option o : all) {
            lines.addAll(row(o.helpColumn(), column, o.description()));
        }
        if (isGroup()) {
            int nameColumn = 0;
            for (String c : commands) {
                nameColumn = Math.max(nameColumn, c.length());
            }
            lines.add("");
            lines.add("Commands:");
            for (String c : commands) {
                lines.addAll(row("  " + c, nameColumn + 4, command.subcommand(c).spec().header));
            }
        }
        if (!examples.isEmpty()) {
            lines.add("");
            lines.add("Examples:");
            lines.addAll(examples);
        }
        return lines;
    }

    /** {@code first} padded to {@code column}, then {@code text} wrapped, continued 2 further in. */
    private static List<String> row(String first, int column, String text) {
        List<String> body = wrap(text, WIDTH - column, 2);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String left = i == 0 ? first : "";
            lines.add(left + " ".repeat(column - left.length()) + body.get(i));
        }
        return lines;
    }

    /**
     * {@code text} split into lines of at most {@code width} columns at spaces, continuation lines
     * indented by {@code indent} (and so shorter). Like picocli, a word that ends a line keeps room
     * for the space after it, so only the last line may use the full width.
     */
    static List<String> wrap(String text, int width, int indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            int need = w.length() + (i == words.length - 1 ? 0 : 1);
            if (line.length() > 0 && line.length() + 1 + need > width - (lines.isEmpty() ? 0 : indent)) {
                lines.add(lines.isEmpty() ? line.toString() : " ".repeat(indent) + line);
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        lines.add(lines.isEmpty() ? line.toString() : " ".repeat(indent) + line);
        return lines;
    }
}
