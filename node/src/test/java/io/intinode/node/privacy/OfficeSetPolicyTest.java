package io.intinode.node.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.privacy.OfficeSetPolicy.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficeSetPolicyTest {
    private final List<Candidate<String>> candidates = List.of(
            new Candidate<>("internal", 20, 20),
            new Candidate<>("fewInOffice", 9, 9),
            new Candidate<>("popularEverywhere", 40, 5_000),
            new Candidate<>("justRareEnough", 10, 156));

    @Test
    void keepsBlobsCommonInTheOfficeAndRareGlobally() {
        // 50 office hosts, ρ = 0.2: at least 10 LAN holders; n = 10,000: fewer than 156.25 overall.
        assertThat(OfficeSetPolicy.select(candidates, 50, 10_000, 5, 0.2))
                .containsExactlyInAnyOrder("internal", "justRareEnough");
    }

    @Test
    void kIsTheFloorInSmallOffices() {
        assertThat(OfficeSetPolicy.select(List.of(new Candidate<>("x", 4, 4)), 10, 10_000, 5, 0.2)).isEmpty();
        assertThat(OfficeSetPolicy.select(List.of(new Candidate<>("x", 5, 5)), 10, 10_000, 5, 0.2)).containsExactly("x");
    }

    @Test
    void anOfficeOfFewerThanKHostsGetsNoOfficeSet() {
        // Every one of the 4 hosts holds it: listing it would tell each coworker what the others hold.
        assertThat(OfficeSetPolicy.select(List.of(new Candidate<>("x", 4, 4)), 4, 10_000, 5, 0.2)).isEmpty();
    }

    @Test
    void rhoZeroDisablesTheOfficeSet() {
        assertThat(OfficeSetPolicy.select(candidates, 50, 10_000, 5, 0)).isEmpty();
    }
}
