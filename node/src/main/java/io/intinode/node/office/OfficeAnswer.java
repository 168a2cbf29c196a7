package io.intinode.node.office;

import io.intinode.store.Digest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a host announces to the LAN.
 *
 * @param levelMarker the marker key of the level it announces globally (counted for office_k), if any
 * @param lanSet the blobs it serves to LAN peers only (its office set)
 */
public record OfficeAnswer(Optional<Digest> levelMarker, SortedSet<Digest> lanSet) {
    /** A host that announces nothing, and the answer every non-LAN peer gets. */
    public static final OfficeAnswer NOTHING = new OfficeAnswer(Optional.empty(), new TreeSet<>());

    public OfficeAnswer {
        Objects.requireNonNull(levelMarker, "levelMarker");
        if (lanSet.size() > OfficeProtocol.MAX_SET) {
            throw new OfficeProtocolException("office set of " + lanSet.size() + " blobs, at most "
                    + OfficeProtocol.MAX_SET);
        }
        lanSet = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(lanSet));
    }

    public static OfficeAnswer of(Optional<Digest> marker, Set<Digest> lanSet) {
        return new OfficeAnswer(marker, new TreeSet<>(lanSet));
    }
}
