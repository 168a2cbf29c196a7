package io.intinode.p2p.multistream;

import java.util.List;
import java.util.Optional;

/**
 * One side of a multistream-select negotiation as a pure state machine: fed the messages that arrive,
 * it says what to send and, once agreed, which protocol was selected. I/O lives in the adapters.
 */
public sealed interface Negotiation permits Dialer, Listener {

    /** What to send in reply to one input, and the protocol once selected. */
    record Step(List<String> send, Optional<String> selected) {
        static Step reply(String... messages) {
            return new Step(List.of(messages), Optional.empty());
        }

        static Step select(String protocol, String... messages) {
            return new Step(List.of(messages), Optional.of(protocol));
        }
    }

    /** Messages to send before anything arrives. */
    List<String> start();

    /** Feeds one received message; throws {@link MultistreamException} when negotiation cannot go on. */
    Step onMessage(String message);
}
