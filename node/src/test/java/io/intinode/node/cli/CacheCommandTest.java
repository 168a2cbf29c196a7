package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandTest {
    @TempDir
    Path tmp;

    Path data;
    String a;
    String b;
    String c;

    @BeforeEach
    void addThreeBlobs() throws IOException {
        data = tmp.resolve("data");
        Path fa = Files.write(tmp.resolve("a"), new byte[1000]);
        Path fb = Files.write(tmp.resolve("b"), new byte[2000]);
        Path fc = Files.write(tmp.resolve("c"), new byte[3000]);
        CliRun r = CliRun.run(data, "add", fa.toString(), fb.toString(), fc.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        a = r.lines().get(0).split(" ")[0];
        b = r.lines().get(1).split(" ")[0];
        c = r.lines().get(2).split(" ")[0];
    }

    @Test
    void statsCountsBlobsBytesAndPins() {
        assertThat(CliRun.run(data, "cache", "pin", a).exitCode()).isZero();

        CliRun r = CliRun.run(data, "cache", "stats", "--quota", "1G");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).contains(
                "blobs:     3",
                "bytes:     6000 (5.9 KiB)",
                "quota:     1073741824 (1.0 GiB)",
                "pinned:    1 blobs, 1000 bytes",
                "origin local: 3");
    }

    @Test
    void lsListsEveryBlobInDigestOrderWithFlags() {
        CliRun.run(data, "cache", "pin", b);

        CliRun r = CliRun.run(data, "cache", "ls");

        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).hasSize(3).isSortedAccordingTo(Comparator.naturalOrder());
        // added by their owner, so shareable
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith(b + " 2000 PS local "));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith(a + " 1000 -S local "));
    }

    @Test
    void pinThenUnpin() {
        CliRun pin = CliRun.run(data, "cache", "pin", a);
        assertThat(pin.exitCode()).isZero();
        assertThat(pin.out().strip()).isEqualTo("pinned " + a);
        CliRun unpin = CliRun.run(data, "cache", "unpin", a);
        assertThat(unpin.out().strip()).isEqualTo("unpinned " + a);
        assertThat(CliRun.run(data, "cache", "ls").out()).doesNotContain(" P");
    }

    @Test
    void pinOfAMalformedRefIsBadInput() {
        CliRun r = CliRun.run(data, "cache", "pin", "sha256:XYZ");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("intinode: bad reference 'sha256:XYZ'").doesNotContain("Exception");
    }

    @Test
    void pinOfAnUnknownBlobIsNotFound() {
        String unknown = "sha256:" + "0".repeat(64);
        CliRun r = CliRun.run(data, "cache", "pin", unknown);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err().strip()).isEqualTo("intinode: not in the cache: " + unknown);
    }

    @Test
    void gcEvictsUnpinnedBlobsUntilTheQuotaFits() {
        CliRun.run(data, "cache", "pin", a);

        CliRun r = CliRun.run(data, "cache", "gc", "--quota", "1500");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("evicted 2 blobs (4.9 KiB)");
        assertThat(CliRun.run(data, "cache", "ls").lines()).singleElement().satisfies(l -> assertThat(l).startsWith(a));
    }

    @Test
    void gcUnderQuotaDoesNothing() {
        CliRun r = CliRun.run(data, "cache", "gc");
        assertThat(r.out()).startsWith("evicted 0 blobs");
        assertThat(CliRun.run(data, "cache", "ls").lines()).hasSize(3);
    }

    @Test
    void malformedQuotaIsAUsageError() {
        CliRun r = CliRun.run(data, "cache", "gc", "--quota", "lots");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not a size: 'lots'");
    }

    @Test
    void verifyOfAHealthyCacheSucceeds() {
        CliRun r = CliRun.run(data, "cache", "verify");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("verified 3 blobs (5.9 KiB): 3 ok, 0 damaged");
    }

    @Test
    void verifyQuarantinesADamagedBlobAndFails() throws IOException {
        Path blob = blobPath(c);
        Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("rw-------"));
        byte[] damaged = new byte[3000];
        damaged[1234] = 1; // same size, one byte changed: only re-hashing notices
        Files.write(blob, damaged);

        CliRun r = CliRun.run(data, "cache", "verify");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.out()).contains("damaged " + c);
        assertThat(r.err().strip()).isEqualTo("intinode: 1 damaged blobs moved to quarantine");
        assertThat(CliRun.run(data, "cache", "ls").out()).doesNotContain(c);
        assertThat(data.resolve("quarantine").resolve(c.substring(7))).exists();
    }

    @Test
    void verifyRebuildRecreatesALostIndex() throws IOException {
        try (Stream<Path> walk = Files.walk(data.resolve("index"))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        CliRun r = CliRun.run(data, "cache", "verify", "--rebuild");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("rebuilt the index: 3 blobs, 6000 bytes", "verified 3 blobs (5.9 KiB): 3 ok, 0 damaged");
    }

    @Test
    void cacheWithoutSubcommandIsAUsageError() {
        CliRun r = CliRun.run(data, "cache");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing subcommand");
    }

    @Test
    void helpNamesTheDefaultQuota() {
        CliRun r = CliRun.run(data, "cache", "gc", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--quota").contains("Default: $INTINODE_CACHE_QUOTA, else 10G");
    }

    private Path blobPath(String ref) {
        String hex = ref.substring("sha256:".length());
        return data.resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }
}
