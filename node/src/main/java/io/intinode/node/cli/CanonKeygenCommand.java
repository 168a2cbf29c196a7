package io.intinode.node.cli;

import io.intinode.node.privacy.canon.PublisherKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code intinode canon keygen}: a new publisher key pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Create an Ed25519 publisher key: writes the private key (PKCS#8 PEM, mode 0600) and prints"
                + " the public key (ed25519:<base64>) that hosts put in their config.")
final class CanonKeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Private key file to create.")
    Path output;

    @Override
    public Integer call() {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CliException(ExitCodes.FAILURE, "no Ed25519 in this JDK: " + e.getMessage(), e);
        }
        try (OutputStream o = Files.newOutputStream(Files.createFile(output,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                StandardOpenOption.WRITE)) {
            o.write(PublisherKey.writePrivateKey(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCodes.BAD_INPUT, output + " exists; not overwriting a key");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + output + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println(PublisherKey.of(pair.getPrivate()));
        return ExitCodes.OK;
    }
}
