package io.intinode.store.file;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.StoreException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/** Re-hashes every blob of a store and has those that no longer match their digest quarantined. */
final class BlobVerifier {
    private final FileBlobStore store;
    private final BlobLayout layout;
    private final int bufferBytes;

    BlobVerifier(FileBlobStore store, BlobLayout layout, int bufferBytes) {
        this.store = store;
        this.layout = layout;
        this.bufferBytes = bufferBytes;
    }

    VerifyReport verify(ReconcileReport reconciled, LongConsumer progress) {
        List<BlobInfo> all;
        try (Stream<BlobInfo> s = store.list()) {
            all = s.toList();
        }
        List<VerifyReport.Damaged> damaged = new ArrayList<>();
        int checked = 0;
        long bytes = 0;
        for (BlobInfo info : all) {
            Optional<Digest> actual = rehash(info.digest(), progress);
            if (actual.isEmpty()) {
                continue; // removed meanwhile
            }
            checked++;
            bytes += info.size();
            if (!actual.get().equals(info.digest())) {
                store.quarantine(info, actual.get()).ifPresent(damaged::add);
            }
        }
        return new VerifyReport(checked, bytes, damaged, reconciled);
    }

    private Optional<Digest> rehash(Digest digest, LongConsumer progress) {
        try {
            return Optional.of(Sha256.hash(layout.blob(digest), bufferBytes, progress));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + layout.blob(digest) + ": " + e.getMessage(), e);
        }
    }
}
