package io.intinode.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code intinode add FILE...}: copies files into the cache. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Copy files into the local cache (verified, content-addressed) and print"
                + " 'sha256:<hex> <size> <path>' for each. The files themselves are left as they are. While a node"
                + " runs, the files are streamed to it and it stores them.",
                "Added blobs are shareable: a node with sharing on announces and serves them."})
final class AddCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Mixin
    NodeOption node;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Regular files to add.")
    List<Path> files;

    @Override
    public void run() {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CliException(ExitCodes.BAD_INPUT, (Files.exists(f) ? "not a regular file: " : "no such file: ") + f);
            }
        }
        PrintWriter out = storeOptions.out();
        try (BlobAccess blobs = BlobAccess.open(storeOptions, node.mode);
                TerminalProgress progress = TerminalProgress.bytes("add", totalSize())) {
            for (Path f : files) {
                BlobAccess.Added info = blobs.add(f, progress);
                out.println(info.digest() + " " + info.size() + " " + f);
                out.flush();
            }
        }
    }

    private long totalSize() {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return total;
    }
}
