package io.intinode.node.seeding;

import io.intinode.transfer.blob.UploadGate;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The blob server's upload gate: {@link SeedingGates} over the upload ledger and the latest OS readings. The
 * readings are slow (sysfs, a D-Bus call), so they are refreshed now and then, not per request.
 */
public final class SeedingGate implements UploadGate {
    private final SeedingGates gates;
    private final UploadLedger ledger;
    private final Clock clock;
    private final Supplier<SystemState> readings;
    private volatile SystemState system;

    /** @param readings asked at once and at each {@link #refresh} */
    public SeedingGate(GateConfig config, UploadLedger ledger, Clock clock, Supplier<SystemState> readings) {
        this.gates = new SeedingGates(config);
        this.ledger = ledger;
        this.clock = clock;
        this.readings = readings;
        this.system = readings.get();
    }

    /** Reads the OS state again. */
    public void refresh() {
        system = readings.get();
    }

    /** Writes the upload ledger (now and then, and at shutdown). */
    public void save() {
        ledger.save();
    }

    public SeedingGates.Decision decision() {
        return gates.decide(clock.instant(), ledger.thisMonth(clock.instant()), system);
    }

    public long uploadedThisMonth() {
        return ledger.thisMonth(clock.instant());
    }

    public GateConfig config() {
        return gates.config();
    }

    @Override
    public boolean open() {
        return decision().open();
    }

    @Override
    public void uploaded(long bytes) {
        ledger.add(bytes, clock.instant());
    }
}
