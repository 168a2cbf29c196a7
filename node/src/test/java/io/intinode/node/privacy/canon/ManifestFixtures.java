package io.intinode.node.privacy.canon;

import io.intinode.store.Digest;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** A small fixed manifest and the RFC 8032 test key 1 for the manifest tests. */
final class ManifestFixtures {
    /** RFC 8032 §7.1 TEST 1 secret key, wrapped as PKCS#8. */
    static final String RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private ManifestFixtures() {}

    static Digest digest(int n) {
        return Digest.parse("sha256:" + String.format("%064x", n));
    }

    static CanonManifest manifest() {
        ProfileLevels debian = new ProfileLevels("debian-13", 1000, List.of(
                List.of(new ManifestEntry(digest(2), "libc6", "2.41-12", 3_000_000),
                        new ManifestEntry(digest(1), "bash", "5.2.37-2", 1_500_000)),
                List.of(new ManifestEntry(digest(3), "curl", "8.14.1-2", 400_000))));
        ProfileLevels alpine = new ProfileLevels("alpine-3.22", 200, List.of(
                List.of(new ManifestEntry(digest(4), "musl", "1.2.5-r10", 600_000))));
        return new CanonManifest("", 7, Instant.parse("2026-12-01T00:00:00Z"), 5, List.of(debian, alpine));
    }

    static PrivateKey rfc8032Key() throws Exception {
        byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420" + RFC8032_SECRET);
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
