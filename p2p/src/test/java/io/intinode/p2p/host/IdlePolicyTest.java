package io.intinode.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdlePolicyTest {
    private static final long S = 1_000_000_000L;

    @Test
    void closesOnlyAfterTheTimeoutWithoutStreams() {
        IdlePolicy policy = new IdlePolicy(Duration.ofSeconds(10));
        assertThat(policy.shouldClose(0, 100 * S)).isFalse();
        assertThat(policy.shouldClose(0, 109 * S)).isFalse();
        assertThat(policy.shouldClose(0, 110 * S)).isTrue();
    }

    @Test
    void anOpenStreamRestartsTheClock() {
        IdlePolicy policy = new IdlePolicy(Duration.ofSeconds(10));
        policy.shouldClose(0, 0);
        assertThat(policy.shouldClose(1, 9 * S)).isFalse();
        assertThat(policy.shouldClose(0, 12 * S)).isFalse();
        assertThat(policy.shouldClose(0, 21 * S)).isFalse();
        assertThat(policy.shouldClose(0, 22 * S)).isTrue();
    }
}
