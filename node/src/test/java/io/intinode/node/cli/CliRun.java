package io.intinode.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the CLI in-process against a data directory and captures what it prints: text through
 * picocli's writers, and raw bytes that commands such as {@code cat} write to System.out.
 */
record CliRun(int exitCode, String out, String err, byte[] rawOut) {
    static CliRun run(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        return of(all.toArray(String[]::new));
    }

    /** Runs with exactly these arguments (the caller passes --data-dir when it needs one). */
    static synchronized CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        try (PrintStream capture = new PrintStream(raw, true)) {
            System.setOut(capture);
            CommandLine cl = IntinodeCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString(), raw.toByteArray());
        } finally {
            System.setOut(systemOut);
        }
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
