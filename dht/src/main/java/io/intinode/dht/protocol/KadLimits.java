package io.intinode.dht.protocol;

/**
 * Caps applied while decoding, so a peer cannot make us hold more than a bounded amount per message.
 *
 * @param maxMessageBytes largest protobuf body after the length prefix
 * @param maxPeersPerList longest closerPeers or providerPeers list accepted
 * @param maxAddrsPerPeer addresses kept per peer; further ones are dropped
 */
public record KadLimits(int maxMessageBytes, int maxPeersPerList, int maxAddrsPerPeer) {
    /** A k = 20 answer with a dozen addresses per peer takes a few KiB; 64 KiB leaves ample room. */
    public static final KadLimits DEFAULT = new KadLimits(64 * 1024, 100, 16);

    public KadLimits {
        if (maxMessageBytes < 64 || maxPeersPerList < 1 || maxAddrsPerPeer < 1) {
            throw new IllegalArgumentException("kad limits too small: " + maxMessageBytes + "/" + maxPeersPerList
                    + "/" + maxAddrsPerPeer);
        }
    }
}
