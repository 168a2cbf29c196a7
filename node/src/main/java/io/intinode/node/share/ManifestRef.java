package io.intinode.node.share;

import io.intinode.store.Digest;
import java.util.List;
import java.util.Objects;

/** Where a manifest is: its digest (it is a blob) and webseed URLs to fetch it from when no peer has it. */
public record ManifestRef(Digest digest, List<String> urls) {
    public ManifestRef {
        Objects.requireNonNull(digest, "digest");
        urls = List.copyOf(urls);
    }
}
