package io.intinode.dht.providers;

import io.intinode.dht.core.DhtException;

/** The provider store's storage failed. */
public class ProviderStoreException extends DhtException {
    public ProviderStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
