package io.intinode.transfer.download;

import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.TestBlobs;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/**
 * Run by {@link DownloaderCrashIT} in a child JVM: downloads {@link #content} from a source that
 * delivers the first {@link #DELIVERED} chunks and then hangs, printing each verified chunk, until the
 * parent kills it.
 */
public final class DownloadCrashChild {
    static final int CHUNK = 4096;
    static final int CHUNKS = 64;
    static final int DELIVERED = 20;

    private DownloadCrashChild() {}

    static byte[] content() {
        byte[] bytes = new byte[CHUNKS * CHUNK - 7];
        new java.util.Random(9).nextBytes(bytes);
        return bytes;
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        byte[] content = content();
        FakeSource source = FakeSource.honest("hangs", content, CHUNK).blocking(c -> c >= DELIVERED);
        try (FileBlobStore store = TestBlobs.openStore(data.resolve("store"))) {
            new Downloader(store, data.resolve("partial"), DownloadConfig.DEFAULTS, new BanList(), InstantSource.system())
                    .download(Sha256.of(content), content.length, List.of(source), Origin.LAN_PEER, (s, bytes) -> {
                        System.out.println("verified");
                        System.out.flush();
                    });
        }
    }
}
