package io.intinode.node.privacy.canon;

/** A canonical manifest or support table that is malformed, too large, or not validly signed. */
public class ManifestException extends RuntimeException {
    private final boolean signatureProblem;

    public ManifestException(String message) {
        this(message, false);
    }

    public ManifestException(String message, boolean signatureProblem) {
        super(message);
        this.signatureProblem = signatureProblem;
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
        this.signatureProblem = false;
    }

    /** True when the input parsed but its signature or publisher is not acceptable. */
    public boolean signatureProblem() {
        return signatureProblem;
    }
}
