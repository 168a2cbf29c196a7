package io.intinode.node.cli;

import io.intinode.store.BlobMismatchException;
import io.intinode.transfer.resolve.BlobNotFoundException;
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
        return exitCode(ex);
    }

    private static int exitCode(Exception ex) {
        return switch (ex) {
            case CliException ce -> ce.exitCode();
            case StubFormatException e -> ExitCodes.BAD_INPUT;
            case BlobMismatchException e -> ExitCodes.VERIFY_FAILED;
            case BlobNotFoundException e -> ExitCodes.NOT_FOUND;
            default -> ExitCodes.FAILURE;
        };
    }
}
