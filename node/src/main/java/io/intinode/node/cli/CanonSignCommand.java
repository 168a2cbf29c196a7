package io.intinode.node.cli;

import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.ManifestSigner;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.node.privacy.canon.SignedManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code intinode canon sign}: sets the publisher and signs. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a manifest with a publisher's Ed25519 private key (PKCS#8 PEM, e.g. from 'canon keygen'"
                + " or 'openssl genpkey -algorithm ed25519'). Sets the manifest's publisher to the key.")
final class CanonSignCommand implements Callable<Integer> {
    private static final int MAX_KEY_BYTES = 16 << 10;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest to sign.")
    Path manifest;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Private key (PKCS#8 PEM).")
    Path keyFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: stdout).")
    Path output;

    @Override
    public Integer call() {
        SignedManifest in = CanonFiles.readManifest(manifest);
        PrivateKey key;
        try {
            key = PublisherKey.readPrivateKey(
                    new String(CanonFiles.readBounded(keyFile, MAX_KEY_BYTES), StandardCharsets.US_ASCII));
        } catch (ManifestException e) {
            throw CanonFiles.toCli(keyFile, e);
        }
        SignedManifest signed = ManifestSigner.sign(in.manifest(), key);
        CanonFiles.write(output, ManifestCodec.encode(signed), spec.commandLine().getOut());
        spec.commandLine().getErr().println("signed by " + signed.manifest().publisher());
        return ExitCodes.OK;
    }
}
