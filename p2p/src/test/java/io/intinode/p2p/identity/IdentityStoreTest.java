package io.intinode.p2p.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsOnFirstStartWithOwnerOnlyModeAndReloadsSameKey() throws Exception {
        IdentityStore store = new IdentityStore(dir.resolve("data"));
        Identity first = store.loadOrCreate(new SecureRandom());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        Identity again = new IdentityStore(dir.resolve("data")).loadOrCreate(new SecureRandom());
        assertThat(again.peerId()).isEqualTo(first.peerId());
        assertThat(Files.list(dir.resolve("data"))).containsExactly(store.file());
    }

    @Test
    void roundTripsLibp2pPrivateKeyEncoding() {
        Identity id = PeerIdTest.seed01();
        assertThat(Identity.fromProtobuf(id.toProtobuf()).peerId()).isEqualTo(id.peerId());
        assertThat(id.toProtobuf()).hasSize(4 + 64);
    }

    @Test
    void refusesWorldReadableCorruptOrOversizedFiles() throws Exception {
        IdentityStore store = new IdentityStore(dir);
        store.loadOrCreate(new SecureRandom());
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(store::load).hasMessageContaining("readable by others").hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-------"));
        Files.write(store.file(), new byte[] {8, 1, 18, 64, 1, 2});
        assertThatThrownBy(store::load).isInstanceOf(IdentityException.class).hasMessageContaining("malformed");

        byte[] inconsistent = PeerIdTest.seed01().toProtobuf();
        inconsistent[inconsistent.length - 1] ^= 1;
        Files.write(store.file(), inconsistent);
        assertThatThrownBy(store::load).hasMessageContaining("does not match seed");

        Files.write(store.file(), new byte[4096]);
        assertThatThrownBy(store::load).hasMessageContaining("too large");
    }
}
