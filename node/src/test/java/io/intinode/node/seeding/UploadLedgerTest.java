package io.intinode.node.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadLedgerTest {
    private static final Instant NOV = Instant.parse("2026-11-30T23:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:30:00Z");

    @TempDir
    Path dir;

    @Test
    void countsSurviveARestartWithinTheMonthAndResetInTheNext() {
        Path file = dir.resolve("upload-ledger");
        UploadLedger l = UploadLedger.open(file, ZoneOffset.UTC, NOV);
        l.add(500, NOV);
        l.add(250, NOV);
        l.save();
        UploadLedger again = UploadLedger.open(file, ZoneOffset.UTC, NOV);
        assertThat(again.thisMonth(NOV)).isEqualTo(750);
        assertThat(again.thisMonth(DEC)).isZero();
        again.add(10, DEC);
        assertThat(again.thisMonth(DEC)).isEqualTo(10);
    }

    @Test
    void monthsFollowTheConfiguredZone() {
        UploadLedger l = UploadLedger.open(dir.resolve("x"), ZoneOffset.ofHours(2), NOV);
        l.add(5, NOV); // 01:00 on 1 December at +02:00
        assertThat(l.thisMonth(DEC)).isEqualTo(5);
    }

    @Test
    void malformedTruncatedOrOversizedFilesStartTheMonthFromZero() throws Exception {
        Path file = dir.resolve("upload-ledger");
        for (String bad : new String[] {"", "2026-11", "2026-11 -5", "2026-13 5", "2026-11 5 6", "november 5",
                "2026-11 99999999999999999999", "2026-11 " + "1".repeat(200)}) {
            Files.writeString(file, bad);
            assertThat(UploadLedger.open(file, ZoneOffset.UTC, NOV).thisMonth(NOV)).as(bad).isZero();
        }
    }
}
