package io.intinode.p2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultihashTest {
    private static final HexFormat HEX = HexFormat.of();

    // multihash spec example: sha2-256 of "Merkle–Damgård".
    @Test
    void sha256SpecVector() {
        String hex = "122041dd7b6443542e75701aa98a0c235951a28a0d851b11564d20022ab11d2589a8";
        Multihash mh = Multihash.fromBytes(HEX.parseHex(hex));
        assertThat(mh.code()).isEqualTo(Multihash.SHA2_256);
        assertThat(HEX.formatHex(mh.digest())).isEqualTo(hex.substring(4));
        assertThat(HEX.formatHex(mh.toBytes())).isEqualTo(hex);
    }

    @Test
    void identityRoundTrips() {
        Multihash mh = Multihash.identity(HEX.parseHex("08011220aabb"));
        assertThat(HEX.formatHex(mh.toBytes())).isEqualTo("000608011220aabb");
        assertThat(Multihash.fromBytes(mh.toBytes())).isEqualTo(mh);
    }

    @ParameterizedTest
    @CsvSource({"'', truncated", "12, truncated", "1220, does not match", "1221" + "00, does not match",
            "1204aabbccdd, needs 32 bytes", "1100, unsupported multihash code",
            "0080, truncated", "00ff01, does not match"})
    void rejectsMalformed(String hex, String message) {
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex(hex)))
                .isInstanceOf(MultiformatException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsOversizedIdentity() {
        byte[] oversized = HEX.parseHex("00c801" + "00".repeat(200));
        assertThatThrownBy(() -> Multihash.fromBytes(oversized)).hasMessageContaining("identity multihash longer");
    }
}
