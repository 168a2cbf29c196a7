package io.intinode.node.cli;

import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.ReconcileReport;
import io.intinode.store.file.VerifyReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intinode cache verify [--rebuild]}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-hash every cached blob. Blobs whose bytes no longer match their digest are moved"
                + " to <data-dir>/quarantine/ and dropped from the cache.",
            "Exit code 4 if any were found."})
final class CacheVerifyCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--rebuild",
            description = "First rebuild the index from the blob files (keeps pins and history of entries that"
                    + " are still readable).")
    boolean rebuild;

    @Override
    public void run() {
        PrintWriter out = storeOptions.out();
        VerifyReport report;
        try (FileBlobStore store = storeOptions.open()) {
            if (rebuild) {
                ReconcileReport r = store.rebuildIndex();
                out.println("rebuilt the index: " + r.blobs() + " blobs, " + r.bytes() + " bytes");
            }
            try (TerminalProgress progress = TerminalProgress.bytes("verify", store.usedBytes())) {
                report = store.verify(progress);
            }
        }
        for (VerifyReport.Damaged d : report.quarantined()) {
            out.println("damaged " + d.digest() + " (content hashes to " + d.actual() + "), moved to " + d.movedTo());
        }
        out.println("verified " + report.checked() + " blobs (" + ByteSizeConverter.format(report.bytes()) + "): "
                + (report.checked() - report.quarantined().size()) + " ok, " + report.quarantined().size() + " damaged");
        out.flush();
        if (!report.quarantined().isEmpty()) {
            throw new CliException(ExitCodes.VERIFY_FAILED,
                    report.quarantined().size() + " damaged blobs moved to quarantine");
        }
    }
}
