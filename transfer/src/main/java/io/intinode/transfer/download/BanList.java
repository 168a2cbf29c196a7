package io.intinode.transfer.download;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources (by name) that sent bad data, each until a given time. Shared by all downloads of a node;
 * the caller supplies the time, so the list itself reads no clock.
 */
public final class BanList {
    private static final Logger log = LoggerFactory.getLogger(BanList.class);
    private final Map<String, Ban> bans = new HashMap<>();

    /** Bans {@code source} until {@code until} and logs why. */
    public synchronized void ban(String source, String reason, Instant until) {
        log.warn("banned source {} until {}: {}", source, until, reason);
        bans.put(source, new Ban(reason, until));
    }

    /** The reason {@code source} is banned at {@code now}, if it is. */
    public synchronized Optional<String> reason(String source, Instant now) {
        Ban ban = bans.get(source);
        if (ban == null) {
            return Optional.empty();
        }
        if (!now.isBefore(ban.until())) {
            bans.remove(source);
            return Optional.empty();
        }
        return Optional.of(ban.reason());
    }

    public boolean banned(String source, Instant now) {
        return reason(source, now).isPresent();
    }

    /** Takes back a ban that turned out to be unfounded (the chunk list it was judged by was false). */
    public synchronized void lift(String source) {
        if (bans.remove(source) != null) {
            log.info("lifted the ban of source {}: the chunk list it was judged by was false", source);
        }
    }

    private record Ban(String reason, Instant until) {}
}
