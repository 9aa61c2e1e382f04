package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.mtk.MtkRomLayout;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code fwkit mtk} commands that analyse one dump (or kit file): the file, the layout once it
 * is analysed, and the hint for an input that is not a MediaTek dump.
 */
abstract class MtkDumpCommand extends BaseCommand {
    Path file;
    /** The analysis, once made; the hints use it. */
    MtkRomLayout layout;

    /** Analyses {@link #file}; a FormatException (exit 1) when it is no MediaTek dump and {@code recognisedOnly}. */
    MtkRomLayout analyze(boolean recognisedOnly) throws IOException {
        currentFile = file;
        checkInput(file);
        layout = MtkRomLayout.analyze(file);
        if (recognisedOnly && !layout.recognised()) {
            throw MtkSupport.notRecognised(layout);
        }
        return layout;
    }

    @Override
    String hint(Exception e) {
        if (layout != null && !layout.recognised() && e instanceof FormatException
                && MtkSupport.FORMAT.equals(((FormatException) e).format())) {
            return MtkSupport.notRecognisedHint(layout, file);
        }
        return super.hint(e);
    }
}
