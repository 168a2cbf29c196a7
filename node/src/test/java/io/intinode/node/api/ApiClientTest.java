package io.intinode.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiClientTest {
    private static final Digest D = Digest.parse("sha256:" + "ab".repeat(32));

    @Test
    void blobPathWithoutUrlsHasNoQuery() {
        assertThat(ApiClient.blobPath(D, -1, List.of(), true)).isEqualTo("/v1/blobs/" + D);
    }

    @Test
    void blobPathEncodesEachUrlAndAsksNotToShare() {
        assertThat(ApiClient.blobPath(D, -1, List.of("http://127.0.0.1:8080/a b?x=1&y=2", "http://h/c"), false))
                .isEqualTo("/v1/blobs/" + D + "?url=http%3A%2F%2F127.0.0.1%3A8080%2Fa+b%3Fx%3D1%26y%3D2"
                        + "&url=http%3A%2F%2Fh%2Fc&share=false");
        assertThat(ApiClient.blobPath(D, -1, List.of(), false)).isEqualTo("/v1/blobs/" + D + "?share=false");
    }

    @Test
    void blobPathCarriesAKnownSize() {
        assertThat(ApiClient.blobPath(D, 300_000, List.of("http://h/c"), true))
                .isEqualTo("/v1/blobs/" + D + "?size=300000&url=http%3A%2F%2Fh%2Fc");
    }
}
