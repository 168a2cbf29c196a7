package io.intinode.node.share;

import io.intinode.node.privacy.LanView;
import io.intinode.node.privacy.LevelRef;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.Ladder;
import io.intinode.node.privacy.canon.LevelMarkers;
import io.intinode.node.privacy.canon.ProfileLevels;
import io.intinode.p2p.identity.PeerId;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The policy's {@link LanView} from a LAN survey: each peer's marker read as a level of this epoch's manifest, a
 * peer that has answered "nothing" only for a short while counted apart, and ranks hashed from peer ids and the
 * epoch. When the stand-in rule may apply, a peer ranked below this host that
 * claims a level counts only if it passes a serve probe of it: a cheap fake must not win the election and so
 * leave a lone coworker exposed.
 */
final class LanViews {
    private static final String DOMAIN = "intinode stand-in rank v1";

    private LanViews() {}

    /**
     * @param answers the survey's answers
     * @param settledEmpty whether a peer that answered "nothing" has done so long enough to be a lone empty host;
     *     one still starting or filling the holes of its level must not make a coworker stand in (and its level's
     *     class shrink) for nothing, yet it keeps a lone empty host company, as a fresh stand-in does
     */
    static LanView of(CanonManifest manifest, LanSurvey survey, List<LanSurvey.Answer> answers,
            Predicate<PeerId> settledEmpty, int officeK) throws InterruptedException {
        if (answers.isEmpty()) {
            return LanView.NONE;
        }
        Map<Digest, LevelRef> levels = new HashMap<>();
        Map<String, Ladder<Digest>> ladders = new HashMap<>();
        for (ProfileLevels p : manifest.profiles()) {
            ladders.put(p.profile(), p.toLadder());
        }
        ladders.put(CanonManifest.DONOR_LADDER, manifest.donorLadder());
        for (Ladder<Digest> ladder : ladders.values()) {
            for (int j = 1; j <= ladder.depth(); j++) {
                LevelRef ref = new LevelRef(ladder.name(), j);
                levels.put(LevelMarkers.key(manifest, ref), ref);
            }
        }
        long selfRank = rank(manifest, survey.self());
        Map<PeerId, LanView.Peer> peers = new HashMap<>();
        int recentlyEmpty = 0;
        for (LanSurvey.Answer a : answers) {
            // A marker of no level of this manifest (another epoch, another publisher) says neither.
            LevelRef level = a.marker().isEmpty() ? LevelRef.NONE : levels.get(a.marker().get());
            if (level != null && level.isNone() && !settledEmpty.test(a.peer())) {
                recentlyEmpty++;
            } else if (level != null) {
                peers.put(a.peer(), new LanView.Peer(rank(manifest, a.peer()), level));
            }
        }
        LanView view = new LanView(selfRank, List.copyOf(peers.values()), recentlyEmpty);
        if (!view.lonelyEmpty(officeK)) {
            return view;
        }
        List<LanView.Peer> checked = new ArrayList<>();
        for (Map.Entry<PeerId, LanView.Peer> e : peers.entrySet()) {
            LanView.Peer p = e.getValue();
            if (p.level().isNone() || p.rank() > selfRank
                    || survey.serves(e.getKey(), ladders.get(p.level().ladder()).level(p.level().level()))) {
                checked.add(p);
            }
        }
        return new LanView(selfRank, checked, recentlyEmpty);
    }

    /** A host's rank in this epoch's stand-in election: the first 8 bytes of a hash of epoch and peer id. */
    static long rank(CanonManifest manifest, PeerId peer) {
        String text = String.join("\n", DOMAIN, manifest.publisher(), Long.toString(manifest.epoch()), peer.toString());
        return ByteBuffer.wrap(Sha256.of(text.getBytes(StandardCharsets.UTF_8)).bytes()).getLong();
    }
}
