package io.intinode.transfer.resolve;

import java.util.List;
import java.util.Objects;

/** A peer said to hold a blob: its id and the addresses to dial (as text, e.g. multiaddrs). */
public record Provider(String peerId, List<String> addresses) {
    public Provider {
        Objects.requireNonNull(peerId, "peerId");
        addresses = List.copyOf(addresses);
    }
}
