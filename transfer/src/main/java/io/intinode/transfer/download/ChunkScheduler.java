package io.intinode.transfer.download;

import io.intinode.store.ChunkList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which chunk to ask from which source, as a pure state machine: the caller asks
 * {@link #next} for a step, performs the fetches, and reports each result back. No threads, no I/O,
 * no clock of its own.
 *
 * <p>Chunks go out lowest index first, to every source with room below its in-flight limit, so faster
 * sources get more. A chunk that failed at a source is given to another one when there is one. A source
 * that sends a bad chunk is banned and dropped; one that fails too often or says it lacks the blob is
 * dropped. When chunks remain and no source does, the download has failed.
 */
public final class ChunkScheduler {
    private final ChunkList list;
    private final DownloadConfig config;
    private final BanList bans;
    private final BitSet done;
    /** Chunk index → the sources asked for it and not answered yet (two near the end, see {@link #pick}). */
    private final Map<Integer, Set<String>> fetching = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> failedAt = new HashMap<>();
    private final List<String> dropReasons = new ArrayList<>();
    private final List<String> bannedHere = new ArrayList<>();

    /** What to do next. */
    public sealed interface Step {
        /** Ask {@code source} for chunk {@code chunk}, then report the result. */
        record Fetch(String source, int chunk) implements Step {}

        /** Nothing to start now: wait for a result of a fetch already started. */
        record Wait() implements Step {}

        /** Every chunk is verified. */
        record Done() implements Step {}

        /** Chunks remain but no source is left; {@code reason} says what happened to each. */
        record Failed(String reason) implements Step {}
    }

    /**
     * @param verified chunks already verified (e.g. from an interrupted download); not fetched again
     */
    public ChunkScheduler(ChunkList list, BitSet verified, List<String> sourceNames, DownloadConfig config, BanList bans) {
        this.list = list;
        this.config = config;
        this.bans = bans;
        this.done = (BitSet) verified.clone();
        for (String name : sourceNames) {
            sources.put(name, new Source());
        }
    }

    public Step next(Instant now) {
        int count = list.chunks().size();
        if (done.cardinality() == count) {
            return new Step.Done();
        }
        dropBanned(now);
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            if (e.getValue().inFlight < config.maxInFlightPerSource()) {
                int chunk = pick(e.getKey());
                if (chunk >= 0) {
                    fetching.computeIfAbsent(chunk, c -> new HashSet<>()).add(e.getKey());
                    e.getValue().inFlight++;
                    return new Step.Fetch(e.getKey(), chunk);
                }
            }
        }
        if (!fetching.isEmpty()) {
            return new Step.Wait();
        }
        // With a source left and nothing in flight, pick() always finds a chunk.
        return new Step.Failed("no source left with " + (count - done.cardinality()) + " of " + count
                + " chunks missing" + (dropReasons.isEmpty() ? "" : ": " + String.join("; ", dropReasons)));
    }

    /**
     * The chunk's bytes matched its SHA-256 (and were written). Returns false when another source's copy
     * was verified first.
     */
    public boolean verified(String source, int chunk) {
        finish(source, chunk);
        boolean first = !done.get(chunk);
        done.set(chunk);
        return first;
    }

    /** The source sent bytes that do not match the chunk's SHA-256: it is banned and dropped. */
    public void corrupt(String source, int chunk, String reason, Instant now) {
        finish(source, chunk);
        if (sources.remove(source) != null) {
            String why = "bad chunk " + chunk + ": " + reason;
            bans.ban(source, why, now.plus(config.banTime()));
            bannedHere.add(source);
            dropReasons.add(source + " sent " + why);
        }
    }

    /** The source could not answer; after too many failures, or if it lacks the blob, it is dropped. */
    public void failed(String source, int chunk, SourceException error) {
        finish(source, chunk);
        failedAt.computeIfAbsent(chunk, c -> new HashSet<>()).add(source);
        Source s = sources.get(source);
        if (s == null) {
            return;
        }
        s.failures++;
        if (error.absent()) {
            drop(source, "does not have the blob");
        } else if (s.failures >= config.maxFailuresPerSource()) {
            drop(source, "failed " + s.failures + " times, last: " + error.getMessage());
        }
    }

    /** Sources this scheduler banned, in order. */
    public List<String> banned() {
        return List.copyOf(bannedHere);
    }

    /** Chunks verified so far. */
    public BitSet verifiedChunks() {
        return (BitSet) done.clone();
    }

    private void finish(String source, int chunk) {
        Set<String> asked = fetching.get(chunk);
        if (asked != null && asked.remove(source) && asked.isEmpty()) {
            fetching.remove(chunk);
        }
        Source s = sources.get(source);
        if (s != null) {
            s.inFlight--;
        }
    }

    private void drop(String source, String reason) {
        sources.remove(source);
        dropReasons.add(source + " " + reason);
    }

    private void dropBanned(Instant now) {
        for (String name : List.copyOf(sources.keySet())) {
            bans.reason(name, now).ifPresent(reason -> drop(name, "is banned: " + reason));
        }
    }

    /**
     * The lowest missing chunk nobody was asked for, preferring one this source has not failed. Near the
     * end, when every missing chunk is out, a source with room also asks for a chunk that one other
     * source is slow to deliver; the first verified copy wins, so one stuck source cannot hold up the end.
     */
    private int pick(String source) {
        int fallback = -1;
        int count = list.chunks().size();
        for (int c = done.nextClearBit(0); c < count; c = done.nextClearBit(c + 1)) {
            if (fetching.containsKey(c)) {
                continue;
            }
            Set<String> failed = failedAt.getOrDefault(c, Set.of());
            if (!failed.contains(source)) {
                return c;
            }
            if (fallback < 0 && failed.containsAll(sources.keySet())) {
                fallback = c;
            }
        }
        if (fallback >= 0) {
            return fallback;
        }
        for (int c = done.nextClearBit(0); c < count; c = done.nextClearBit(c + 1)) {
            Set<String> asked = fetching.get(c);
            if (asked != null && asked.size() == 1 && !asked.contains(source)
                    && !failedAt.getOrDefault(c, Set.of()).contains(source)) {
                return c;
            }
        }
        return -1;
    }

    private static final class Source {
        int inFlight;
        int failures;
    }
}
