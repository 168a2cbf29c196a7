package io.intinode.transfer.webseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import io.intinode.transfer.MemoryTestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webseed fetches against a real nginx on 127.0.0.1. */
class WebseedNginxIT {
    private static final WebseedConfig CONFIG = new WebseedConfig(
            Duration.ofSeconds(2), Duration.ofSeconds(20), 3, 20, Duration.ofMillis(5), Duration.ofMillis(20));
    private static final byte[] CONTENT = new byte[2_000_000];

    @TempDir static Path dir;
    private static NginxServer nginx;
    private static Digest digest;

    @BeforeAll
    static void startNginx() throws IOException, InterruptedException {
        new Random(7).nextBytes(CONTENT);
        digest = MemoryTestStore.sha256(CONTENT);
        Path www = Files.createDirectories(dir.resolve("www/sha256"));
        Files.write(www.resolve(digest.hex()), CONTENT);
        nginx = NginxServer.start(dir.resolve("www"), dir.resolve("nginx"));
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void fetchesFromNginx() {
        MemoryTestStore store = new MemoryTestStore();
        try (WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            fetcher.fetch(digest, CONTENT.length, List.of(nginx.url("/sha256/" + digest.hex())), WebseedListener.NONE);
        }
        assertThat(store.bytes(digest)).hasValue(CONTENT);
    }

    @Test
    void resumesABrokenDownloadWithNginxRangeSupport() throws IOException {
        MemoryTestStore store = new MemoryTestStore();
        try (CuttingProxy proxy = new CuttingProxy(nginx.port(), 700_000);
                WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            fetcher.fetch(digest, CONTENT.length, List.of(proxy.url("/sha256/" + digest.hex())), WebseedListener.NONE);
            assertThat(proxy.connections.get()).isEqualTo(2);
        }
        assertThat(store.bytes(digest)).hasValue(CONTENT);
        assertThat(nginx.accessLog()).contains("\" 206 ");
    }

    @Test
    void failsOverFromA404ToTheNextUrl() {
        MemoryTestStore store = new MemoryTestStore();
        try (WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            fetcher.fetch(digest, CONTENT.length,
                    List.of(nginx.url("/nothing-here"), nginx.url("/sha256/" + digest.hex())), WebseedListener.NONE);
        }
        assertThat(store.has(digest)).isTrue();
    }

    @Test
    void aStubWithTheWrongSizeNeverCaches() {
        MemoryTestStore store = new MemoryTestStore();
        try (WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            assertThatThrownBy(() -> fetcher.fetch(digest, CONTENT.length + 1,
                            List.of(nginx.url("/sha256/" + digest.hex())), WebseedListener.NONE))
                    .hasMessageContaining("serves 2000000 bytes (Content-Length), the stub says 2000001");
        }
        assertThat(store.usedBytes()).isZero();
    }
}
