package io.intinode.p2p.core;

import io.intinode.p2p.identity.PeerId;

/** The authenticated remote is not the peer that was dialled. */
public class PeerIdMismatchException extends SecurityException {
    public PeerIdMismatchException(PeerId expected, PeerId actual) {
        super("peer id mismatch: dialled " + expected + " but reached " + actual);
    }
}
