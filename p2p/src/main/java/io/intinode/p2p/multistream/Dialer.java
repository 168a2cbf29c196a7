package io.intinode.p2p.multistream;

import java.util.List;

/**
 * The initiator: sends the header and its first choice at once (a listening js-libp2p waits for the
 * dialler's header), then moves down its list on each {@code na}.
 */
public final class Dialer implements Negotiation {
    private final List<String> protocols;
    private boolean headerSeen;
    private int current;

    public Dialer(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocols to propose");
        }
        this.protocols = List.copyOf(protocols);
    }

    @Override
    public List<String> start() {
        return List.of(MultistreamCodec.HEADER, protocols.getFirst());
    }

    @Override
    public Step onMessage(String message) {
        if (!headerSeen) {
            if (!message.equals(MultistreamCodec.HEADER)) {
                throw new MultistreamException("expected " + MultistreamCodec.HEADER + ", got '" + message + "'");
            }
            headerSeen = true;
            return Step.reply();
        }
        if (message.equals(protocols.get(current))) {
            return Step.select(message);
        }
        if (!message.equals(MultistreamCodec.NA)) {
            throw new MultistreamException("expected '" + protocols.get(current) + "' or na, got '" + message + "'");
        }
        if (++current == protocols.size()) {
            throw new MultistreamException("peer supports none of " + protocols);
        }
        return Step.reply(protocols.get(current));
    }
}
