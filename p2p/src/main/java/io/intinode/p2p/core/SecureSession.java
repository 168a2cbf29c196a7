package io.intinode.p2p.core;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.identity.PublicKey;

/** The authenticated far end of a secured connection. */
public record SecureSession(PeerId remotePeer, PublicKey remoteKey) {}
