package io.intinode.store.file;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Blobs;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The process {@link FileBlobStoreCrashIT} kills. {@code big DIR}: ingests one endless stream.
 * {@code many DIR}: ingests small blobs one after another, printing each digest once committed.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        FileBlobStore store = FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, InstantSource.system());
        if (args[0].equals("big")) {
            store.ingest(endless(), Expected.NOTHING, Origin.WEBSEED);
            throw new IllegalStateException("an endless stream ended");
        }
        for (int i = 0; ; i++) {
            BlobInfo info = store.ingest(Blobs.stream(Blobs.random(64 * 1024 + i, i)), Expected.NOTHING, Origin.LOCAL);
            System.out.println(info.digest());
            System.out.flush();
        }
    }

    private static InputStream endless() {
        return new InputStream() {
            private long n;

            @Override
            public int read() {
                return (int) (n++ & 0xff);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) (n++ * 31);
                }
                return len;
            }
        };
    }
}
