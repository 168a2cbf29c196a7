package io.intinode.dht.query;

import io.intinode.dht.core.PeerInfo;
import java.time.Instant;
import java.util.List;

/** What the driver of a {@link Lookup} must do next. */
public sealed interface LookupStep {
    /** Send one request to each peer, then call {@link Lookup#next} again. */
    record Send(List<PeerInfo> peers) implements LookupStep {}

    /** Nothing to send: wait for answers, or until {@code until}, when a request times out. */
    record Wait(Instant until) implements LookupStep {}

    record Finished(LookupResult result) implements LookupStep {}
}
