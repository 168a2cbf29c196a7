package io.intinode.transfer.webseed;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A listener that keeps what a fetch reported: bytes received, and each failure as "url: reason". */
final class RecordingListener implements WebseedListener {
    final AtomicLong bytes = new AtomicLong();
    final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void bytesReceived(URI uri, long count) {
        bytes.addAndGet(count);
    }

    @Override
    public void urlFailed(URI uri, String reason) {
        failures.add(uri + ": " + reason);
    }
}
