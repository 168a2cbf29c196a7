package io.intinode.fuse.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names and file types of source directories, kept while a directory's ctime stays the same. Java's
 * directory stream gives no d_type, so listing without this costs a stat per entry on every {@code find};
 * with it, a repeated listing costs one stat of the directory, or none within the mount's cache timeout. Every change to a directory's entries (and
 * every {@code utimes} on it) moves its ctime. A listing taken while the ctime is within
 * {@link #RACY_WINDOW} of now is not kept: on a filesystem with coarse timestamps a change in the same
 * tick would not move the ctime.
 */
final class DirectoryListings {
    static final Duration RACY_WINDOW = Duration.ofSeconds(2);
    private static final int MAX_DIRS = 100_000;

    /** The file type bits of one source path. */
    @FunctionalInterface
    interface TypeReader {
        int type(Path source) throws IOException;
    }

    /** One directory entry: its name and {@code S_IFMT} bits. */
    record Named(String name, int type) {}

    private record Listing(Object fileKey, FileTime ctime, DirNames names, Instant checkedAt) {}

    private final TypeReader types;
    private final InstantSource clock;
    private final Map<Path, Listing> listings = new ConcurrentHashMap<>();

    DirectoryListings(TypeReader types, InstantSource clock) {
        this.types = types;
        this.clock = clock;
    }

    /** The entries of {@code dir}. */
    DirNames list(Path dir) throws IOException {
        Map<String, Object> a = Files.readAttributes(dir, "unix:ctime,fileKey", LinkOption.NOFOLLOW_LINKS);
        Object fileKey = a.get("fileKey");
        FileTime ctime = (FileTime) a.get("ctime");
        Listing known = listings.get(dir);
        Instant now = clock.instant();
        if (known != null && known.ctime().equals(ctime) && known.fileKey().equals(fileKey)) {
            listings.put(dir, new Listing(fileKey, ctime, known.names(), now));
            return known.names();
        }
        DirNames names = DirNames.of(read(dir));
        if (ctime.toInstant().plus(RACY_WINDOW).isBefore(now)) {
            if (listings.size() >= MAX_DIRS) {
                listings.clear(); // a bound, not a policy: the cost is one more full listing each
            }
            listings.put(dir, new Listing(fileKey, ctime, names, now));
        } else {
            listings.remove(dir); // an older listing must not be given after this newer one
        }
        return names;
    }

    /**
     * The kept entries of {@code dir} if they were checked against the directory within {@code maxAge},
     * without touching the source tree (so without a deadline to guard).
     */
    Optional<DirNames> recent(Path dir, Duration maxAge) {
        Listing known = listings.get(dir);
        if (known == null || known.checkedAt().plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(known.names());
    }

    private List<Named> read(Path dir) throws IOException {
        List<Named> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                try {
                    entries.add(new Named(child.getFileName().toString(), types.type(child)));
                } catch (NoSuchFileException gone) {
                    // Removed from the source between listing and stat: not part of the listing.
                }
            }
        }
        return entries;
    }
}
