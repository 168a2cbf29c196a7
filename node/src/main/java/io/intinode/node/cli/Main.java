package io.intinode.node.cli;

import picocli.CommandLine;

/** Entry point of the {@code intinode} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return IntinodeCommand.commandLine().execute(args);
    }
}
