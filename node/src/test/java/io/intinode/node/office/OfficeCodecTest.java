package io.intinode.node.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OfficeCodecTest {
    private static final Digest A = Digest.parse("sha256:" + "0a".repeat(32));
    private static final Digest B = Digest.parse("sha256:" + "0b".repeat(32));
    private static final Digest M = Digest.parse("sha256:" + "ff".repeat(32));
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheDocumentedLayout() {
        assertThat(HEX.formatHex(OfficeCodec.encode(OfficeAnswer.NOTHING))).isEqualTo("010000");
        byte[] full = OfficeCodec.encode(OfficeAnswer.of(Optional.of(M), Set.of(B, A)));
        assertThat(HEX.formatHex(full)).isEqualTo("0101" + "ff".repeat(32) + "02" + "0a".repeat(32) + "0b".repeat(32));
        assertThat(OfficeCodec.decode(full)).isEqualTo(OfficeAnswer.of(Optional.of(M), Set.of(A, B)));
        assertThat(OfficeCodec.decode(HEX.parseHex("010000"))).isEqualTo(OfficeAnswer.NOTHING);
    }

    @Test
    void rejectsMalformedAnswers() {
        String a = "0a".repeat(32);
        String b = "0b".repeat(32);
        String[] bad = {
            "020000",                 // unknown version
            "010200",                 // unknown flag
            "0100" + "01",            // says one digest, has none
            "0100" + "01" + a + "00", // a byte too many
            "0100" + "02" + b + a,    // out of order
            "0100" + "02" + a + a,    // repeated
            "0100" + "8000",          // non-minimal varint count
            "0100" + "ffffffffffffffffff7f", // varint too long
        };
        for (String hex : bad) {
            assertThatThrownBy(() -> OfficeCodec.decode(HEX.parseHex(hex))).as(hex)
                    .isInstanceOf(OfficeProtocolException.class);
        }
    }

    @Test
    void rejectsTruncatedAnswers() {
        byte[] full = OfficeCodec.encode(OfficeAnswer.of(Optional.of(M), Set.of(A, B)));
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            assertThatThrownBy(() -> OfficeCodec.decode(cut)).as("%d bytes", n).isInstanceOf(OfficeProtocolException.class);
        }
    }

    @Test
    void rejectsOversizedAnswersAndSets() {
        assertThatThrownBy(() -> OfficeCodec.decode(new byte[OfficeCodec.MAX_BYTES + 1]))
                .isInstanceOf(OfficeProtocolException.class).hasMessageContaining("at most");
        byte[] count = io.intinode.p2p.multiformats.Varint.encode(OfficeProtocol.MAX_SET + 1L);
        byte[] header = new byte[2 + count.length];
        header[0] = 1;
        System.arraycopy(count, 0, header, 2, count.length);
        assertThatThrownBy(() -> OfficeCodec.decode(header)).isInstanceOf(OfficeProtocolException.class)
                .hasMessageContaining("at most " + OfficeProtocol.MAX_SET);
        TreeSet<Digest> tooMany = new TreeSet<>();
        for (int i = 0; i <= OfficeProtocol.MAX_SET; i++) {
            tooMany.add(Digest.parse("sha256:" + String.format("%064x", i)));
        }
        assertThatThrownBy(() -> new OfficeAnswer(Optional.empty(), tooMany)).isInstanceOf(OfficeProtocolException.class);
    }
}
