package io.intinode.store;

/** Where a blob's bytes came from; kept in the index for statistics and policy. */
public enum Origin {
    LOCAL,
    LAN_PEER,
    DHT_PEER,
    WEBSEED,
    /** Not known: the index entry was rebuilt from the blob file alone. */
    UNKNOWN
}
