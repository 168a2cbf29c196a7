package io.intinode.node.privacy.canon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intinode.store.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The manifest file format (docs/privacy.md): a JSON object
 * {@code {"format":"intinode-canon/1","manifest":{...},"signature":"<base64>"}}. The signature
 * covers {@link #signedBytes}: a domain string and the canonical encoding of the manifest object
 * (fixed key order, no whitespace, profiles by name, entries by digest), which decoding rebuilds
 * from the parsed values, so formatting cannot change what was signed.
 */
public final class ManifestCodec {
    public static final String FORMAT = "intinode-canon/1";
    public static final int MAX_MANIFEST_BYTES = 32 << 20;
    public static final int MAX_ENTRIES = 250_000;
    public static final int MAX_PROFILES = 1024;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NAME_CHARS = 256;
    private static final byte[] DOMAIN = "intinode canonical manifest v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_BYTES = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxStringLength(1 << 16).maxNumberLength(32).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private ManifestCodec() {}

    /** The bytes the publisher signs. */
    public static byte[] signedBytes(CanonManifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeManifest(g, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encode(SignedManifest s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeFieldName("manifest");
            writeManifest(g, s.manifest());
            if (s.isSigned()) {
                g.writeStringField("signature", Base64.getEncoder().encodeToString(s.signature()));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Parses a manifest file; signed or not (verification is {@link ManifestSigner}'s job). */
    public static SignedManifest decode(byte[] bytes) {
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new ManifestException("manifest too large: " + bytes.length + " bytes (limit " + MAX_MANIFEST_BYTES + ")");
        }
        JsonNode root;
        try (JsonParser p = FACTORY.createParser(bytes)) {
            root = MAPPER.readTree(p);
            if (root == null || root.isMissingNode()) {
                throw new ManifestException("manifest is empty");
            }
            if (p.nextToken() != null) {
                throw new ManifestException("trailing data after the manifest object");
            }
        } catch (IOException e) {
            throw new ManifestException("manifest is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        ObjectNode top = object(root, "manifest file", Set.of("format", "manifest"), Set.of("signature"));
        String format = text(top, "format", 64);
        if (!format.equals(FORMAT)) {
            throw new ManifestException("unsupported manifest format '" + format + "' (expected " + FORMAT + ")");
        }
        CanonManifest m = manifest(top.get("manifest"));
        byte[] signature = new byte[0];
        if (top.has("signature")) {
            try {
                signature = Base64.getDecoder().decode(text(top, "signature", 128));
            } catch (IllegalArgumentException e) {
                throw new ManifestException("signature is not base64", true);
            }
            if (signature.length != SIGNATURE_BYTES) {
                throw new ManifestException("an Ed25519 signature has 64 bytes, got " + signature.length, true);
            }
        }
        return new SignedManifest(m, signature);
    }

    private static void writeManifest(JsonGenerator g, CanonManifest m) throws IOException {
        g.writeStartObject();
        g.writeStringField("publisher", m.publisher());
        g.writeNumberField("epoch", m.epoch());
        g.writeStringField("not_after", m.notAfter().toString());
        g.writeNumberField("k", m.k());
        g.writeArrayFieldStart("profiles");
        for (ProfileLevels p : m.profiles()) {
            g.writeStartObject();
            g.writeStringField("profile", p.profile());
            g.writeNumberField("population", p.population());
            g.writeArrayFieldStart("levels");
            for (List<ManifestEntry> level : p.levels()) {
                g.writeStartArray();
                for (ManifestEntry e : level) {
                    g.writeStartObject();
                    g.writeStringField("digest", e.digest().toString());
                    g.writeStringField("package", e.pkg());
                    g.writeStringField("version", e.version());
                    g.writeNumberField("size", e.sizeBytes());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static CanonManifest manifest(JsonNode node) {
        ObjectNode o = object(node, "manifest", Set.of("publisher", "epoch", "not_after", "k", "profiles"), Set.of());
        String publisher = text(o, "publisher", 128);
        if (!publisher.isEmpty()) {
            PublisherKey.parse(publisher);
        }
        long epoch = number(o, "epoch", 0, Long.MAX_VALUE);
        Instant notAfter;
        try {
            notAfter = Instant.parse(text(o, "not_after", 64));
        } catch (DateTimeParseException e) {
            throw new ManifestException("not_after is not an ISO-8601 instant: " + o.get("not_after").asText());
        }
        int k = (int) number(o, "k", 1, Integer.MAX_VALUE);
        JsonNode profilesNode = array(o.get("profiles"), "profiles", MAX_PROFILES);
        List<ProfileLevels> profiles = new ArrayList<>();
        int[] entries = {0};
        for (JsonNode p : profilesNode) {
            profiles.add(profile(p, entries));
        }
        try {
            return new CanonManifest(publisher, epoch, notAfter, k, profiles);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
    }

    private static ProfileLevels profile(JsonNode node, int[] entries) {
        ObjectNode o = object(node, "profile", Set.of("profile", "population", "levels"), Set.of());
        String name = text(o, "profile", MAX_NAME_CHARS);
        long population = number(o, "population", 1, Long.MAX_VALUE);
        List<List<ManifestEntry>> levels = new ArrayList<>();
        for (JsonNode level : array(o.get("levels"), "levels of " + name, MAX_DEPTH)) {
            List<ManifestEntry> l = new ArrayList<>();
            for (JsonNode e : array(level, "a level of " + name, MAX_ENTRIES)) {
                if (++entries[0] > MAX_ENTRIES) {
                    throw new ManifestException("manifest lists more than " + MAX_ENTRIES + " blobs");
                }
                l.add(entry(e));
            }
            levels.add(l);
        }
        try {
            return new ProfileLevels(name, population, levels);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
    }

    private static ManifestEntry entry(JsonNode node) {
        ObjectNode o = object(node, "entry", Set.of("digest", "package", "version", "size"), Set.of());
        Digest digest;
        try {
            digest = Digest.parse(text(o, "digest", 80));
        } catch (IllegalArgumentException e) {
            throw new ManifestException("bad digest: " + e.getMessage());
        }
        return new ManifestEntry(digest, text(o, "package", MAX_NAME_CHARS), text(o, "version", MAX_NAME_CHARS),
                number(o, "size", 0, Long.MAX_VALUE));
    }

    private static ObjectNode object(JsonNode node, String what, Set<String> required, Set<String> optional) {
        if (!(node instanceof ObjectNode o)) {
            throw new ManifestException(what + " must be a JSON object");
        }
        for (String key : required) {
            if (!o.has(key)) {
                throw new ManifestException(what + " lacks \"" + key + "\"");
            }
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!required.contains(key) && !optional.contains(key)) {
                throw new ManifestException(what + " has unknown field \"" + key + "\"");
            }
        }
        return o;
    }

    private static JsonNode array(JsonNode node, String what, int max) {
        if (node == null || !node.isArray()) {
            throw new ManifestException(what + " must be a JSON array");
        }
        if (node.size() > max) {
            throw new ManifestException(what + " has " + node.size() + " elements (limit " + max + ")");
        }
        return node;
    }

    private static String text(ObjectNode o, String key, int maxChars) {
        JsonNode n = o.get(key);
        if (!n.isTextual()) {
            throw new ManifestException("\"" + key + "\" must be a string");
        }
        if (n.textValue().length() > maxChars) {
            throw new ManifestException("\"" + key + "\" longer than " + maxChars + " characters");
        }
        return n.textValue();
    }

    private static long number(ObjectNode o, String key, long min, long max) {
        JsonNode n = o.get(key);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new ManifestException("\"" + key + "\" must be an integer");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new ManifestException("\"" + key + "\" out of range: " + v);
        }
        return v;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
