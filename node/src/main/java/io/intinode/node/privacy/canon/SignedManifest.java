package io.intinode.node.privacy.canon;

import java.util.Arrays;
import java.util.Objects;

/** A manifest and its Ed25519 signature (empty before signing). */
public record SignedManifest(CanonManifest manifest, byte[] signature) {
    public SignedManifest {
        Objects.requireNonNull(manifest, "manifest");
        signature = signature.clone();
    }

    public static SignedManifest unsigned(CanonManifest manifest) {
        return new SignedManifest(manifest, new byte[0]);
    }

    public boolean isSigned() {
        return signature.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedManifest s && s.manifest.equals(manifest) && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return manifest.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedManifest[epoch=" + manifest.epoch() + ", signed=" + isSigned() + "]";
    }
}
