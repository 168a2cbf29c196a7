package io.intinode.node.cli;

import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code intinode stub FILE [--url URL]...}: prints the stub line for a file. */
@Command(name = "stub", mixinStandardHelpOptions = true,
        description = "Print the stub line for FILE (its SHA-256 and size, and the given URLs).")
final class StubCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to describe.")
    Path file;

    @Option(names = "--url", paramLabel = "URL", description = "A webseed URL for the content (repeatable).")
    List<String> urls = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.BAD_INPUT, file + ": not a regular file");
        }
        Stub stub;
        try {
            stub = Stub.of(Sha256.of(file), Files.size(file), urls);
            spec.commandLine().getOut().println(StubCodec.encode(stub));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
