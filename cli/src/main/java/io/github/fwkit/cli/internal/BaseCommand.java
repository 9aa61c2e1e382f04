package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every command shares: the common options, the invocation {@link Context}, and the hint
 * printed under an error. Commands throw; {@link Cli} turns exceptions into messages and exit
 * codes, so command code reads as the happy path.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    /** The file being read or written when an error happens, named in the message; may be null. */
    Path currentFile;

    @Override
    public final Integer call() throws Exception {
        return execute(context());
    }

    /** Runs the command; returns the exit code. */
    abstract int execute(Context ctx) throws Exception;

    final Context context() {
        return ((FwkitCommand) spec.root().userObject()).invocation();
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
