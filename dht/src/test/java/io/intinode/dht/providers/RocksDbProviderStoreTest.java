package io.intinode.dht.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbProviderStoreTest extends ProviderStoreConformance {
    @TempDir
    Path dir;

    @Override
    ProviderStore create(ProviderConfig config) {
        return RocksDbProviderStore.open(dir.resolve("providers"), config);
    }

    @Test
    void recordsAndCapsSurviveAReopen() {
        Key key = Key.ofPeer(peer("/ip4/127.0.0.1/tcp/1").id());
        PeerInfo a = peer("/ip4/127.0.0.1/tcp/1");
        store().add(key, a, T0);
        store().add(key, peer("/ip4/127.0.0.1/tcp/2"), T0);
        store().add(key, peer("/ip4/127.0.0.1/tcp/3"), T0);
        store().close();
        store = create(CONFIG);
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get(key, T0, 10)).contains(a).hasSize(3);
        assertThat(store.add(key, peer("/ip4/127.0.0.1/tcp/4"), T0)).isEqualTo(ProviderStore.Added.KEY_FULL);
    }

    @Test
    void anUnopenableDirectoryIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> RocksDbProviderStore.open(file, CONFIG))
                .isInstanceOf(ProviderStoreException.class).hasMessageContaining("cannot open provider store");
    }
}
