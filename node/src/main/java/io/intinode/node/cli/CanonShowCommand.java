package io.intinode.node.cli;

import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.Ladder;
import io.intinode.node.privacy.canon.ManifestEntry;
import io.intinode.node.privacy.canon.ProfileLevels;
import io.intinode.node.privacy.canon.SignedManifest;
import io.intinode.store.Digest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code intinode canon show}: a readable summary (it does not check the signature). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a manifest's publisher, epoch, and the size of every level of every profile and of the"
                + " donor ladder. Does not verify the signature: use 'canon verify' for that.")
final class CanonShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest.")
    Path manifest;

    @Option(names = "--entries", description = "Also list each level's blobs.")
    boolean entries;

    @Override
    public Integer call() {
        SignedManifest signed = CanonFiles.readManifest(manifest);
        CanonManifest m = signed.manifest();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("publisher  %s%n", m.publisher().isEmpty() ? "(none: unsigned)" : m.publisher());
        out.printf("signature  %s%n", signed.isSigned() ? "present (not checked here)" : "none");
        out.printf("epoch      %d%nnot after  %s%nk          %d%n", m.epoch(), m.notAfter(), m.k());
        for (ProfileLevels p : m.profiles()) {
            out.printf("profile %s (n = %d)%n", p.profile(), p.population());
            printLadder(out, "C", p.toLadder(), p.levels());
        }
        out.println("donor ladder (union of the profiles)");
        printLadder(out, "D", m.donorLadder(), null);
        out.flush();
        return ExitCodes.OK;
    }

    private void printLadder(PrintWriter out, String name, Ladder<Digest> ladder, List<List<ManifestEntry>> added) {
        for (int j = 1; j <= ladder.depth(); j++) {
            out.printf("  %s[%d]  %7d blobs  %14d bytes%n", name, j, ladder.size(j), ladder.bytes(j));
            if (entries && added != null) {
                for (ManifestEntry e : added.get(j - 1)) {
                    out.printf("         + %s  %s %s%n", e.digest(), e.pkg(), e.version());
                }
            }
        }
    }
}
