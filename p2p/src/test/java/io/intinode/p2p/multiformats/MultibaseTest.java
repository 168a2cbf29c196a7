package io.intinode.p2p.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultibaseTest {
    private static final HexFormat HEX = HexFormat.of();

    // multiformats/multibase tests/basic.csv ("yes mani !").
    @Test
    void encodesBasicVectors() {
        byte[] data = "yes mani !".getBytes(UTF_8);
        assertThat(Multibase.encode(Multibase.BASE32, data)).isEqualTo("bpfsxgidnmfxgsibb");
        assertThat(Multibase.encode(Multibase.BASE58BTC, data)).isEqualTo("z7paNL19xttacUY");
        assertThat(Multibase.decode("bpfsxgidnmfxgsibb")).isEqualTo(data);
        assertThat(Multibase.decode("z7paNL19xttacUY")).isEqualTo(data);
    }

    // draft-msporny-base58 vectors, including leading zero bytes.
    @ParameterizedTest
    @CsvSource({"48656c6c6f20576f726c6421,2NEpo7TZRRrLZSi2U", "0000287fb4cd,11233QC4", "'',''", "00,1"})
    void base58Vectors(String hex, String text) {
        assertThat(Multibase.base58(HEX.parseHex(hex))).isEqualTo(text);
        assertThat(Multibase.fromBase58(text)).isEqualTo(HEX.parseHex(hex));
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(70)];
            random.nextBytes(data);
            if (n % 5 == 0 && data.length > 2) {
                data[0] = 0;
                data[1] = 0;
            }
            assertThat(Multibase.decode(Multibase.encode(Multibase.BASE32, data))).isEqualTo(data);
            assertThat(Multibase.decode(Multibase.encode(Multibase.BASE58BTC, data))).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @CsvSource({"'', empty", "x123, unsupported multibase prefix", "bABC, invalid base32 character",
            "b1, invalid base32 character", "z0OIl, invalid base58btc character", "baf, trailing bits",
            "ba, invalid base32 length", "zé, invalid base58btc character"})
    void rejectsMalformed(String text, String message) {
        assertThatThrownBy(() -> Multibase.decode(text))
                .isInstanceOf(MultiformatException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsOversizedText() {
        String huge = "z" + "2".repeat(Multibase.MAX_TEXT_CHARS + 1);
        assertThatThrownBy(() -> Multibase.decode(huge)).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Multibase.decode("b" + "a".repeat(Multibase.MAX_TEXT_CHARS + 1)))
                .hasMessageContaining("longer than");
    }
}
