package io.intinode.node.share;

import java.util.List;

/**
 * What {@code intinode share status} shows.
 *
 * @param mode off, all or canonical
 * @param manifest the manifest in use ({@code epoch N by <publisher>}), or why none is ("" when none is needed)
 * @param level the level announced ({@code <ladder> level <j>}, {@code none}); for mode all, {@code all}
 * @param confirmed whether the class check passed (blobs are provided only then; before, only the marker)
 * @param classGlobal hosts announcing the level found on the DHT that passed the serve probe, this host included
 * @param classLan LAN peers announcing the level that passed the probe, this host included
 * @param announcedGlobal blobs served to anyone
 * @param announcedLan blobs served to LAN peers only (the office set)
 * @param holesMissing blobs of the plan that could not be fetched yet (nothing is announced until they are)
 * @param donor donor usage, or null when not donating
 * @param gatesClosed closed seeding gates with the reason; empty when uploads are allowed
 * @param gateNotes readings that were not available
 * @param uploadedThisMonth bytes uploaded this calendar month
 */
public record ShareStatus(String mode, String manifest, String level, boolean confirmed, int classGlobal,
        int classLan, int announcedGlobal, int announcedLan, int holesMissing, Donor donor, List<String> gatesClosed,
        List<String> gateNotes, long uploadedThisMonth) {
    public ShareStatus {
        gatesClosed = List.copyOf(gatesClosed);
        gateNotes = List.copyOf(gateNotes);
    }

    /** A donor's announced level against its caps. */
    public record Donor(int blobs, int capBlobs, long bytes, long capBytes) {}
}
