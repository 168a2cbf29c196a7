package io.intinode.store.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobInfo;
import io.intinode.store.Blobs;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobInfoCodecTest {
    static final Digest D = Blobs.sha256(new byte[] {1, 2, 3});
    static final BlobInfo INFO = new BlobInfo(D, 12345678, Instant.ofEpochMilli(1_700_000_000_000L),
            Instant.ofEpochMilli(1_700_000_500_000L), 42, true, false, Origin.WEBSEED);

    @Test
    void encodesTheDocumentedLayout() {
        // version 1 | size | added | last access | count | flags (pinned) | origin (webseed = 4)
        String expected = "01" + "0000000000bc614e" + "0000018bcfe56800" + "0000018bcfed0920" + "000000000000002a" + "01" + "04";
        assertThat(HexFormat.of().formatHex(BlobInfoCodec.encode(INFO))).isEqualTo(expected);
        assertThat(BlobInfoCodec.key(D)).isEqualTo(D.bytes());
    }

    @ParameterizedTest
    @EnumSource(Origin.class)
    void roundTripsEveryOrigin(Origin origin) {
        BlobInfo info = new BlobInfo(D, 0, Instant.EPOCH, Instant.EPOCH, 0, false, true, origin);
        assertThat(BlobInfoCodec.decode(D, BlobInfoCodec.encode(info))).isEqualTo(info);
    }

    @Test
    void roundTrips() {
        assertThat(BlobInfoCodec.decode(D, BlobInfoCodec.encode(INFO))).isEqualTo(INFO);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 34, 36, 1000})
    void rejectsTruncatedAndOversizedValues(int length) {
        byte[] value = Arrays.copyOf(BlobInfoCodec.encode(INFO), length);
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(D.toString());
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnknownVersionFlagsOriginAndNegatives() {
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, patched(0, (byte) 2))).hasMessageContaining("version 2");
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, patched(33, (byte) 4))).hasMessageContaining("malformed");
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, patched(34, (byte) 5))).hasMessageContaining("malformed");
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, patched(34, (byte) -1))).hasMessageContaining("malformed");
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, patched(1, (byte) 0x80))).hasMessageContaining("malformed");
        assertThatThrownBy(() -> BlobInfoCodec.decode(D, patched(25, (byte) 0x80))).hasMessageContaining("malformed");
    }

    @Test
    void keyMustBeADigest() {
        assertThat(BlobInfoCodec.digest(D.bytes())).isEqualTo(D);
        assertThatThrownBy(() -> BlobInfoCodec.digest(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobInfoCodec.digest(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] patched(int offset, byte b) {
        byte[] value = BlobInfoCodec.encode(INFO);
        value[offset] = b;
        return value;
    }
}
