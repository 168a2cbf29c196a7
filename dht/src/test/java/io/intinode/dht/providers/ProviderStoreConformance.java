package io.intinode.dht.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiformats.Multihash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProviderStore} must do; an implementation's test supplies {@link #create}. */
abstract class ProviderStoreConformance {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final ProviderConfig CONFIG = new ProviderConfig(Duration.ofHours(48), Duration.ofHours(22), 3, 4);
    private final SplittableRandom random = new SplittableRandom(5);
    protected ProviderStore store;

    abstract ProviderStore create(ProviderConfig config);

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    ProviderStore store() {
        if (store == null) {
            store = create(CONFIG);
        }
        return store;
    }

    @Test
    void addedProvidersAreReturnedWithTheirAddresses() {
        Key key = Key.random(random);
        PeerInfo a = peer("/ip4/127.0.0.1/tcp/4001");
        PeerInfo b = peer("/ip6/::1/tcp/4002");
        assertThat(store().add(key, a, T0)).isEqualTo(ProviderStore.Added.NEW);
        assertThat(store().add(key, b, T0)).isEqualTo(ProviderStore.Added.NEW);
        assertThat(store().get(key, T0.plusSeconds(1), 10)).containsExactlyInAnyOrder(a, b);
        assertThat(store().get(key, T0.plusSeconds(1), 1)).hasSize(1);
        assertThat(store().get(Key.random(random), T0, 10)).isEmpty();
        assertThat(store().size()).isEqualTo(2);
    }

    @Test
    void recordsExpireAfterTheTtlUnlessRefreshed() {
        Key key = Key.random(random);
        PeerInfo a = peer("/ip4/127.0.0.1/tcp/1");
        PeerInfo b = peer("/ip4/127.0.0.1/tcp/2");
        store().add(key, a, T0);
        store().add(key, b, T0);
        PeerInfo bMoved = new PeerInfo(b.id(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/3")));
        assertThat(store().add(key, bMoved, T0.plus(Duration.ofHours(22)))).isEqualTo(ProviderStore.Added.REFRESHED);
        Instant afterTtl = T0.plus(Duration.ofHours(48));
        assertThat(store().get(key, afterTtl, 10)).containsExactly(bMoved);
        assertThat(store().purgeExpired(afterTtl)).isEqualTo(1);
        assertThat(store().size()).isEqualTo(1);
        assertThat(store().purgeExpired(T0.plus(Duration.ofHours(70)))).isEqualTo(1);
        assertThat(store().size()).isZero();
        assertThat(store().get(key, T0, 10)).isEmpty();
    }

    @Test
    void aKeyHoldsAtMostItsCapOfProvidersButKnownOnesRefresh() {
        Key key = Key.random(random);
        List<PeerInfo> three = List.of(peer("/ip4/127.0.0.1/tcp/1"), peer("/ip4/127.0.0.1/tcp/2"),
                peer("/ip4/127.0.0.1/tcp/3"));
        three.forEach(p -> assertThat(store().add(key, p, T0)).isEqualTo(ProviderStore.Added.NEW));
        assertThat(store().add(key, peer("/ip4/127.0.0.1/tcp/4"), T0)).isEqualTo(ProviderStore.Added.KEY_FULL);
        assertThat(store().add(key, three.getFirst(), T0)).isEqualTo(ProviderStore.Added.REFRESHED);
        store().remove(key, three.getFirst().id());
        assertThat(store().add(key, peer("/ip4/127.0.0.1/tcp/5"), T0)).isEqualTo(ProviderStore.Added.NEW);
    }

    @Test
    void onePeerHoldsAtMostItsCapOfRecords() {
        PeerInfo p = peer("/ip4/127.0.0.1/tcp/1");
        for (int i = 0; i < 4; i++) {
            assertThat(store().add(Key.random(random), p, T0)).isEqualTo(ProviderStore.Added.NEW);
        }
        Key fifth = Key.random(random);
        assertThat(store().add(fifth, p, T0)).isEqualTo(ProviderStore.Added.PEER_FULL);
        assertThat(store().get(fifth, T0, 10)).isEmpty();
        assertThat(store().purgeExpired(T0.plus(Duration.ofDays(3)))).isEqualTo(4);
        assertThat(store().add(fifth, p, T0.plus(Duration.ofDays(3)))).isEqualTo(ProviderStore.Added.NEW);
    }

    @Test
    void removingAnUnknownRecordChangesNothing() {
        Key key = Key.random(random);
        PeerInfo p = peer("/ip4/127.0.0.1/tcp/1");
        store().add(key, p, T0);
        store().remove(key, peer("/ip4/127.0.0.1/tcp/2").id());
        store().remove(Key.random(random), p.id());
        assertThat(store().get(key, T0, 10)).containsExactly(p);
        assertThat(store().size()).isEqualTo(1);
    }

    PeerInfo peer(String addr) {
        byte[] d = new byte[32];
        random.nextBytes(d);
        return new PeerInfo(new PeerId(Multihash.sha256(d)), List.of(Multiaddr.parse(addr)));
    }
}
