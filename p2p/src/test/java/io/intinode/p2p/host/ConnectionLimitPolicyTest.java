package io.intinode.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimitPolicyTest {
    private final ConnectionLimitPolicy policy = new ConnectionLimitPolicy(10, 2, 3);

    @Test
    void inboundIsRefusedAtTheTotalOrPerIpLimit() {
        assertThat(policy.refuseInbound(9, 2)).isEmpty();
        assertThat(policy.refuseInbound(10, 0)).contains("connection limit reached (10)");
        assertThat(policy.refuseInbound(5, 3)).contains("per-IP connection limit reached (3)");
    }

    @Test
    void authenticatedConnectionsAreDroppedAtTheTotalOrPerPeerLimit() {
        assertThat(policy.refusePeer(9, 1)).isEmpty();
        assertThat(policy.refusePeer(10, 0)).contains("connection limit reached (10)");
        assertThat(policy.refusePeer(3, 2)).contains("per-peer connection limit reached (2)");
    }
}
