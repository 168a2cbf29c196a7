package io.intinode.p2p.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.multiformats.Cid;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerIdTest {
    private static final String SEED_01_PEER = "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5";

    static Identity seed01() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 1);
        return Identity.fromSeed(seed);
    }

    @Test
    void seedOfOnesGivesPublishedPeerId() {
        Identity id = seed01();
        assertThat(id.peerId().toString()).isEqualTo(SEED_01_PEER);
        assertThat(HexFormat.of().formatHex(id.publicKey().toProtobuf())).startsWith("08011220").hasSize(72);
    }

    @Test
    void parsesBase58AndLibp2pKeyCid() {
        PeerId id = PeerId.parse(SEED_01_PEER);
        assertThat(id).isEqualTo(seed01().peerId());
        String cid = id.toCid().toString();
        assertThat(cid).startsWith("bafzaa");
        assertThat(PeerId.parse(cid)).isEqualTo(id);
        assertThat(id.inlinedKey()).contains(seed01().publicKey());
        assertThat(id.matches(seed01().publicKey())).isTrue();
    }

    @Test
    void parsesSha256PeerIds() {
        // An RSA-era peer id (sha2-256 multihash) still parses, though it carries no key.
        PeerId id = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertThat(id.toString()).isEqualTo("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertThat(id.inlinedKey()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12D3KooW", "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH",
            "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5x", "12D3KooW0OIl",
            "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "hello"})
    void rejectsMalformed(String text) {
        assertThatThrownBy(() -> PeerId.parse(text)).isInstanceOf(IdentityException.class);
    }

    @Test
    void rejectsOversized() {
        assertThatThrownBy(() -> PeerId.parse("1" + "2".repeat(5000))).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> PublicKey.fromProtobuf(new byte[100])).hasMessageContaining("too large");
    }

    @Test
    void signaturesVerify() {
        Identity id = seed01();
        byte[] sig = id.sign("hello".getBytes());
        assertThat(id.publicKey().verify("hello".getBytes(), sig)).isTrue();
        assertThat(id.publicKey().verify("hellO".getBytes(), sig)).isFalse();
        sig[0] ^= 1;
        assertThat(id.publicKey().verify("hello".getBytes(), sig)).isFalse();
    }

    @Test
    void rejectsNonEd25519Keys() {
        // Secp256k1 key type (2) with 33 bytes of data.
        byte[] secp = HexFormat.of().parseHex("08021221" + "02".repeat(33));
        assertThatThrownBy(() -> PublicKey.fromProtobuf(secp)).hasMessageContaining("only Ed25519");
        assertThatThrownBy(() -> PublicKey.fromProtobuf(HexFormat.of().parseHex("0801122001")))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> PublicKey.fromProtobuf(HexFormat.of().parseHex("08011201aa")))
                .hasMessageContaining("32 bytes");
        assertThat(new Cid(Cid.LIBP2P_KEY, seed01().peerId().multihash()).codec()).isEqualTo(0x72);
    }
}
