package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every command shares: its {@link CommandSpec}, the hint printed under an error, and the
 * file being worked on. Commands throw; {@link Cli} turns exceptions into messages and exit codes,
 * so command code reads as the happy path. One instance per invocation.
 */
abstract class BaseCommand {
    /** The file being read or written when an error happens, named in the message; may be null. */
    Path currentFile;

    /**
     * Declares the command: name, help, options and parameters. Called when the command is reached
     * on the command line, and for help.
     */
    abstract CommandSpec spec();

    /**
     * Stores the value of an option or parameter that {@link #spec()} declared, under its name
     * ({@code --block-size}) or label ({@code FILE}, once for each value); {@code value} is null for
     * a flag. An IllegalArgumentException, e.g. from {@link Units#parseSize}, is a usage error.
     */
    void set(String name, String value) {
        throw new IllegalStateException(getClass().getSimpleName() + " declares no " + name);
    }

    /** Runs the command after its fields are filled; returns the exit code. */
    abstract int execute(Context ctx) throws Exception;

    /** The subcommand called {@code name}, new; only groups such as {@code sparse} have any. */
    BaseCommand subcommand(String name) {
        return null;
    }

    /**
     * The usage error when parameters are missing; commands may explain better.
     *
     * @param labels the missing parameters
     * @param given the parameters that were given
     */
    String missingMessage(List<String> labels, List<String> given) {
        StringBuilder sb = new StringBuilder(labels.size() == 1 ? "Missing required parameter: "
                : "Missing required parameters: ");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i == 0 ? "'" : ", '").append(labels.get(i)).append('\'');
        }
        return sb.toString();
    }

    /**
     * Fails with a message naming {@code file} unless it is an existing file that is not a
     * directory (the JDK's own "Is a directory" does not say which file).
     */
    static void checkInput(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** What to try next after {@code e}, or null. Commands add format-specific advice. */
    String hint(Exception e) {
        String file = currentFile == null ? "FILE" : Cli.quote(currentFile.toString());
        if (e instanceof NoSuchFileException) {
            return "check the file name and folder";
        }
        if (e instanceof AccessDeniedException) {
            return "check the permissions (ls -l), or run as a user who may access the file";
        }
        if (e instanceof LimitExceededException) {
            return null; // the message already says which limit and that it can be raised
        }
        if (e instanceof UnsupportedFormatException) {
            return "fwkit cannot handle this yet; please report it with the first bytes of the file"
                    + " (xxd -l 256 " + file + ")";
        }
        if (e instanceof FormatException) {
            return "'fwkit identify " + file + "' shows what the file is";
        }
        return null;
    }
}
