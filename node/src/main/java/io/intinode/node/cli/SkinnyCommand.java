package io.intinode.node.cli;

import io.intinode.node.tree.TreeCopier;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Origin;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intinode skinny SRC DST}: copies a tree, turning large files into stubs. */
@Command(name = "skinny", mixinStandardHelpOptions = true,
        description = {"Copy the tree SRC to DST, replacing every regular file of at least --min-size bytes by a"
                + " stub; the content goes into the cache. Smaller files, directories, symlinks, modes and mtimes"
                + " are kept. A file that itself starts with \"intinode \" always becomes a stub, so that"
                + " 'intinode hydrate' gives it back unchanged."})
final class SkinnyCommand implements Callable<Integer> {
    @ParentCommand IntinodeCommand root;
    @Spec CommandSpec spec;

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
        try (Wiring node = Wiring.open(root.dataDir());
                Progress progress = Progress.start("skinny", () -> totalBytes(tree.src))) {
            counts = tree.copy("skinny", (file, out, attrs) -> {
                if (attrs.size() >= minSize || StubCodec.isStub(file)) {
                    writeStub(node.store, file, out);
                    stubs[0]++;
                } else {
                    Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES);
                }
                progress.step(attrs.size());
            });
        }
        spec.commandLine().getOut().println(TreeArguments.summary(counts, stubs[0] + " stubs"));
        spec.commandLine().getOut().flush();
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

    private void writeStub(BlobStore store, Path file, Path out) throws IOException {
        BlobInfo blob = store.ingest(file, BlobStore.Expected.NOTHING, Origin.LOCAL);
        List<String> urls = urlTemplates.stream()
                .map(t -> t.replace("{hex}", blob.digest().hex()).replace("{digest}", blob.digest().toString()))
                .toList();
        Files.write(out, StubCodec.toBytes(Stub.of(blob.digest(), blob.size(), urls)));
        if (exportDir != null) {
            export(store, blob);
        }
    }

    /** Writes the verified cached blob as DIR/sha256/<hex>, atomically, unless it is there already. */
    private void export(BlobStore store, BlobInfo blob) throws IOException {
        Path target = exportDir.resolve("sha256").resolve(blob.digest().hex());
        if (Files.exists(target)) {
            return;
        }
        BlobHandle handle = store.open(blob.digest())
                .orElseThrow(() -> new IOException(blob.digest() + " vanished from the cache during export"));
        try (handle) {
            Path tmp = Files.createTempFile(target.getParent(), ".", ".part");
            try {
                Files.copy(handle.path(), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
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
