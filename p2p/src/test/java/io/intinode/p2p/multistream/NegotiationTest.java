package io.intinode.p2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private static final String H = MultistreamCodec.HEADER;

    @Test
    void dialerFallsBackOnNa() {
        Dialer d = new Dialer(List.of("/a", "/b"));
        assertThat(d.start()).containsExactly(H, "/a");
        assertThat(d.onMessage(H).send()).isEmpty();
        assertThat(d.onMessage("na").send()).containsExactly("/b");
        Negotiation.Step step = d.onMessage("/b");
        assertThat(step.selected()).contains("/b");
    }

    @Test
    void dialerFailsWhenNothingMatches() {
        Dialer d = new Dialer(List.of("/a"));
        d.onMessage(H);
        assertThatThrownBy(() -> d.onMessage("na")).hasMessageContaining("none of [/a]");
        assertThatThrownBy(() -> new Dialer(List.of("/a")).onMessage("/other")).hasMessageContaining("expected");
        Dialer d2 = new Dialer(List.of("/a"));
        d2.onMessage(H);
        assertThatThrownBy(() -> d2.onMessage("/b")).hasMessageContaining("expected '/a' or na");
    }

    @Test
    void listenerAnswersAfterDialerHeader() {
        Listener l = new Listener(Set.of("/b")::contains);
        assertThat(l.start()).isEmpty();
        assertThat(l.onMessage(H).send()).containsExactly(H);
        assertThat(l.onMessage("/a").send()).containsExactly("na");
        assertThat(l.onMessage("ls").send()).containsExactly("na");
        Negotiation.Step step = l.onMessage("/b");
        assertThat(step.send()).containsExactly("/b");
        assertThat(step.selected()).contains("/b");
    }

    @Test
    void listenerRejectsBadHeaderAndEndlessProposals() {
        assertThatThrownBy(() -> new Listener(p -> false).onMessage("/multistream/2.0.0"))
                .isInstanceOf(MultistreamException.class);
        Listener l = new Listener(p -> false);
        l.onMessage(H);
        for (int i = 0; i < Listener.MAX_PROPOSALS; i++) {
            l.onMessage("/p" + i);
        }
        assertThatThrownBy(() -> l.onMessage("/again")).hasMessageContaining("more than");
    }
}
