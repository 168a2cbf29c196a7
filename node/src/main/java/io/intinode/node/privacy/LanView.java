package io.intinode.node.privacy;

import java.util.List;
import java.util.Objects;

/**
 * What this host's LAN peers announce, as their office answers say: the input of the stand-in rule
 * ({@link SharePolicy}). A coworker sees the same, so a host that alone on its LAN announces nothing (one far
 * behind on updates) would be a class of one to it.
 *
 * @param selfRank this host's rank in the stand-in election (a hash of its peer id and the epoch, so the same
 *     host is not always the one chosen)
 * @param peers the LAN peers that answered, this host not included
 * @param recentlyEmpty LAN peers, not in {@code peers}, that have announced nothing only for a short while (a
 *     host starting, filling its holes, or just standing in): they do not make a lone empty host, but they do
 *     keep one company
 */
public record LanView(long selfRank, List<Peer> peers, int recentlyEmpty) {
    /** No LAN peers known: the rule does not apply. */
    public static final LanView NONE = new LanView(0, List.of(), 0);

    public LanView(long selfRank, List<Peer> peers) {
        this(selfRank, peers, 0);
    }

    /** @param level the level a peer announces, {@link LevelRef#NONE} when it announces nothing */
    public record Peer(long rank, LevelRef level) {
        public Peer {
            Objects.requireNonNull(level, "level");
        }
    }

    public LanView {
        peers = List.copyOf(peers);
        if (recentlyEmpty < 0) {
            throw new IllegalArgumentException("recentlyEmpty must be >= 0: " + recentlyEmpty);
        }
    }

    /** LAN peers announcing nothing, participants or not (a node with sharing off answers the same). */
    public int emptyPeers() {
        int n = 0;
        for (Peer p : peers) {
            n += p.level().isNone() ? 1 : 0;
        }
        return n;
    }

    /** Whether some LAN peer announces nothing in a group smaller than {@code officeK}, this host aside. */
    public boolean lonelyEmpty(int officeK) {
        int empty = emptyPeers();
        return officeK > 0 && empty > 0 && empty + recentlyEmpty < officeK;
    }

    /**
     * Whether this host, announcing {@code mine}, is the one to stand in: the lowest-ranked announcing host whose
     * level keeps at least {@code officeK} LAN announcers without it, or the lowest-ranked announcing host at all
     * when no level has that many. Every host with the same view elects the same one.
     */
    public boolean electsSelf(LevelRef mine, int officeK) {
        boolean selfSpare = announcers(mine) + 1 > officeK;
        boolean anySpare = selfSpare;
        long lowestSpare = selfSpare ? selfRank : Long.MAX_VALUE;
        long lowest = selfRank;
        for (Peer p : peers) {
            if (p.level().isNone()) {
                continue;
            }
            lowest = Math.min(lowest, p.rank());
            if (announcers(p.level()) + (p.level().equals(mine) ? 1 : 0) > officeK) {
                anySpare = true;
                lowestSpare = Math.min(lowestSpare, p.rank());
            }
        }
        return anySpare ? selfSpare && lowestSpare == selfRank : lowest == selfRank;
    }

    private int announcers(LevelRef level) {
        int n = 0;
        for (Peer p : peers) {
            n += p.level().equals(level) ? 1 : 0;
        }
        return n;
    }
}
