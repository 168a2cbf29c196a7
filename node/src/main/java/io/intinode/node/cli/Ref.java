package io.intinode.node.cli;

import io.intinode.p2p.multiformats.Cid;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A blob reference on the command line: {@code sha256:<hex>}, a CID ({@code bafkrei…}), or a stub file. */
record Ref(Digest digest, long size, List<String> urls, boolean shareable) {

    static Ref parse(String text) {
        if (text.startsWith(Digest.PREFIX)) {
            return new Ref(Refs.digest(text), BlobStore.Expected.UNKNOWN_SIZE, List.of(), true);
        }
        Path path = Path.of(text);
        if (Files.exists(path)) {
            Stub stub = StubCodec.read(path);
            return new Ref(stub.digest(), stub.size(), stub.urls(), stub.shareable());
        }
        if (text.startsWith("b") || text.startsWith("z") || text.startsWith("Qm")) {
            try {
                return new Ref(Cid.parse(text).toDigest(), BlobStore.Expected.UNKNOWN_SIZE, List.of(), true);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "bad reference '" + text + "': " + e.getMessage(), e);
            }
        }
        throw new CliException(ExitCodes.BAD_INPUT,
                text + ": not a digest (sha256:<hex>), a CID (bafkrei…) or an existing stub file");
    }
}
