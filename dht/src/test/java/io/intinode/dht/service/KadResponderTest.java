package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.protocol.KadProtocolException;
import io.intinode.dht.providers.InMemoryProviderStore;
import io.intinode.dht.providers.ProviderConfig;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiformats.Multihash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KadResponderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final SplittableRandom random = new SplittableRandom(8);
    private final PeerInfo sender = peer();
    private final List<PeerInfo> table = List.of(peer(), sender, peer());
    private final InMemoryProviderStore store = new InMemoryProviderStore(ProviderConfig.DEFAULT);
    private final KadResponder responder = new KadResponder(store, k -> table, 20);
    private final Key blob = Key.random(random);
    private final List<Multiaddr> senderAddrs = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/7"));

    @Test
    void findNodeAnswersTheClosestPeersButNeverTheRequester() {
        assertThat(responder.respond(sender.id(), senderAddrs, KadMessage.FindNode.request(blob), NOW))
                .contains(new KadMessage.FindNode(blob, List.of(table.get(0), table.get(2))));
    }

    @Test
    void addProviderIsAcceptedOnlyForTheSenderItself() {
        PeerInfo other = peer();
        assertThat(responder.respond(sender.id(), senderAddrs,
                new KadMessage.AddProvider(blob, List.of(other)), NOW)).isEmpty();
        assertThat(store.get(blob, NOW, 10)).isEmpty();
        responder.respond(sender.id(), senderAddrs, new KadMessage.AddProvider(blob, List.of(sender)), NOW);
        assertThat(store.get(blob, NOW, 10)).containsExactly(sender);
    }

    @Test
    void aProviderWithoutAddressesIsStoredWithTheAddressesWeKnow() {
        responder.respond(sender.id(), senderAddrs,
                new KadMessage.AddProvider(blob, List.of(new PeerInfo(sender.id(), List.of()))), NOW);
        assertThat(store.get(blob, NOW, 10)).containsExactly(new PeerInfo(sender.id(), senderAddrs));
    }

    @Test
    void getProvidersAnswersStoredProvidersAndCloserPeers() {
        PeerInfo provider = peer();
        store.add(blob, provider, NOW);
        Optional<KadMessage> answer = responder.respond(sender.id(), senderAddrs, KadMessage.GetProviders.request(blob),
                NOW);
        assertThat(answer).contains(new KadMessage.GetProviders(blob, List.of(provider),
                List.of(table.get(0), table.get(2))));
    }

    @Test
    void pingIsEchoedGetValueFindsNothingAndPutValueIsRefused() {
        assertThat(responder.respond(sender.id(), senderAddrs, new KadMessage.Ping(), NOW))
                .contains(new KadMessage.Ping());
        Key k = Key.of("/v/x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(responder.respond(sender.id(), senderAddrs, new KadMessage.GetValue(k, List.of()), NOW))
                .contains(new KadMessage.GetValue(k, List.of(table.get(0), table.get(2))));
        assertThatThrownBy(() -> responder.respond(sender.id(), senderAddrs, new KadMessage.PutValue(k), NOW))
                .isInstanceOf(KadProtocolException.class).hasMessageContaining("PUT_VALUE is not supported");
    }

    private PeerInfo peer() {
        byte[] d = new byte[32];
        random.nextBytes(d);
        return new PeerInfo(new PeerId(Multihash.sha256(d)), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/1")));
    }
}
