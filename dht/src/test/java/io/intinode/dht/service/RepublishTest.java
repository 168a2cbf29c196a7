package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadCodec;
import io.intinode.dht.protocol.KadLimits;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.store.Digest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our records are republished before they expire elsewhere (48 h TTL, 22 h republish), on a clock moved ahead. */
@Timeout(60)
class RepublishTest {
    @Test
    void aProvidedBlobOutlivesTheRecordTtlBecauseItIsRepublished() throws Exception {
        OffsetClock clock = new OffsetClock();
        DhtConfig config = DhtConfig.defaults().withMaintenanceInterval(Duration.ofMillis(100));
        try (LoopbackNetwork net = new LoopbackNetwork(3, config, true, clock)) {
            Dht provider = net.dhts.get(1);
            Key key = Key.ofBlob(Digest.of(new byte[32]));
            int told = provider.provide(key);
            assertThat(told).isPositive();
            long sent = provider.metrics().providesSent();

            clock.advance(Duration.ofHours(23));
            LoopbackNetwork.await(() -> provider.metrics().providesSent() >= sent + told, "a republish");
            clock.advance(Duration.ofHours(26)); // 49 h after the first announcement

            KadClient client = new KadClient(net.hosts.get(2), DhtConfig.DEFAULT_PROTOCOL_ID,
                    new KadCodec(KadLimits.DEFAULT));
            PeerInfo holder = new PeerInfo(net.hosts.get(0).peerId(), net.hosts.get(0).listenAddrs());
            assertThat(client.request(holder, KadMessage.GetProviders.request(key), Duration.ofSeconds(5)))
                    .get().isInstanceOfSatisfying(KadMessage.GetProviders.class, g -> assertThat(g.providers())
                            .extracting(PeerInfo::id).isEqualTo(List.of(net.hosts.get(1).peerId())));
        }
    }
}
