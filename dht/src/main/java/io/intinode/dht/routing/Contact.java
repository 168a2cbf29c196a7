package io.intinode.dht.routing;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import java.time.Instant;

/** A verified peer in the table: it speaks our DHT protocol and answered a ping. */
public record Contact(PeerInfo peer, Key key, boolean lan, Instant lastSeen) {
    Contact seenAt(Instant now, PeerInfo update, boolean seenOnLan) {
        return new Contact(update, key, lan || seenOnLan, now);
    }
}
