package io.intinode.node.privacy.canon;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/** Signs manifests and accepts only those signed by a trusted publisher key. */
public final class ManifestSigner {
    private static final String ALGORITHM = "Ed25519";

    private ManifestSigner() {}

    /** Sets the publisher to the key's public half and signs the canonical encoding. */
    public static SignedManifest sign(CanonManifest manifest, PrivateKey key) {
        CanonManifest withPublisher = manifest.withPublisher(PublisherKey.of(key).toString());
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(ManifestCodec.signedBytes(withPublisher));
            return new SignedManifest(withPublisher, s.sign());
        } catch (GeneralSecurityException e) {
            throw new ManifestException("signing failed: " + e.getMessage(), e);
        }
    }

    /** The manifest, if its publisher is trusted and its signature verifies; else a ManifestException. */
    public static CanonManifest verify(SignedManifest signed, Set<PublisherKey> trusted) {
        CanonManifest m = signed.manifest();
        if (!signed.isSigned()) {
            throw new ManifestException("manifest is not signed", true);
        }
        if (m.publisher().isEmpty()) {
            throw new ManifestException("manifest names no publisher", true);
        }
        PublisherKey publisher = PublisherKey.parse(m.publisher());
        if (!trusted.contains(publisher)) {
            throw new ManifestException("publisher " + publisher + " is not a trusted publisher key", true);
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publisher.toPublicKey());
            s.update(ManifestCodec.signedBytes(m));
            if (!s.verify(signed.signature())) {
                throw new ManifestException("bad signature: manifest altered or not signed by " + publisher, true);
            }
        } catch (GeneralSecurityException e) {
            throw new ManifestException("bad signature: " + e.getMessage(), true);
        }
        return m;
    }
}
