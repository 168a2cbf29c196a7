package io.intinode.node.cli;

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
        return ex instanceof CliException ce ? ce.exitCode() : ExitCodes.FAILURE;
    }
}
