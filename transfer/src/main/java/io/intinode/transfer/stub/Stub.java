package io.intinode.transfer.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intinode.store.Digest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of one stub file: which blob stands in for the file, and where to fetch it.
 *
 * <p>Fields that this version does not know (for example a later {@code "share":false}) are kept
 * as they were read, in their order, and written back unchanged; they are never exposed mutably.
 * {@code "share"} is read (see {@link #shareable}) but kept among them, so its place in the line stays.
 */
public final class Stub {
    private static final String SHARE = "share";
    private final Digest digest;
    private final long size;
    private final List<String> urls;
    private final ObjectNode otherFields;

    private Stub(Digest digest, long size, List<String> urls, ObjectNode otherFields) {
        this.digest = Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        this.size = size;
        List<String> checked = new ArrayList<>(urls.size());
        for (String url : urls) {
            checked.add(checkUrl(url));
        }
        this.urls = List.copyOf(checked);
        JsonNode share = otherFields.get(SHARE);
        if (share != null && !share.isBoolean()) {
            throw new IllegalArgumentException("\"share\" must be true or false, got " + share);
        }
        this.otherFields = otherFields.deepCopy();
    }

    public static Stub of(Digest digest, long size, List<String> urls) {
        return new Stub(digest, size, urls, JsonNodeFactory.instance.objectNode());
    }

    /** Used by the codec: {@code otherFields} holds the fields this version does not interpret. */
    static Stub withOtherFields(Digest digest, long size, List<String> urls, ObjectNode otherFields) {
        return new Stub(digest, size, urls, otherFields);
    }

    public Digest digest() {
        return digest;
    }

    public long size() {
        return size;
    }

    /** The webseed URLs in the order they should be tried; may be empty. */
    public List<String> urls() {
        return urls;
    }

    /** Whether peers may be served this blob: true unless the stub says {@code "share":false}. */
    public boolean shareable() {
        JsonNode share = otherFields.get(SHARE);
        return share == null || share.booleanValue();
    }

    /** A field this version does not interpret, as read (a copy). */
    public Optional<JsonNode> otherField(String name) {
        JsonNode node = otherFields.get(name);
        return node == null ? Optional.empty() : Optional.of(node.deepCopy());
    }

    /** The same stub with other URLs; unknown fields are kept. */
    public Stub withUrls(List<String> newUrls) {
        return new Stub(digest, size, newUrls, otherFields);
    }

    ObjectNode otherFields() {
        return otherFields.deepCopy();
    }

    private static String checkUrl(String url) {
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("a URL must be a non-empty string");
        }
        try {
            if (!new URI(url).isAbsolute()) {
                throw new IllegalArgumentException("URL has no scheme: " + url);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getReason() + ")", e);
        }
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stub s
                && digest.equals(s.digest)
                && size == s.size
                && urls.equals(s.urls)
                && otherFields.equals(s.otherFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, size, urls, otherFields);
    }

    @Override
    public String toString() {
        return "Stub[" + digest + ", " + size + " bytes, urls=" + urls + ", other=" + otherFields + "]";
    }
}
