package io.intinode.node.cli;

import io.intinode.node.tree.TreeCopier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Parameters;

/** The SRC and DST parameters shared by {@code skinny} and {@code hydrate}. */
final class TreeArguments {
    @Parameters(index = "0", paramLabel = "SRC", description = "The tree to copy.")
    Path src;

    @Parameters(index = "1", paramLabel = "DST", description = "The copy to make (absent or an empty directory).")
    Path dst;

    /** Refuses a SRC that is no directory, a DST inside SRC, or a DST that is not empty. */
    void check() throws IOException {
        try {
            TreeCopier.checkSourceAndTarget(src, dst);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** Copies SRC to DST; a failure says that DST is incomplete. */
    TreeCopier.Counts copy(String command, TreeCopier.FileWriter writer) {
        try {
            return TreeCopier.copy(src, dst, writer);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, command + " failed, " + dst + " is incomplete: " + e.getMessage(), e);
        }
    }

    /** The one-line summary both commands print; {@code stubs} says what happened to stubs. */
    static String summary(TreeCopier.Counts counts, String stubs) {
        return String.format(Locale.ROOT, "%d files, %s, %d directories, %d symlinks; %s before, %s after",
                counts.files(), stubs, counts.directories(), counts.symlinks(),
                bytes(counts.bytesIn()), bytes(counts.bytesOut()));
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%d bytes (%.1f MiB)", n, n / 1048576.0);
    }
}
