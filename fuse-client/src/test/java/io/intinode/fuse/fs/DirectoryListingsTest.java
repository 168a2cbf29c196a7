package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryListingsTest {
    @TempDir
    Path dir;

    private final AtomicInteger stats = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>();
    private DirectoryListings listings;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Files.createDirectory(dir.resolve("sub"));
        SourceTree tree = new SourceTree(dir);
        listings = new DirectoryListings(p -> {
            stats.incrementAndGet();
            return tree.type(p);
        }, now::get);
    }

    private Instant ctime() throws Exception {
        return ((FileTime) Files.getAttribute(dir, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
    }

    @Test
    void aSettledDirectoryIsListedWithOneStatOfTheDirectory() throws Exception {
        now.set(ctime().plusSeconds(60));
        assertThat(listings.list(dir).entries()).containsExactlyInAnyOrder(
                new DirectoryListings.Named("file", Entry.S_IFREG), new DirectoryListings.Named("sub", Entry.S_IFDIR));
        assertThat(stats).hasValue(2);

        assertThat(listings.list(dir).entries()).hasSize(2);
        assertThat(stats).as("no stat per entry the second time").hasValue(2);
    }

    @Test
    void aChangeToTheDirectoryIsSeen() throws Exception {
        now.set(ctime().plusSeconds(60));
        listings.list(dir);
        Files.delete(dir.resolve("file"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("sub"));
        now.set(ctime().plusSeconds(60));

        assertThat(listings.list(dir).entries()).containsExactlyInAnyOrder(
                new DirectoryListings.Named("link", 0120000), new DirectoryListings.Named("sub", Entry.S_IFDIR));
    }

    @Test
    void aListingTakenInTheSameTimestampTickAsAChangeIsNotKept() throws Exception {
        now.set(ctime().plusMillis(500));
        listings.list(dir);
        listings.list(dir);
        assertThat(stats).as("listed afresh: a change in the same tick would not move the ctime").hasValue(4);
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> listings.list(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aRecentListingIsGivenWithoutLookingAtTheDirectoryUntilItIsTooOld() throws Exception {
        Path sub = dir.resolve("sub");
        assertThat(listings.recent(sub, Duration.ofMinutes(1))).as("never listed").isEmpty();
        now.set(ctime().plusSeconds(60));
        listings.list(dir);
        Files.writeString(dir.resolve("new"), "y");

        assertThat(listings.recent(dir, Duration.ofMinutes(1)).orElseThrow().entries()).as("within the cache timeout")
                .extracting(DirectoryListings.Named::name).containsExactlyInAnyOrder("file", "sub");
        now.set(now.get().plusSeconds(61));
        assertThat(listings.recent(dir, Duration.ofMinutes(1))).isEmpty();
        now.set(ctime().plusSeconds(60));
        assertThat(listings.list(dir).entries()).extracting(DirectoryListings.Named::name).contains("new");
    }

    @Test
    void aListingOfAFreshChangeDropsTheOlderKeptOne() throws Exception {
        now.set(ctime().plusSeconds(60));
        listings.list(dir);
        Files.writeString(dir.resolve("new"), "y");
        now.set(ctime().plusMillis(500));

        assertThat(listings.list(dir).entries()).extracting(DirectoryListings.Named::name).contains("new");
        assertThat(listings.recent(dir, Duration.ofMinutes(10))).as("the listing without 'new' is gone").isEmpty();
    }
}
