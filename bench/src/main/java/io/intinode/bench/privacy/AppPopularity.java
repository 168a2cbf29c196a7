package io.intinode.bench.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Monthly download counts of 226,974 npm packages (one number a line), the model's app popularity. */
final class AppPopularity {
    private static final String RESOURCE = "app-popularity.txt";

    private AppPopularity() {}

    static long[] load() {
        try (InputStream in = AppPopularity.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] parse(BufferedReader reader) throws IOException {
        long[] out = new long[1 << 18];
        int n = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = Long.parseLong(line.trim());
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
