package io.intinode.node.seeding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes uploaded in the current calendar month, kept in a one-line file ({@code 2026-11 123456}) so that a
 * restart does not reset the monthly cap. A new month starts from zero.
 */
public final class UploadLedger {
    private static final Logger log = LoggerFactory.getLogger(UploadLedger.class);
    static final int MAX_FILE_BYTES = 128;

    private final Path file;
    private final ZoneId zone;
    private YearMonth month;
    private long bytes;

    private UploadLedger(Path file, ZoneId zone, YearMonth month, long bytes) {
        this.file = file;
        this.zone = zone;
        this.month = month;
        this.bytes = bytes;
    }

    /** Reads the ledger; a missing file is an empty month, an unreadable one is reported and restarted. */
    public static UploadLedger open(Path file, ZoneId zone, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(zone));
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("want '<yyyy-mm> <bytes>'");
            }
            YearMonth m = YearMonth.parse(parts[0]);
            long b = Long.parseLong(parts[1]);
            if (b < 0) {
                throw new IllegalArgumentException("negative byte count");
            }
            return new UploadLedger(file, zone, m, b);
        } catch (NoSuchFileException e) {
            return new UploadLedger(file, zone, current, 0);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            // Counting from zero can only allow more uploads than the cap for one month; say so once.
            log.warn("upload ledger {} unreadable ({}); counting this month from zero", file, e.getMessage());
            return new UploadLedger(file, zone, current, 0);
        }
    }

    public synchronized void add(long uploaded, Instant now) {
        roll(now);
        bytes += uploaded;
    }

    public synchronized long thisMonth(Instant now) {
        roll(now);
        return bytes;
    }

    /** Writes the ledger (atomically); called now and then and at shutdown, not per upload. */
    public synchronized void save() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, month + " " + bytes + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save the upload ledger {}: {}", file, e.getMessage());
        }
    }

    private void roll(Instant now) {
        YearMonth m = YearMonth.from(now.atZone(zone));
        if (!m.equals(month)) {
            month = m;
            bytes = 0;
        }
    }
}
