package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {
    private static byte[] vector(String name) throws Exception {
        try (InputStream in = ManifestCodecTest.class.getResourceAsStream("/vectors/canon/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] encoded() throws Exception {
        return ManifestCodec.encode(ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key()));
    }

    private static String text() throws Exception {
        return new String(encoded(), StandardCharsets.UTF_8);
    }

    private static void rejects(String json, String message) {
        assertThatThrownBy(() -> ManifestCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ManifestException.class).hasMessageContaining(message);
    }

    @Test
    void signedBytesMatchTheVector() throws Exception {
        CanonManifest m = ManifestFixtures.manifest().withPublisher(
                PublisherKey.of(ManifestFixtures.rfc8032Key()).toString());
        assertThat(ManifestCodec.signedBytes(m)).isEqualTo(vector("manifest-1.signed-bytes"));
    }

    @Test
    void roundTripsAndKeepsTheSignature() throws Exception {
        SignedManifest signed = ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key());
        SignedManifest back = ManifestCodec.decode(ManifestCodec.encode(signed));
        assertThat(back).isEqualTo(signed);
        assertThat(back.manifest().profile("debian-13").orElseThrow().toLadder().size(2)).isEqualTo(3);
    }

    @Test
    void formattingDoesNotChangeWhatWasSigned() throws Exception {
        String pretty = text().replace(",", ",\n  ").replace("{", "{ ");
        SignedManifest back = ManifestCodec.decode(pretty.getBytes(StandardCharsets.UTF_8));
        assertThat(ManifestCodec.signedBytes(back.manifest())).isEqualTo(vector("manifest-1.signed-bytes"));
    }

    @Test
    void unsignedManifestsDecodeWithoutSignature() {
        SignedManifest back = ManifestCodec.decode(ManifestCodec.encode(SignedManifest.unsigned(ManifestFixtures.manifest())));
        assertThat(back.isSigned()).isFalse();
        assertThat(back.manifest().publisher()).isEmpty();
    }

    @Test
    void rejectsMalformedJson() {
        rejects("", "empty");
        rejects("  \n", "empty");
        rejects("[]", "must be a JSON object");
        rejects("{\"format\":\"intinode-canon/1\"", "not valid JSON");
        rejects("nonsense", "not valid JSON");
    }

    @Test
    void rejectsEveryTruncation() throws Exception {
        byte[] full = encoded();
        // The encoding ends with "}\n": every shorter prefix that drops the closing brace is incomplete.
        for (int len = 0; len < full.length - 1; len += 7) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> ManifestCodec.decode(cut)).as("prefix of %d bytes", len)
                    .isInstanceOf(ManifestException.class);
        }
    }

    @Test
    void rejectsWrongShapes() throws Exception {
        String ok = text();
        rejects(ok.replace("intinode-canon/1", "intinode-canon/2"), "unsupported manifest format");
        rejects(ok.replace("\"epoch\":7", "\"epoch\":\"7\""), "\"epoch\" must be an integer");
        rejects(ok.replace("\"epoch\":7", "\"epoch\":-1"), "out of range");
        rejects(ok.replace("\"epoch\":7", "\"epoch\":7.5"), "must be an integer");
        rejects(ok.replace("\"k\":5", "\"k\":0"), "out of range");
        rejects(ok.replace("\"k\":5,", ""), "lacks \"k\"");
        rejects(ok.replace("\"k\":5", "\"k\":5,\"extra\":1"), "unknown field \"extra\"");
        rejects(ok.replace("\"k\":5", "\"k\":5,\"k\":6"), "not valid JSON");
        rejects(ok.replace("2026-12-01T00:00:00Z", "next week"), "ISO-8601");
        rejects(ok.replace("sha256:0000000000000000000000000000000000000000000000000000000000000004", "sha256:xyz"),
                "bad digest");
        rejects(ok.replace("sha256:0000000000000000000000000000000000000000000000000000000000000003",
                "sha256:0000000000000000000000000000000000000000000000000000000000000001"), "twice");
        rejects(ok.replace("\"population\":200", "\"population\":0"), "out of range");
        rejects(ok.replace("\"profile\":\"alpine-3.22\"", "\"profile\":\"debian-13\""), "listed twice");
        rejects(ok.replace("\"size\":600000", "\"size\":-3"), "out of range");
        rejects(ok + "{}", "trailing data");
    }

    @Test
    void rejectsBadSignatureEncodings() throws Exception {
        String ok = text();
        String sig = ok.substring(ok.indexOf("\"signature\":\"") + 13, ok.lastIndexOf('"'));
        rejects(ok.replace(sig, "!!!"), "not base64");
        rejects(ok.replace(sig, "AAAA"), "64 bytes");
    }

    @Test
    void rejectsOversizedInput() throws Exception {
        byte[] huge = new byte[ManifestCodec.MAX_MANIFEST_BYTES + 1];
        assertThatThrownBy(() -> ManifestCodec.decode(huge)).hasMessageContaining("too large");
        String ok = text();
        rejects(ok.replace("\"package\":\"musl\"", "\"package\":\"" + "m".repeat(ManifestCodec.MAX_NAME_CHARS + 1) + "\""),
                "longer than");
        String deep = "[]" + ",[]".repeat(ManifestCodec.MAX_DEPTH);
        rejects(ok.replace("\"levels\":[[{\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000004\","
                + "\"package\":\"musl\",\"version\":\"1.2.5-r10\",\"size\":600000}]]", "\"levels\":[" + deep + "]"),
                "limit " + ManifestCodec.MAX_DEPTH);
        rejects("[".repeat(100) + "]".repeat(100), "not valid JSON");
    }
}
