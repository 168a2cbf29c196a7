package io.intinode.transfer.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.transfer.blob.BlobMessage.Absent;
import io.intinode.transfer.blob.BlobMessage.Chunks;
import io.intinode.transfer.blob.BlobMessage.Data;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Digest A = new Digest("ab".repeat(32));
    private static final Digest B = new Digest("01".repeat(32));

    @Test
    void requestsEncodeToTheDocumentedBytes() {
        assertThat(HEX.formatHex(BlobCodec.encode(new GetChunks(A)))).isEqualTo("21" + "01" + "ab".repeat(32));
        // 300 = ac 02, 4 MiB = 80 80 80 02
        assertThat(HEX.formatHex(BlobCodec.encode(new GetRange(A, 300, 4 << 20))))
                .isEqualTo("27" + "02" + "ab".repeat(32) + "ac02" + "80808002");
    }

    @Test
    void responsesEncodeToTheDocumentedBytes() {
        assertThat(HEX.formatHex(BlobCodec.encode(new Absent()))).isEqualTo("0183");
        assertThat(HEX.formatHex(BlobCodec.encode(new Data(5)))).isEqualTo("028205");
        ChunkList list = new ChunkList(A, 1, 1 << 20, List.of(B));
        assertThat(HEX.formatHex(BlobCodec.encode(new Chunks(list))))
                .isEqualTo("45" + "81" + "ab".repeat(32) + "01" + "808040" + "01".repeat(32));
    }

    @Test
    void everyMessageSurvivesARoundTrip() throws IOException {
        List<BlobMessage> all = List.of(new GetChunks(A), new GetRange(B, Long.MAX_VALUE >> 1, 0),
                new Chunks(new ChunkList(A, 0, 1 << 20, List.of())),
                new Chunks(new ChunkList(A, (3 << 20) + 1, 1 << 20, List.of(A, B, A, B))), new Data(0),
                new Data(BlobProtocol.MAX_RANGE_BYTES), new Absent());
        for (BlobMessage m : all) {
            assertThat(BlobCodec.read(new ByteArrayInputStream(BlobCodec.encode(m)), BlobProtocol.MAX_RESPONSE_FRAME_BYTES))
                    .contains(m);
        }
    }

    @Test
    void cleanEndOfStreamBeforeAFrameIsNoMessage() throws IOException {
        assertThat(BlobCodec.read(new ByteArrayInputStream(new byte[0]), 100)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", // empty body
        "04", // unknown type
        "01abab", // truncated digest
        "02" + "abababababababababababababababababababababababababababababababab" + "80", // truncated varint
        "02" + "abababababababababababababababababababababababababababababababab" + "01", // length missing
        "02" + "abababababababababababababababababababababababababababababababab" + "8000" + "01", // non-minimal varint
        "02" + "abababababababababababababababababababababababababababababababab" + "00" + "81808002", // range over 4 MiB
        "8201ff", // trailing byte
        "82ffffffff0f", // data length over int
        "8381", // absent with a body
        "81" + "abababababababababababababababababababababababababababababababab" + "0280804001", // one digest short
        "81" + "abababababababababababababababababababababababababababababababab" + "00" + "00", // chunk size 0
        "81" + "abababababababababababababababababababababababababababababababab" + "8080808080808001" + "01",
    })
    void malformedBodiesAreRefused(String hex) {
        assertThatThrownBy(() -> BlobCodec.decode(HEX.parseHex(hex))).isInstanceOf(BlobProtocolException.class);
    }

    @Test
    void oversizedFrameIsRefusedBeforeItsBodyIsRead() {
        byte[] frame = HEX.parseHex("ffffffff07"); // 2^31-1 bytes announced, none sent
        assertThatThrownBy(() -> BlobCodec.read(new ByteArrayInputStream(frame), BlobProtocol.MAX_REQUEST_FRAME_BYTES))
                .isInstanceOf(BlobProtocolException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void overLongLengthPrefixIsRefused() {
        byte[] frame = HEX.parseHex("ffffffffffffffffff01");
        assertThatThrownBy(() -> BlobCodec.read(new ByteArrayInputStream(frame), 100))
                .isInstanceOf(BlobProtocolException.class);
    }

    @Test
    void truncatedFramesAreRefused() {
        byte[] whole = BlobCodec.encode(new GetRange(A, 300, 1000));
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> BlobCodec.read(new ByteArrayInputStream(part), 100))
                    .as("cut at %d", cut)
                    .isInstanceOf(BlobProtocolException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void rangesAndChunkListsOverTheCapsCannotBeMade() {
        assertThatThrownBy(() -> new GetRange(A, 0, BlobProtocol.MAX_RANGE_BYTES + 1)).isInstanceOf(BlobProtocolException.class);
        assertThatThrownBy(() -> new GetRange(A, -1, 1)).isInstanceOf(BlobProtocolException.class);
        List<Digest> many = java.util.Collections.nCopies(BlobProtocol.MAX_CHUNKS + 1, B);
        ChunkList huge = new ChunkList(A, (long) many.size() << 20, 1 << 20, many);
        assertThatThrownBy(() -> BlobCodec.encode(new Chunks(huge))).isInstanceOf(BlobProtocolException.class);
    }
}
