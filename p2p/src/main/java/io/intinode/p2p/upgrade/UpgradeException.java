package io.intinode.p2p.upgrade;

/** The upgrade of a raw connection did not finish: timeout, closed, or a layer failed. */
public class UpgradeException extends RuntimeException {
    public UpgradeException(String message) {
        super(message);
    }
}
