package io.intinode.node.cli;

import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.ManifestSigner;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.node.privacy.canon.SignedManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code intinode canon verify}: accepts a manifest only if a trusted publisher signed it. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a manifest's signature against trusted publisher keys. Exit 0 if valid, 4 if the"
                + " signature is bad or the publisher untrusted, 3 if the file is malformed.")
final class CanonVerifyCommand implements Callable<Integer> {
    private static final int MAX_KEYS_BYTES = 1 << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest to check.")
    Path manifest;

    @Option(names = "--publisher-key", paramLabel = "ed25519:<base64>", description = "A trusted publisher key. Repeatable.")
    List<String> keys = List.of();

    @Option(names = "--publisher-keys", paramLabel = "FILE",
            description = "A file of trusted publisher keys, one a line ('#' comments).")
    Path keysFile;

    @Override
    public Integer call() {
        Set<PublisherKey> trusted = new HashSet<>();
        try {
            for (String k : keys) {
                trusted.add(PublisherKey.parse(k.trim()));
            }
            if (keysFile != null) {
                String text = new String(CanonFiles.readBounded(keysFile, MAX_KEYS_BYTES), StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        trusted.add(PublisherKey.parse(l));
                    }
                }
            }
        } catch (ManifestException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (trusted.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "no trusted publisher key: give --publisher-key or --publisher-keys");
        }
        SignedManifest signed = CanonFiles.readManifest(manifest);
        CanonManifest m;
        try {
            m = ManifestSigner.verify(signed, trusted);
        } catch (ManifestException e) {
            throw CanonFiles.toCli(manifest, e);
        }
        spec.commandLine().getOut().printf("ok: epoch %d by %s, %d profiles, valid until %s%n", m.epoch(),
                m.publisher(), m.profiles().size(), m.notAfter());
        return ExitCodes.OK;
    }
}
