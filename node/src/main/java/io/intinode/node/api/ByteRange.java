package io.intinode.node.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a blob, from an HTTP {@code Range} header (RFC 9110 §14): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Multiple ranges and malformed headers are ignored (the whole blob is
 * served), as the RFC allows; a well-formed range that misses the blob is unsatisfiable (416).
 *
 * @param offset the first byte
 * @param length how many bytes
 */
public record ByteRange(long offset, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /** What a {@code Range} header asks of a blob of {@code size} bytes. */
    public sealed interface Request {}

    /** Serve the whole blob (no header, or one we ignore). */
    public record Whole() implements Request {}

    /** Serve this part with 206. */
    public record Part(ByteRange range) implements Request {}

    /** Answer 416. */
    public record Unsatisfiable() implements Request {}

    public static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.get().strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last n bytes
                long n = Math.min(Long.parseLong(m.group(2)), size);
                return n == 0 ? new Unsatisfiable() : new Part(new ByteRange(size - n, n));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return new Whole(); // syntactically invalid, ignored
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(first, Math.min(last, size - 1) - first + 1));
        } catch (NumberFormatException e) { // more than Long.MAX_VALUE
            return new Whole();
        }
    }

    /** The {@code Content-Range} value for a part of a blob of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
