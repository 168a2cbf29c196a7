package io.intinode.p2p.multistream;

import java.util.List;
import java.util.function.Predicate;

/**
 * The responder: waits for the dialler's header before sending its own, then answers each proposal with
 * an echo (selected) or {@code na}. The number of proposals is capped so a peer cannot spin it forever.
 */
public final class Listener implements Negotiation {
    public static final int MAX_PROPOSALS = 32;

    private final Predicate<String> supported;
    private boolean headerSeen;
    private int proposals;

    public Listener(Predicate<String> supported) {
        this.supported = supported;
    }

    @Override
    public List<String> start() {
        return List.of();
    }

    @Override
    public Step onMessage(String message) {
        if (!headerSeen) {
            if (!message.equals(MultistreamCodec.HEADER)) {
                throw new MultistreamException("expected " + MultistreamCodec.HEADER + ", got '" + message + "'");
            }
            headerSeen = true;
            return Step.reply(MultistreamCodec.HEADER);
        }
        if (++proposals > MAX_PROPOSALS) {
            throw new MultistreamException("more than " + MAX_PROPOSALS + " protocol proposals");
        }
        if (!message.equals("ls") && supported.test(message)) {
            return Step.select(message, message);
        }
        return Step.reply(MultistreamCodec.NA);
    }
}
