package io.intinode.transfer.stub;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intinode.store.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes stub files: the 9 bytes {@code "intinode "}, one JSON object, and an optional
 * {@code '\n'}. The rules are in docs/stub-format.md.
 */
public final class StubCodec {
    private static final byte[] MAGIC = "intinode ".getBytes(StandardCharsets.US_ASCII);
    /** Largest stub file accepted or written, trailing newline included. */
    public static final int MAX_STUB_BYTES = 64 * 1024;

    private static final String DIGEST = "digest";
    private static final String SIZE = "size";
    private static final String URLS = "urls";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StubCodec() {}

    /** Whether {@code file} is a stub, judged by its first 9 bytes only (never the rest). */
    public static boolean isStub(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /** Whether the first bytes of some content are the stub magic. */
    public static boolean hasMagic(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Reads a stub file; bad content raises {@link StubFormatException} naming the file. */
    public static Stub read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_STUB_BYTES + 1); // one more than allowed, to see "too big"
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read stub: " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes the bytes of a stub file; {@code source} names them in errors. */
    public static Stub decode(byte[] bytes, String source) {
        if (bytes.length > MAX_STUB_BYTES) {
            throw new StubFormatException(source, "larger than " + MAX_STUB_BYTES + " bytes");
        }
        if (!hasMagic(bytes)) {
            throw new StubFormatException(source, "does not start with \"intinode \"");
        }
        int end = bytes.length;
        if (end > MAGIC.length && bytes[end - 1] == '\n') {
            end--;
        }
        if (end == MAGIC.length) {
            throw new StubFormatException(source, "no JSON object after \"intinode \"");
        }
        if (bytes[MAGIC.length] != '{') {
            throw new StubFormatException(source, "a JSON object must follow \"intinode \" directly");
        }
        if (bytes[end - 1] != '}') {
            throw new StubFormatException(source, "bytes after the JSON object (only one newline may follow)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes, MAGIC.length, end - MAGIC.length);
        } catch (JacksonException e) {
            throw new StubFormatException(source, "bad JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StubFormatException(source, "bad JSON: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new StubFormatException(source, "not a JSON object");
        }
        return fromJson(object, source);
    }

    private static Stub fromJson(ObjectNode object, String source) {
        Digest digest = digest(object.get(DIGEST), source);
        long size = size(object.get(SIZE), source);
        List<String> urls = urls(object.get(URLS), source);
        ObjectNode others = object.deepCopy();
        others.remove(List.of(DIGEST, SIZE, URLS));
        try {
            return Stub.withOtherFields(digest, size, urls, others);
        } catch (IllegalArgumentException e) {
            throw new StubFormatException(source, e.getMessage(), e);
        }
    }

    private static Digest digest(JsonNode node, String source) {
        if (node == null) {
            throw new StubFormatException(source, "missing \"digest\"");
        }
        if (!node.isTextual()) {
            throw new StubFormatException(source, "\"digest\" must be a string");
        }
        try {
            return Digest.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new StubFormatException(source, "bad \"digest\": " + e.getMessage(), e);
        }
    }

    private static long size(JsonNode node, String source) {
        if (node == null) {
            throw new StubFormatException(source, "missing \"size\"");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new StubFormatException(source, "\"size\" must be an integer that fits 64 bits, got " + node);
        }
        long size = node.longValue();
        if (size < 0) {
            throw new StubFormatException(source, "\"size\" must be >= 0, got " + size);
        }
        return size;
    }

    private static List<String> urls(JsonNode node, String source) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new StubFormatException(source, "\"urls\" must be a list of strings");
        }
        List<String> urls = new ArrayList<>(node.size());
        for (JsonNode url : node) {
            if (!url.isTextual()) {
                throw new StubFormatException(source, "\"urls\" must be a list of strings, found " + url);
            }
            urls.add(url.textValue());
        }
        return urls;
    }

    /** The stub line without a trailing newline: {@code intinode {"digest":…,"size":…,…}}. */
    public static String encode(Stub stub) {
        ObjectNode object = JSON.createObjectNode();
        object.put(DIGEST, stub.digest().toString());
        object.put(SIZE, stub.size());
        if (!stub.urls().isEmpty()) {
            stub.urls().forEach(object.putArray(URLS)::add);
        }
        object.setAll(stub.otherFields());
        String line = "intinode " + object;
        if (line.getBytes(StandardCharsets.UTF_8).length + 1 > MAX_STUB_BYTES) {
            throw new IllegalArgumentException("stub would be larger than " + MAX_STUB_BYTES + " bytes");
        }
        return line;
    }

    /** The bytes of a stub file: the encoded line and a newline. */
    public static byte[] toBytes(Stub stub) {
        return (encode(stub) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
