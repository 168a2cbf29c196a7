package io.intinode.dht.core;

/** The dht module's unchecked exception; subclasses carry what their layer needs. */
public class DhtException extends RuntimeException {
    public DhtException(String message) {
        super(message);
    }

    public DhtException(String message, Throwable cause) {
        super(message, cause);
    }
}
