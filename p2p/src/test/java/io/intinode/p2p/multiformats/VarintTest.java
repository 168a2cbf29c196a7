package io.intinode.p2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {
    private static final HexFormat HEX = HexFormat.of();

    // Vectors from the multiformats unsigned-varint spec.
    @ParameterizedTest
    @CsvSource({"1,01", "127,7f", "128,8001", "255,ff01", "300,ac02", "16384,808001",
            "9223372036854775807,ffffffffffffffff7f"})
    void encodesAndDecodesSpecVectors(long value, String hex) {
        assertThat(HEX.formatHex(Varint.encode(value))).isEqualTo(hex);
        assertThat(Varint.encodedLength(value)).isEqualTo(hex.length() / 2);
        Varint.Decoded d = Varint.decode(HEX.parseHex(hex + "ff"), 0);
        assertThat(d.value()).isEqualTo(value);
        assertThat(d.length()).isEqualTo(hex.length() / 2);
    }

    @ParameterizedTest
    @CsvSource({"'', truncated", "80, truncated", "ff80, truncated", "8000, minimally",
            "ffffffffffffffffff01, longer than 9", "ffffffffffffffff8001, longer than 9"})
    void rejectsMalformedTruncatedOversized(String hex, String message) {
        assertThatThrownBy(() -> Varint.decode(HEX.parseHex(hex), 0))
                .isInstanceOf(MultiformatException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"ffffffff0f"})
    void rejectsValuesTooLargeForInt(String hex) {
        assertThatThrownBy(() -> Varint.decodeInt(HEX.parseHex(hex), 0))
                .isInstanceOf(MultiformatException.class).hasMessageContaining("too large");
    }

    @ParameterizedTest
    @CsvSource({"-1"})
    void rejectsNegative(long value) {
        assertThatThrownBy(() -> Varint.encode(value)).isInstanceOf(MultiformatException.class);
    }
}
