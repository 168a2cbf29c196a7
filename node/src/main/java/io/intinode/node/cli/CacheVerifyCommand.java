package io.intinode.node.cli;

import io.intinode.node.api.NodeApi;
import io.intinode.store.file.ReconcileReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intinode cache verify [--rebuild]}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-hash every cached blob. Blobs whose bytes no longer match their digest are moved"
                + " to <data-dir>/quarantine/ and dropped from the cache. Through a running node, the node does it.",
            "Exit code 4 if any were found."})
final class CacheVerifyCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--rebuild",
            description = "First rebuild the index from the blob files (keeps pins and history of entries that"
                    + " are still readable); not while a node runs.")
    boolean rebuild;

    @Mixin
    NodeOption node;

    @Override
    public void run() {
        PrintWriter out = storeOptions.out();
        NodeApi.VerifyResult report;
        try (CacheAccess cache = CacheAccess.open(storeOptions, node.mode)) {
            if (rebuild) {
                ReconcileReport r = cache.rebuildIndex();
                out.println("rebuilt the index: " + r.blobs() + " blobs, " + r.bytes() + " bytes");
            }
            report = cache.verify();
        }
        for (NodeApi.Damaged d : report.damaged()) {
            out.println("damaged " + d.digest() + " (content hashes to " + d.actual() + "), moved to " + d.movedTo());
        }
        out.println("verified " + report.checked() + " blobs (" + ByteSizeConverter.format(report.bytes()) + "): "
                + (report.checked() - report.damaged().size()) + " ok, " + report.damaged().size() + " damaged");
        out.flush();
        if (!report.damaged().isEmpty()) {
            throw new CliException(ExitCodes.VERIFY_FAILED,
                    report.damaged().size() + " damaged blobs moved to quarantine");
        }
    }
}
