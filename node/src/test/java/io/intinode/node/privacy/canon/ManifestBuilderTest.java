package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestBuilderTest {
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");

    private static SupportTable.Row row(String profile, int d, String pkg, String version, long count) {
        return new SupportTable.Row(profile, ManifestFixtures.digest(d), pkg, version, count, 10);
    }

    @Test
    void buildsOneLadderPerProfileAndTheDonorUnion() {
        List<SupportTable.Row> rows = List.of(row("deb", 1, "bash", "5", 100), row("deb", 2, "curl", "8", 30),
                row("deb", 3, "rare", "1", 4), row("alp", 4, "musl", "1", 40), row("alp", 5, "apk", "2", 6));
        CanonManifest m = ManifestBuilder.build(rows, 5, 3, UNTIL, Map.of());
        var deb = m.profile("deb").orElseThrow().toLadder();
        // n = 100 (largest count): thresholds 50, 25, 12.5, 6.25, 5.
        assertThat(deb.depth()).isEqualTo(5);
        assertThat(deb.levelOf(ManifestFixtures.digest(1))).isEqualTo(1);
        assertThat(deb.levelOf(ManifestFixtures.digest(2))).isEqualTo(2);
        assertThat(deb.levelOf(ManifestFixtures.digest(3))).as("below k").isZero();
        Ladder<Digest> donors = m.donorLadder();
        assertThat(donors.level(donors.depth())).hasSize(4);
        assertThat(m.publisher()).isEmpty();
    }

    @Test
    void theManifestKnowsTheLatestVersionOfWhatItLists() {
        CanonManifest m = ManifestBuilder.build(List.of(row("deb", 1, "bash", "5", 100), row("alp", 2, "bash", "5-r1", 9)),
                5, 1, UNTIL, Map.of());
        assertThat(m.latestVersions().isLatest("bash", "5")).isTrue();
        assertThat(m.latestVersions().isLatest("bash", "5-r1")).isTrue();
        assertThat(m.latestVersions().isLatest("bash", "4")).isFalse();
        assertThat(m.latestVersions().isLatest("zsh", "5")).isFalse();
    }

    @Test
    void populationOverridesTheLargestCount() {
        CanonManifest m = ManifestBuilder.build(List.of(row("deb", 1, "bash", "5", 100)), 5, 1, UNTIL,
                Map.of("deb", 1000L));
        assertThat(m.profile("deb").orElseThrow().toLadder().levelOf(ManifestFixtures.digest(1))).isEqualTo(4);
        assertThatThrownBy(() -> ManifestBuilder.build(List.of(row("deb", 1, "bash", "5", 100)), 5, 1, UNTIL,
                Map.of("nope", 3L))).hasMessageContaining("does not list");
    }

    @Test
    void rejectsTwoVersionsOfAPackageAndRepeatedDigests() {
        assertThatThrownBy(() -> ManifestBuilder.build(
                List.of(row("deb", 1, "bash", "5", 100), row("deb", 2, "bash", "4", 90)), 5, 1, UNTIL, Map.of()))
                .hasMessageContaining("only the latest version");
        assertThatThrownBy(() -> ManifestBuilder.build(
                List.of(row("deb", 1, "bash", "5", 100), row("deb", 1, "curl", "8", 90)), 5, 1, UNTIL, Map.of()))
                .hasMessageContaining("twice");
    }

    @Test
    void refusesToBuildAManifestNodesWouldReject() {
        List<SupportTable.Row> rows = List.of(row("deb", 1, "a", "1", 100), row("deb", 2, "b", "1", 100),
                row("deb", 3, "c", "1", 100));
        assertThat(ManifestBuilder.build(rows, 5, 1, UNTIL, Map.of(), 3).profiles()).hasSize(1);
        assertThatThrownBy(() -> ManifestBuilder.build(rows, 5, 1, UNTIL, Map.of(), 2)).hasMessageContaining("raise --k");
    }
}
