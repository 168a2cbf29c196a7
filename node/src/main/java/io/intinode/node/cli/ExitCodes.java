package io.intinode.node.cli;

/** Exit codes of the CLI. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A runtime failure: I/O, verification, network. */
    public static final int FAILURE = 1;
    /** Bad command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    /** The input (a stub, a reference, a file) is malformed. */
    public static final int BAD_INPUT = 3;
    /** Content did not match its digest or size. */
    public static final int VERIFY_FAILED = 4;
    /** A needed blob could not be found anywhere. */
    public static final int NOT_FOUND = 5;
    /** A peer could not be reached: connection refused, timed out. */
    public static final int UNREACHABLE = 6;
    /** The peer reached is not the one named by the address's /p2p part. */
    public static final int PEER_MISMATCH = 7;

    private ExitCodes() {}
}
