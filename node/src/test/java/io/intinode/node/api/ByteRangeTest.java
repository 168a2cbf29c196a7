package io.intinode.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static ByteRange.Request parse(String header, long size) {
        return ByteRange.parse(Optional.ofNullable(header), size);
    }

    @Test
    void boundedOpenAndSuffixRanges() {
        assertThat(parse("bytes=0-9", 100)).isEqualTo(new ByteRange.Part(new ByteRange(0, 10)));
        assertThat(parse("bytes=90-", 100)).isEqualTo(new ByteRange.Part(new ByteRange(90, 10)));
        assertThat(parse("bytes=-5", 100)).isEqualTo(new ByteRange.Part(new ByteRange(95, 5)));
        assertThat(parse("bytes=50-500", 100)).isEqualTo(new ByteRange.Part(new ByteRange(50, 50)));
        assertThat(parse("bytes=-500", 100)).isEqualTo(new ByteRange.Part(new ByteRange(0, 100)));
        assertThat(new ByteRange(95, 5).contentRange(100)).isEqualTo("bytes 95-99/100");
    }

    @Test
    void rangesPastTheEndAreUnsatisfiable() {
        assertThat(parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=100-200", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=-1", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void malformedMultipleAndOversizedHeadersServeTheWholeBlob() {
        for (String h : new String[] {null, "", "bytes=", "bytes=-", "bytes=9-3", "items=0-1", "bytes=0-1,5-6",
                "bytes=a-b", "bytes=0-99999999999999999999", "bytes=" + "9".repeat(19) + "1-"}) {
            assertThat(parse(h, 100)).as(h).isInstanceOf(ByteRange.Whole.class);
        }
    }
}
