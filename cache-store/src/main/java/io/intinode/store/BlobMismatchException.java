package io.intinode.store;

/** The bytes did not match the expected size or SHA-256; nothing was stored. */
public final class BlobMismatchException extends StoreException {
    private final String expected;
    private final String actual;

    public BlobMismatchException(String what, String expected, String actual) {
        super(what + " mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
