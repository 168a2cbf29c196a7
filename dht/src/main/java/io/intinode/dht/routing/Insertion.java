package io.intinode.dht.routing;

import io.intinode.dht.core.PeerInfo;

/** What {@link RoutingTable#offer} did with a verified peer; {@link PingFirst} asks the caller for I/O. */
public sealed interface Insertion {
    record Added() implements Insertion {}

    /** Already known: its addresses and last-seen time were updated. */
    record Updated() implements Insertion {}

    /**
     * The bucket is full. The newcomer waits in the replacement cache; ping {@code oldest} and report the
     * outcome with {@link RoutingTable#pingResult}. Null {@code oldest} means a ping is already under way.
     */
    record PingFirst(PeerInfo oldest) implements Insertion {}

    record Rejected(String reason) implements Insertion {}
}
