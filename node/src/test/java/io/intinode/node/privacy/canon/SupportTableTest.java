package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportTableTest {
    private static final String D1 = "sha256:" + "1".repeat(64);

    private static List<SupportTable.Row> read(String s) {
        return SupportTable.read(new StringReader(s));
    }

    @Test
    void readsRowsSkippingHeaderCommentsAndBlankLines() {
        List<SupportTable.Row> rows = read("profile\tdigest\tpackage\tversion\tcount\n# a comment\n\n"
                + "debian-13\t" + D1 + "\tbash\t5.2\t900\r\n"
                + "debian-13\t" + ManifestFixtures.digest(2) + "\tlibc6\t2.41\t1000\t3000000\n");
        assertThat(rows).containsExactly(
                new SupportTable.Row("debian-13", Digest.parse(D1), "bash", "5.2", 900, 0),
                new SupportTable.Row("debian-13", ManifestFixtures.digest(2), "libc6", "2.41", 1000, 3_000_000));
    }

    @Test
    void rejectsMalformedLinesWithTheirNumber() {
        assertThatThrownBy(() -> read("# c\nx\t" + D1 + "\tp\t1\n")).hasMessageContaining("line 2")
                .hasMessageContaining("5 or 6");
        assertThatThrownBy(() -> read("x\tsha256:12\tp\t1\t5\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> read("x\t" + D1 + "\tp\t1\tmany\n")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> read("x\t" + D1 + "\tp\t1\t-5\n")).hasMessageContaining("negative");
        assertThatThrownBy(() -> read("x\t" + D1 + "\t\t1\t5\n")).hasMessageContaining("field 3 is empty");
        assertThatThrownBy(() -> read("x\t" + D1 + "\tp\t1\t99999999999999999999\n")).hasMessageContaining("whole number");
    }

    @Test
    void rejectsTruncatedAndOversizedLines() {
        assertThatThrownBy(() -> read("x\t" + D1.substring(0, 40))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> read("x".repeat(SupportTable.MAX_LINE_CHARS + 1))).hasMessageContaining("longer than");
    }
}
