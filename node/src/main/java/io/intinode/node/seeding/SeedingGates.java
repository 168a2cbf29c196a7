package io.intinode.node.seeding;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether this host may upload now. Pure: the instant, the bytes uploaded this month and the OS readings
 * come as arguments. An unknown reading does not close a gate (a desktop has no battery; a host without
 * NetworkManager cannot tell metered), but is noted so that {@code share status} can say so.
 */
public final class SeedingGates {
    private final GateConfig config;

    public SeedingGates(GateConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public GateConfig config() {
        return config;
    }

    /** The state of every gate: closed ones with the reason, and notes on readings that were not available. */
    public record Decision(List<String> closed, List<String> notes) {
        public static final Decision OPEN = new Decision(List.of(), List.of());

        public Decision {
            closed = List.copyOf(closed);
            notes = List.copyOf(notes);
        }

        public boolean open() {
            return closed.isEmpty();
        }
    }

    public Decision decide(Instant now, long uploadedThisMonth, SystemState system) {
        List<String> closed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (config.monthlyCapBytes() > 0 && uploadedThisMonth >= config.monthlyCapBytes()) {
            closed.add("monthly upload cap reached: " + uploadedThisMonth + " of " + config.monthlyCapBytes()
                    + " bytes in " + YearMonth.from(now.atZone(config.zone())));
        }
        if (!config.onBattery()) {
            switch (system.power()) {
                case BATTERY -> closed.add("on battery");
                case UNKNOWN -> notes.add("power: no power supply reported, treated as mains");
                case MAINS -> { }
            }
        }
        if (!config.onMetered()) {
            switch (system.metered()) {
                case YES -> closed.add("metered connection");
                case UNKNOWN -> notes.add("metered: unknown (NetworkManager not available), treated as not metered");
                case NO -> { }
            }
        }
        config.hours().ifPresent(h -> {
            if (!h.contains(now.atZone(config.zone()).toLocalTime())) {
                closed.add("outside upload hours " + h);
            }
        });
        return new Decision(closed, notes);
    }
}
