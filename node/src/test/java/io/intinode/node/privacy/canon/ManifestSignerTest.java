package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestSignerTest {
    private static PublisherKey rfcPublic() {
        return new PublisherKey(HexFormat.of().parseHex(ManifestFixtures.RFC8032_PUBLIC));
    }

    @Test
    void derivesTheRfc8032PublicKeyAndMatchesOpensslsSignature() throws Exception {
        assertThat(PublisherKey.of(ManifestFixtures.rfc8032Key())).isEqualTo(rfcPublic());
        SignedManifest signed = ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key());
        try (InputStream in = getClass().getResourceAsStream("/vectors/canon/manifest-1.openssl-signature.b64")) {
            byte[] expected = Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            assertThat(signed.signature()).isEqualTo(expected);
        }
    }

    @Test
    void acceptsATrustedPublisher() throws Exception {
        SignedManifest signed = ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key());
        SignedManifest reread = ManifestCodec.decode(ManifestCodec.encode(signed));
        assertThat(ManifestSigner.verify(reread, Set.of(rfcPublic())).epoch()).isEqualTo(7);
    }

    @Test
    void rejectsAnUntrustedPublisherEvenWithAValidSignature() throws Exception {
        SignedManifest signed = ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key());
        PublisherKey other = PublisherKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        assertThatThrownBy(() -> ManifestSigner.verify(signed, Set.of(other)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("not a trusted publisher")
                .matches(e -> ((ManifestException) e).signatureProblem());
    }

    @Test
    void rejectsAlteredContent() throws Exception {
        String text = new String(ManifestCodec.encode(
                ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key())), StandardCharsets.UTF_8);
        for (String[] edit : new String[][] {{"\"epoch\":7", "\"epoch\":8"}, {"\"musl\"", "\"musk\""},
                {"\"population\":200", "\"population\":201"}, {"2026-12-01", "2027-12-01"}}) {
            SignedManifest altered = ManifestCodec.decode(text.replace(edit[0], edit[1]).getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> ManifestSigner.verify(altered, Set.of(rfcPublic())))
                    .as(edit[1]).hasMessageContaining("bad signature");
        }
    }

    @Test
    void rejectsAFlippedSignatureBitAndAnUnsignedManifest() throws Exception {
        SignedManifest signed = ManifestSigner.sign(ManifestFixtures.manifest(), ManifestFixtures.rfc8032Key());
        byte[] sig = signed.signature();
        sig[10] ^= 1;
        assertThatThrownBy(() -> ManifestSigner.verify(new SignedManifest(signed.manifest(), sig), Set.of(rfcPublic())))
                .hasMessageContaining("bad signature");
        assertThatThrownBy(() -> ManifestSigner.verify(SignedManifest.unsigned(signed.manifest()), Set.of(rfcPublic())))
                .hasMessageContaining("not signed");
    }

    @Test
    void publisherKeyTextRejectsGarbage() {
        assertThatThrownBy(() -> PublisherKey.parse("rsa:AAAA")).hasMessageContaining("ed25519:");
        assertThatThrownBy(() -> PublisherKey.parse("ed25519:%%%")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PublisherKey.parse("ed25519:AAAA")).hasMessageContaining("32 bytes");
        assertThat(PublisherKey.parse(rfcPublic().toString())).isEqualTo(rfcPublic());
    }

    @Test
    void privateKeyPemRoundTripsAndGarbageIsRefused() throws Exception {
        String pem = PublisherKey.writePrivateKey(ManifestFixtures.rfc8032Key());
        assertThat(PublisherKey.of(PublisherKey.readPrivateKey(pem))).isEqualTo(rfcPublic());
        assertThatThrownBy(() -> PublisherKey.readPrivateKey("hello")).hasMessageContaining("PEM");
        assertThatThrownBy(() -> PublisherKey.readPrivateKey(pem.replace("MC4CAQAw", "MC4CAQBB")))
                .hasMessageContaining("PKCS#8");
    }
}
