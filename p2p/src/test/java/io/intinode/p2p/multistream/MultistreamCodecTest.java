package io.intinode.p2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultistreamCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    // The header as every libp2p implementation sends it: length 19, text, newline.
    @Test
    void encodesHeaderVector() {
        ByteBuf b = MultistreamCodec.encode(Unpooled.buffer().alloc(), MultistreamCodec.HEADER);
        assertThat(ByteBufUtil.hexDump(b)).isEqualTo("13" + HEX.formatHex("/multistream/1.0.0\n".getBytes()));
        assertThat(MultistreamCodec.decode(b)).isEqualTo(MultistreamCodec.HEADER);
        assertThat(b.isReadable()).isFalse();
        b.release();
    }

    @Test
    void waitsForTruncatedMessageWithoutConsuming() {
        ByteBuf whole = MultistreamCodec.encode(Unpooled.buffer().alloc(), "/noise");
        ByteBuf part = whole.copy(0, 4);
        assertThat(MultistreamCodec.decode(part)).isNull();
        assertThat(part.readerIndex()).isZero();
        assertThat(MultistreamCodec.decode(Unpooled.buffer())).isNull();
        assertThat(MultistreamCodec.decode(whole)).isEqualTo("/noise");
        whole.release();
        part.release();
    }

    @Test
    void longMessagesUseTwoByteLength() {
        String id = "/" + "x".repeat(200);
        ByteBuf b = MultistreamCodec.encode(Unpooled.buffer().alloc(), id);
        assertThat(b.getUnsignedByte(0) & 0x80).isEqualTo(0x80);
        assertThat(MultistreamCodec.decode(b)).isEqualTo(id);
        b.release();
        assertThatThrownBy(() -> MultistreamCodec.encode(Unpooled.buffer().alloc(), "x".repeat(2000)))
                .hasMessageContaining("too long");
    }

    @ParameterizedTest
    @CsvSource({"00, empty", "0261ff, newline", "ff0f, exceeds", "818001, exceeds", "8110, exceeds"})
    void rejectsMalformedAndOversized(String hex, String message) {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex(hex));
        assertThatThrownBy(() -> MultistreamCodec.decode(b))
                .isInstanceOf(MultistreamException.class).hasMessageContaining(message);
    }
}
