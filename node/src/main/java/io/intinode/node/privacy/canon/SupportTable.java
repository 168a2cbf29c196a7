package io.intinode.node.privacy.canon;

import io.intinode.store.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The public popularity data {@code canon build} reads: tab-separated lines
 * {@code profile digest package version count [size]}, where count is a holder count or a
 * download count (registry pull counts, distribution popularity statistics). Blank lines, lines
 * starting with '#', and a header line starting with "profile" are skipped.
 */
public final class SupportTable {
    public static final int MAX_LINE_CHARS = 4096;
    public static final int MAX_ROWS = 1_000_000;

    /** One line of the table. */
    public record Row(String profile, Digest digest, String pkg, String version, long count, long sizeBytes) {}

    private SupportTable() {}

    public static List<Row> read(Reader reader) {
        List<Row> rows = new ArrayList<>();
        try {
            BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
            StringBuilder line = new StringBuilder();
            int lineNo = 0;
            while (readLine(in, line)) {
                lineNo++;
                String text = line.toString();
                if (text.isBlank() || text.startsWith("#") || (lineNo == 1 && text.startsWith("profile\t"))) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    throw new ManifestException("support table has more than " + MAX_ROWS + " rows");
                }
                rows.add(parse(text, lineNo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Reads one line into {@code line}, refusing lines longer than the limit; false at the end. */
    private static boolean readLine(BufferedReader in, StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() == MAX_LINE_CHARS) {
                throw new ManifestException("support table line longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) c);
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return any;
    }

    private static Row parse(String text, int lineNo) {
        String[] f = text.split("\t", -1);
        if (f.length != 5 && f.length != 6) {
            throw new ManifestException("line " + lineNo + ": expected 5 or 6 tab-separated fields (profile, digest,"
                    + " package, version, count[, size]), got " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].isBlank()) {
                throw new ManifestException("line " + lineNo + ": field " + (i + 1) + " is empty");
            }
        }
        Digest digest;
        try {
            digest = Digest.parse(f[1]);
        } catch (IllegalArgumentException e) {
            throw new ManifestException("line " + lineNo + ": " + e.getMessage());
        }
        return new Row(f[0], digest, f[2], f[3], number(f[4], "count", lineNo),
                f.length == 6 ? number(f[5], "size", lineNo) : 0);
    }

    private static long number(String s, String what, int lineNo) {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new ManifestException("line " + lineNo + ": " + what + " is negative: " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ManifestException("line " + lineNo + ": " + what + " is not a whole number: " + s);
        }
    }
}
