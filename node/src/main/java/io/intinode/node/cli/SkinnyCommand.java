package io.intinode.node.cli;

import io.intinode.node.tree.TreeCopier;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code intinode skinny SRC DST}: copies a tree, turning large files into stubs. */
@Command(name = "skinny", mixinStandardHelpOptions = true,
        description = {"Copy the tree SRC to DST, replacing every regular file of at least --min-size bytes by a"
                + " stub; the content goes into the cache. Smaller files, directories, symlinks, modes and mtimes"
                + " are kept. A file that itself starts with \"intinode \" always becomes a stub, so that"
                + " 'intinode hydrate' gives it back unchanged."})
final class SkinnyCommand implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

    @Mixin NodeOption node;

    @Mixin TreeArguments tree;

    @Option(names = "--min-size", paramLabel = "BYTES", defaultValue = "16384",
            description = "Files of at least this many bytes become stubs (default: ${DEFAULT-VALUE}).")
    long minSize;

    @Option(names = "--url-template", paramLabel = "T",
            description = "Adds a URL to every stub; {hex} and {digest} are replaced (repeatable), e.g."
                    + " http://host/sha256/{hex}")
    List<String> urlTemplates = new ArrayList<>();

    @Option(names = "--export-dir", paramLabel = "DIR",
            description = "Also write each blob as DIR/sha256/<hex>, for any static web server.")
    Path exportDir;

    @Override
    public Integer call() throws IOException {
        checkArguments();
        int[] stubs = {0};
        TreeCopier.Counts counts;
        try (BlobAccess blobs = BlobAccess.open(storeOptions, node.mode);
                TerminalProgress progress = TerminalProgress.bytes("skinny", totalBytes(tree.src))) {
            counts = tree.copy("skinny", (file, out, attrs) -> {
                if (attrs.size() >= minSize || StubCodec.isStub(file)) {
                    writeStub(blobs, file, out);
                    stubs[0]++;
                } else {
                    Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES);
                }
                progress.accept(attrs.size());
            });
        }
        storeOptions.out().println(TreeArguments.summary(counts, stubs[0] + " stubs"));
        storeOptions.out().flush();
        return ExitCodes.OK;
    }

    private void checkArguments() throws IOException {
        if (minSize < 0) {
            throw new CliException(ExitCodes.USAGE, "--min-size must be >= 0");
        }
        for (String t : urlTemplates) {
            if (!t.contains("{hex}") && !t.contains("{digest}")) {
                throw new CliException(ExitCodes.BAD_INPUT, "--url-template " + t + ": has neither {hex} nor {digest}");
            }
        }
        tree.check();
        if (exportDir != null) {
            if (TreeCopier.isWithin(exportDir, tree.src)) {
                throw new CliException(ExitCodes.BAD_INPUT, "--export-dir " + exportDir + " is inside " + tree.src);
            }
            Files.createDirectories(exportDir.resolve("sha256"));
        }
    }

    private void writeStub(BlobAccess blobs, Path file, Path out) throws IOException {
        BlobAccess.Added blob = blobs.add(file, n -> { });
        List<String> urls = urlTemplates.stream()
                .map(t -> t.replace("{hex}", blob.digest().hex()).replace("{digest}", blob.digest().toString()))
                .toList();
        Files.write(out, StubCodec.toBytes(Stub.of(blob.digest(), blob.size(), urls)));
        if (exportDir != null) {
            export(blobs, blob);
        }
    }

    /** Writes the verified cached blob as DIR/sha256/<hex>, atomically, unless it is there already. */
    private void export(BlobAccess blobs, BlobAccess.Added blob) throws IOException {
        Path target = exportDir.resolve("sha256").resolve(blob.digest().hex());
        if (Files.exists(target)) {
            return;
        }
        blobs.toFile(new ResolveRequest(blob.digest(), blob.size(), List.of()), target, n -> { });
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Bytes of the regular files in a tree, for the progress bar; unreadable parts count as 0. */
    static long totalBytes(Path tree) {
        long[] total = {0};
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // the copy itself reports it
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }

}
