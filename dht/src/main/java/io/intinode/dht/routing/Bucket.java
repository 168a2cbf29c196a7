package io.intinode.dht.routing;

import io.intinode.p2p.identity.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;

/** One k-bucket: contacts least recently seen first, a replacement cache newest first, and a pending ping. */
final class Bucket {
    final List<Contact> contacts = new ArrayList<>();
    final LinkedList<Contact> replacements = new LinkedList<>();
    PeerId pingingOldest;
    Instant lastRefreshed;

    Bucket(Instant created) {
        this.lastRefreshed = created;
    }

    Optional<Contact> find(PeerId id) {
        return contacts.stream().filter(c -> c.peer().id().equals(id)).findFirst();
    }

    boolean removeContact(PeerId id) {
        return contacts.removeIf(c -> c.peer().id().equals(id));
    }

    void addReplacement(Contact c, int capacity) {
        replacements.removeIf(r -> r.peer().id().equals(c.peer().id()));
        if (capacity == 0) {
            return;
        }
        replacements.addFirst(c);
        while (replacements.size() > capacity) {
            replacements.removeLast();
        }
    }

    /** Moves the newest replacement that passes {@code fits} into the bucket. */
    void promoteReplacement(java.util.function.Predicate<Contact> fits) {
        for (Iterator<Contact> it = replacements.iterator(); it.hasNext(); ) {
            Contact r = it.next();
            if (fits.test(r)) {
                it.remove();
                contacts.add(r);
                return;
            }
        }
    }
}
