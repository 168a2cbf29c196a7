package io.intinode.node.seeding;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When this host uploads to peers (the desktop seeding service).
 *
 * @param monthlyCapBytes the most bytes uploaded per calendar month (local time); 0 means no cap
 * @param uploadBytesPerSecond the upload bandwidth cap; 0 means none (applied by the blob server's pacing)
 * @param hours the daily window in which uploads are allowed, or empty for any time
 * @param onBattery whether to upload while running on battery
 * @param onMetered whether to upload on a connection the OS calls metered
 * @param zone the zone of the hours and of month boundaries
 */
public record GateConfig(long monthlyCapBytes, long uploadBytesPerSecond, Optional<Hours> hours, boolean onBattery,
        boolean onMetered, ZoneId zone) {
    public static final GateConfig DEFAULTS = new GateConfig(0, 0, Optional.empty(), false, false,
            ZoneId.systemDefault());

    public GateConfig {
        if (monthlyCapBytes < 0 || uploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("caps must be >= 0");
        }
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(zone, "zone");
    }

    /** A daily window {@code from}–{@code to}; one that ends before it starts wraps past midnight. */
    public record Hours(LocalTime from, LocalTime to) {
        public Hours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.equals(to)) {
                throw new IllegalArgumentException("an hours window needs two different times: " + from + "-" + to);
            }
        }

        /** Parses {@code HH:MM-HH:MM}. */
        public static Hours parse(String text) {
            String[] parts = text.strip().split("-", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("hours must look like 08:00-18:00: " + text);
            }
            try {
                return new Hours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("hours must look like 08:00-18:00: " + text, e);
            }
        }

        public boolean contains(LocalTime t) {
            return from.isBefore(to)
                    ? !t.isBefore(from) && t.isBefore(to)
                    : !t.isBefore(from) || t.isBefore(to);
        }

        @Override
        public String toString() {
            return from + "-" + to;
        }
    }
}
