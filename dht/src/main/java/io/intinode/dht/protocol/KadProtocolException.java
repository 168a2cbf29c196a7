package io.intinode.dht.protocol;

import io.intinode.dht.core.DhtException;

/** A kad-dht message that breaks the spec or our limits; the stream carrying it is reset. */
public class KadProtocolException extends DhtException {
    public KadProtocolException(String message) {
        super(message);
    }

    public KadProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
