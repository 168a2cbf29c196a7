package io.intinode.dht.routing;

import io.intinode.dht.core.Distance;
import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Kademlia routing table as pure logic: 256 k-buckets indexed by the common prefix length with our own key.
 * It does no I/O and reads no clock; callers pass {@code now} and carry out the pings it asks for. Only peers
 * already verified (identify lists our DHT protocol, and they answered a ping) may be offered. Not thread-safe:
 * the owning service serialises calls.
 */
public final class RoutingTable {
    private final Key self;
    private final RoutingConfig config;
    private final Bucket[] buckets = new Bucket[Distance.BITS];
    private int size;

    public RoutingTable(Key self, RoutingConfig config, Instant now) {
        this.self = self;
        this.config = config;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new Bucket(now);
        }
    }

    public Key self() {
        return self;
    }

    /** Offers a verified peer; {@code lan} marks peers found on the local network (exempt from subnet caps). */
    public Insertion offer(PeerInfo peer, boolean lan, Instant now) {
        Key key = peer.key();
        int cpl = self.distance(key).commonPrefixLength();
        if (cpl == Distance.BITS) {
            return new Insertion.Rejected("that is our own peer id");
        }
        Bucket bucket = buckets[cpl];
        Optional<Contact> known = bucket.find(peer.id());
        if (known.isPresent()) {
            bucket.removeContact(peer.id());
            bucket.contacts.add(known.get().seenAt(now, peer, lan));
            return new Insertion.Updated();
        }
        Contact contact = new Contact(peer, key, lan, now);
        if (!fitsSubnet(bucket, contact)) {
            return new Insertion.Rejected("bucket " + cpl + " already holds " + config.maxPerSubnet()
                    + " peers from that subnet");
        }
        if (bucket.contacts.size() < config.bucketSize()) {
            bucket.contacts.add(contact);
            size++;
            return new Insertion.Added();
        }
        bucket.addReplacement(contact, config.replacementCacheSize());
        if (bucket.pingingOldest != null) {
            return new Insertion.PingFirst(null);
        }
        Contact oldest = bucket.contacts.getFirst();
        bucket.pingingOldest = oldest.peer().id();
        return new Insertion.PingFirst(oldest.peer());
    }

    /** The outcome of a ping asked for by {@link Insertion.PingFirst}: a live contact stays, a dead one is replaced. */
    public void pingResult(PeerId oldest, boolean alive, Instant now) {
        Bucket bucket = bucketOf(oldest);
        if (oldest.equals(bucket.pingingOldest)) {
            bucket.pingingOldest = null;
        }
        if (alive) {
            bucket.find(oldest).ifPresent(c -> {
                bucket.removeContact(oldest);
                bucket.contacts.add(c.seenAt(now, c.peer(), false));
            });
        } else {
            remove(oldest);
        }
    }

    /** Drops a contact that failed (e.g. a lookup request timed out) and promotes a replacement. */
    public void remove(PeerId peer) {
        Bucket bucket = bucketOf(peer);
        if (bucket.removeContact(peer)) {
            size--;
            int before = bucket.contacts.size();
            bucket.promoteReplacement(c -> fitsSubnet(bucket, c));
            size += bucket.contacts.size() - before;
        }
    }

    /** Up to {@code count} contacts closest to {@code target}, nearest first. */
    public List<PeerInfo> closest(Key target, int count) {
        record Ranked(Distance distance, PeerInfo peer) {}
        List<Ranked> all = new ArrayList<>(size);
        for (Bucket b : buckets) {
            for (Contact c : b.contacts) {
                all.add(new Ranked(target.distance(c.key()), c.peer()));
            }
        }
        all.sort(Comparator.comparing(Ranked::distance));
        return all.stream().limit(count).map(Ranked::peer).toList();
    }

    public Optional<Contact> find(PeerId peer) {
        return bucketOf(peer).find(peer);
    }

    /** Records that a lookup for {@code target} completed, which refreshes the bucket it falls in. */
    public void lookupDone(Key target, Instant now) {
        int cpl = self.distance(target).commonPrefixLength();
        if (cpl < Distance.BITS) {
            buckets[cpl].lastRefreshed = now;
        }
    }

    /**
     * Buckets due for a refresh lookup: those not refreshed within the interval, from 0 up to one past the
     * deepest non-empty bucket, capped by {@link RoutingConfig#maxRefreshCommonPrefix()}.
     */
    public List<Integer> staleBuckets(Instant now) {
        int deepest = -1;
        for (int i = 0; i < buckets.length; i++) {
            if (!buckets[i].contacts.isEmpty()) {
                deepest = i;
            }
        }
        int last = Math.min(deepest + 1, config.maxRefreshCommonPrefix());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (!buckets[i].lastRefreshed.plus(config.refreshInterval()).isAfter(now)) {
                out.add(i);
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Every contact, for listing ({@code intinode peers}). */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(size);
        for (Bucket b : buckets) {
            out.addAll(b.contacts);
        }
        return out;
    }

    private Bucket bucketOf(PeerId peer) {
        int cpl = self.distance(Key.ofPeer(peer)).commonPrefixLength();
        return buckets[Math.min(cpl, Distance.BITS - 1)];
    }

    private boolean fitsSubnet(Bucket bucket, Contact candidate) {
        Optional<String> group = SubnetDiversityPolicy.group(candidate.peer().addrs(), candidate.lan());
        if (group.isEmpty()) {
            return true;
        }
        long same = bucket.contacts.stream()
                .filter(c -> SubnetDiversityPolicy.group(c.peer().addrs(), c.lan()).equals(group))
                .count();
        return same < config.maxPerSubnet();
    }
}
