package io.intinode.dht.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.multiformats.Cid;
import io.intinode.store.Digest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyTest {
    @Test
    void blobKeyIsTheMultihashOfTheRawCidNotTheCidBytes() {
        Cid cid = Cid.parse("bafkreian6msz26ca5axu7zve4ovx5ybdxs45jo3euehb2rtndtaluqbyd4");
        Key key = Key.ofBlob(cid.toDigest());
        assertThat(key).isEqualTo(Key.ofCid(cid));
        assertThat(HexFormat.of().formatHex(key.bytes())).startsWith("1220").hasSize(68);
        assertThat(key.isBlobKey()).isTrue();
    }

    @Test
    void distanceIsXorOfSha256OfTheKeyBytes() throws Exception {
        Key a = Key.of(new byte[] {1});
        Key b = Key.of(new byte[] {2});
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] ha = sha.digest(new byte[] {1});
        byte[] hb = sha.digest(new byte[] {2});
        byte[] x = new byte[32];
        for (int i = 0; i < 32; i++) {
            x[i] = (byte) (ha[i] ^ hb[i]);
        }
        assertThat(a.distance(b).toString()).isEqualTo(HexFormat.of().formatHex(x));
        assertThat(a.distance(b)).isEqualTo(b.distance(a));
        assertThat(a.distance(a).commonPrefixLength()).isEqualTo(256);
    }

    @Test
    void distancesOrderAsUnsignedNumbers() {
        Key self = Key.of(new byte[] {9});
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            Distance d1 = self.distance(Key.random(r));
            Distance d2 = self.distance(Key.random(r));
            assertThat(Integer.signum(d1.compareTo(d2)))
                    .isEqualTo(Integer.signum(new java.math.BigInteger(d1.toString(), 16)
                            .compareTo(new java.math.BigInteger(d2.toString(), 16))));
        }
    }

    @Test
    void randomAtFindsAKeyWithTheAskedCommonPrefix() {
        Key self = Key.ofBlob(Digest.of(new byte[32]));
        SplittableRandom r = new SplittableRandom(7);
        for (int cpl = 0; cpl < 8; cpl++) {
            assertThat(Key.randomAt(self, cpl, r, 10_000)).get()
                    .extracting(k -> self.distance(k).commonPrefixLength()).isEqualTo(cpl);
        }
        assertThat(Key.randomAt(self, 200, r, 100)).isEmpty();
    }

    @Test
    void emptyAndOversizedKeysAreRejected() {
        assertThatThrownBy(() -> Key.of(new byte[0])).isInstanceOf(DhtException.class);
        assertThatThrownBy(() -> Key.of(new byte[Key.MAX_BYTES + 1])).isInstanceOf(DhtException.class);
        assertThat(Key.of(new byte[33]).isBlobKey()).isFalse();
    }
}
