package io.github.fwkit.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a command line against the {@link CommandSpec}s of the commands it names: {@code fwkit},
 * then a subcommand for each group word ({@code sparse}, then {@code encode}), then that
 * command's options and parameters.
 *
 * <p>Options may come before, between or after the parameters, as {@code --opt value} or
 * {@code --opt=value}; the value of an option that takes one may start with {@code -}. Single-letter
 * flags combine as in POSIX tools ({@code -lR} is {@code -l -R}); the last letter may be an
 * option that takes the next word as its value. {@code --} ends the options. The {@link CommonOptions} are accepted at every level. A mistake is a
 * {@link UsageException}, with a suggestion when a command or option name looks like a typo.
 */
final class Parser {
    /** The outcome of parsing: the command to run (or whose help to show) and what was asked. */
    record Invocation(BaseCommand command, CommandSpec spec, CommonOptions.Request request, CommandSpec helpFor) {
    }

    /** A wrong command line (exit 2). */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The command whose usage to show; null when thrown by a command, which Cli knows. */
        final transient CommandSpec spec;
        /** A line such as {@code Did you mean: --block-size?}, or null. */
        final String suggestion;
        /** Whether to show the command's whole help rather than its usage line. */
        final boolean showHelp;

        UsageException(String message, CommandSpec spec, String suggestion, boolean showHelp) {
            super(message);
            this.spec = spec;
            this.suggestion = suggestion;
            this.showHelp = showHelp;
        }

        /** A mistake a command found in its arguments; the message is shown with the whole help. */
        static UsageException withHelp(String message) {
            return new UsageException(message, null, null, true);
        }
    }

    private Parser() {
    }

    /** Parses {@code args}, filling the commands' fields and {@code ctx}'s common flags. */
    static Invocation parse(BaseCommand root, String[] argv, Context ctx) {
        List<String> args = new ArrayList<>(List.of(argv));
        BaseCommand command = root;
        CommandSpec spec = specOf(root, null);
        CommonOptions.Request request = CommonOptions.Request.NONE;
        CommandSpec helpFor = null;
        List<String> given = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        boolean optionsEnd = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!optionsEnd && arg.equals("--")) {
                optionsEnd = true;
            } else if (!optionsEnd && arg.startsWith("-") && arg.length() > 1) {
                int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
                String name = eq < 0 ? arg : arg.substring(0, eq);
                CommandSpec.Option o = spec.option(name);
                List<String> split = o == null ? splitFlags(spec, arg) : null;
                if (split != null) {
                    // -lR: handled as -l then -R, each with the rules for one option.
                    args.remove(i);
                    args.addAll(i, split);
                    i--;
                    continue;
                }
                if (o == null) {
                    throw new UsageException("Unknown option: '" + name + "'", spec, suggest(name, optionNames(spec)),
                            false);
                }
                given.add(o.name());
                if (!o.takesValue()) {
                    if (eq >= 0) {
                        throw new UsageException("Option '" + name + "' takes no value", spec, null, false);
                    }
                    if (!o.common()) {
                        command.set(o.name(), null);
                    } else {
                        CommonOptions.Request r = CommonOptions.apply(name, ctx);
                        if (r == CommonOptions.Request.HELP && helpFor == null) {
                            helpFor = spec;
                        }
                        if (r != CommonOptions.Request.NONE && request == CommonOptions.Request.NONE) {
                            request = r;
                        }
                    }
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("Missing required parameter for option '" + name + "' (" + o.label()
                            + ")", spec, null, false);
                }
                try {
                    command.set(o.name(), value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("Invalid value for option '" + name + "': " + e.getMessage(), spec,
                            null, false);
                }
            } else if (spec.isGroup()) {
                BaseCommand sub = spec.commands().contains(arg) ? command.subcommand(arg) : null;
                if (sub == null) {
                    throw new UsageException("Unknown command: '" + arg + "'", spec,
                            suggest(arg, qualified(spec, spec.commands())), false);
                }
                command = sub;
                spec = specOf(sub, spec);
            } else {
                values.add(arg);
                indices.add(i);
            }
        }
        if (request != CommonOptions.Request.NONE) {
            return new Invocation(command, spec, request, helpFor);
        }
        for (CommandSpec.Option o : spec.options()) {
            if (o.required() && !given.contains(o.name())) {
                throw new UsageException("Missing required option: '" + o.withLabel() + "'", spec, null, false);
            }
        }
        assign(command, spec, values, indices);
        return new Invocation(command, spec, request, null);
    }

    /**
     * {@code -abc} as {@code [-a, -b, -c]} when each letter is a single-letter option of
     * {@code spec} and only the last takes a value; otherwise null (the caller reports the
     * unknown option).
     */
    private static List<String> splitFlags(CommandSpec spec, String arg) {
        if (arg.startsWith("--") || arg.length() < 3) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int k = 1; k < arg.length(); k++) {
            String flag = "-" + arg.charAt(k);
            CommandSpec.Option o = spec.option(flag);
            if (o == null || (o.takesValue() && k < arg.length() - 1)) {
                return null;
            }
            out.add(flag);
        }
        return out;
    }

    private static CommandSpec specOf(BaseCommand command, CommandSpec parent) {
        CommandSpec spec = command.spec();
        spec.command = command;
        spec.parent = parent;
        return spec;
    }

    /**
     * Hands the parameters to the command: the single-valued ones before and after a
     * several-valued one take one each, and it takes the rest.
     */
    private static void assign(BaseCommand command, CommandSpec spec, List<String> values, List<Integer> indices) {
        List<CommandSpec.Positional> ps = spec.positionals();
        int fixed = 0;
        CommandSpec.Positional several = null;
        List<String> missing = new ArrayList<>();
        int available = values.size();
        for (CommandSpec.Positional p : ps) {
            if (p.arity() == CommandSpec.Arity.ONE) {
                fixed++;
            } else {
                several = p;
            }
            int need = p.arity() == CommandSpec.Arity.ANY ? 0 : 1;
            if (available < need) {
                missing.add(p.label());
            }
            available = Math.max(0, available - need);
        }
        if (!missing.isEmpty()) {
            throw new UsageException(command.missingMessage(missing, values), spec, null, false);
        }
        if (several == null && values.size() > fixed) {
            List<String> extra = values.subList(fixed, values.size());
            StringBuilder sb = new StringBuilder(extra.size() == 1 ? "Unmatched argument at index "
                    : "Unmatched arguments from index ").append(indices.get(fixed)).append(": ");
            for (int i = 0; i < extra.size(); i++) {
                sb.append(i == 0 ? "'" : ", '").append(extra.get(i)).append('\'');
            }
            throw new UsageException(sb.toString(), spec, null, false);
        }
        int many = values.size() - fixed;
        int v = 0;
        for (CommandSpec.Positional p : ps) {
            int n = p.arity() == CommandSpec.Arity.ONE ? 1 : many;
            for (int k = 0; k < n; k++, v++) {
                try {
                    command.set(p.label(), values.get(v));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("Invalid value for parameter '" + p.label() + "': " + e.getMessage(),
                            spec, null, false);
                }
            }
        }
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec.Option o : spec.options()) {
            names.addAll(o.names());
        }
        return names;
    }

    private static List<String> qualified(CommandSpec spec, List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add(spec.qualifiedName() + " " + n);
        }
        return q;
    }

    /**
     * {@code Did you mean: X?} (or {@code X or Y}) for the candidates whose last word is within a
     * few edits of {@code word} or starts with it; null when none is close.
     */
    static String suggest(String word, List<String> candidates) {
        String w = stripDashes(word);
        List<String> close = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String c : candidates) {
            String name = stripDashes(c.substring(c.lastIndexOf(' ') + 1));
            if (name.length() < 3) {
                continue; // -h for -x would be more puzzling than no suggestion
            }
            int d = name.startsWith(w) && w.length() >= 2 ? 0 : distance(w, name);
            if (d > Math.max(1, name.length() / 3)) {
                continue;
            }
            if (d < best) {
                close.clear();
                best = d;
            }
            if (d == best) {
                close.add(c);
            }
        }
        return close.isEmpty() ? null : "Did you mean: " + String.join(" or ", close) + "?";
    }

    private static String stripDashes(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '-') {
            i++;
        }
        return s.substring(i);
    }

    /** The edit distance between {@code a} and {@code b}, a swap of two neighbours counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
