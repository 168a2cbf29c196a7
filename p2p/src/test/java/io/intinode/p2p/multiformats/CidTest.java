package io.intinode.p2p.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidTest {
    private static final HexFormat HEX = HexFormat.of();

    static Digest sha256(String text) throws Exception {
        return Digest.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    }

    // Published vectors: the interop string and the well-known raw CID of empty input.
    @ParameterizedTest
    @CsvSource({"intinode interop test,bafkreian6msz26ca5axu7zve4ovx5ybdxs45jo3euehb2rtndtaluqbyd4",
            "'',bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"})
    void rawCidOfContent(String content, String cid) throws Exception {
        Digest digest = sha256(content);
        assertThat(Cid.of(digest).toString()).isEqualTo(cid);
        assertThat(Cid.parse(cid).toDigest()).isEqualTo(digest);
    }

    @Test
    void sha256DigestConvertsBothWays() {
        Digest empty = Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Cid cid = Cid.of(empty);
        assertThat(HEX.formatHex(cid.toBytes())).isEqualTo("01551220" + empty.hex());
        assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
        Cid base58 = Cid.parse(Multibase.encode(Multibase.BASE58BTC, cid.toBytes()));
        assertThat(base58.toDigest()).isEqualTo(empty);
    }

    @Test
    void libp2pKeyCidIsNotABlob() {
        Cid key = new Cid(Cid.LIBP2P_KEY, Multihash.identity(new byte[] {8, 1, 18, 0}));
        assertThat(Cid.parse(key.toString())).isEqualTo(key);
        assertThatThrownBy(key::toDigest).hasMessageContaining("not a raw sha2-256 CID");
    }

    @ParameterizedTest
    @CsvSource({
        "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG, CIDv0",
        "'', empty CID",
        // version 2
        "bajkqaaa, unsupported CID version",
        // dag-pb codec 0x70
        "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi, unsupported CID codec",
        // truncated digest
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvy, does not match",
        // truncated header
        "bae, truncated varint"})
    void rejectsMalformed(String text, String message) {
        assertThatThrownBy(() -> Cid.parse(text))
                .isInstanceOf(MultiformatException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsTrailingBytesAndUnknownHash() {
        byte[] good = Cid.of(Digest.of(new byte[32])).toBytes();
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Cid.fromBytes(longer)).hasMessageContaining("does not match");
        byte[] md5ish = HEX.parseHex("0155d50110" + "00".repeat(16));
        assertThatThrownBy(() -> Cid.fromBytes(md5ish)).hasMessageContaining("unsupported multihash code");
    }
}
