package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.node.privacy.LevelRef;
import io.intinode.store.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LevelMarkersTest {
    private static final CanonManifest SIGNED = ManifestFixtures.manifest().withPublisher(
            "ed25519:" + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(ManifestFixtures.RFC8032_PUBLIC)));

    @Test
    void markerIsTheHashOfDomainPublisherEpochLadderAndLevel() throws Exception {
        String text = "intinode level marker v1\n" + SIGNED.publisher() + "\n7\ndebian-13\n2";
        Digest expected = Digest.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(LevelMarkers.key(SIGNED, new LevelRef("debian-13", 2))).isEqualTo(expected);
    }

    @Test
    void everyLevelEpochAndLadderHasItsOwnMarker() {
        Digest a = LevelMarkers.key(SIGNED, new LevelRef("debian-13", 2));
        assertThat(LevelMarkers.key(SIGNED, new LevelRef("debian-13", 1))).isNotEqualTo(a);
        assertThat(LevelMarkers.key(SIGNED, new LevelRef("donor", 2))).isNotEqualTo(a);
        CanonManifest next = new CanonManifest(SIGNED.publisher(), 8, SIGNED.notAfter(), SIGNED.k(), SIGNED.profiles());
        assertThat(LevelMarkers.key(next, new LevelRef("debian-13", 2))).isNotEqualTo(a);
    }

    @Test
    void nothingAndUnsignedManifestsHaveNoMarker() {
        assertThatThrownBy(() -> LevelMarkers.key(SIGNED, LevelRef.NONE)).hasMessageContaining("nothing");
        assertThatThrownBy(() -> LevelMarkers.key(ManifestFixtures.manifest(), new LevelRef("debian-13", 1)))
                .hasMessageContaining("unsigned");
    }
}
