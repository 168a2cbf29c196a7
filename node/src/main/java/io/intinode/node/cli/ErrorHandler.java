package io.intinode.node.cli;

import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobNotFoundException;
import io.intinode.transfer.resolve.BlobUnavailableException;
import io.intinode.transfer.stub.StubFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns any failure into one line on stderr and a non-zero exit code; stack traces only with --debug. */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        boolean debug = parsed.hasMatchedOption("--debug");
        if (debug) {
            ex.printStackTrace(cl.getErr());
        }
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        cl.getErr().println("intinode: " + message);
        return switch (ex) {
            case CliException ce -> ce.exitCode();
            case StubFormatException s -> ExitCodes.BAD_INPUT;
            case BlobMismatchException m -> ExitCodes.VERIFY_FAILED;
            case BlobNotFoundException n -> ExitCodes.NOT_FOUND;
            case BlobUnavailableException u -> ExitCodes.NOT_FOUND;
            default -> ExitCodes.FAILURE;
        };
    }
}
