package io.intinode.node.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes like {@code 1048576}, {@code 512K}, {@code 20G}, {@code 1.5TiB} (binary units, 1K = 1024). */
public final class ByteSizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?");
    private static final String UNITS = "kmgtp";

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    public static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (value.length() > 32 || !m.matches()) {
            throw new TypeConversionException("not a size: '" + value + "' (use e.g. 1048576, 512K, 20G, 1T)");
        }
        int shift = m.group(2).isEmpty() ? 0 : 10 * (UNITS.indexOf(m.group(2)) + 1);
        double bytes = Math.scalb(Double.parseDouble(m.group(1)), shift);
        if (bytes >= 0x1p63) {
            throw new TypeConversionException("size too large: '" + value + "'");
        }
        if (m.group(1).contains(".") && m.group(2).isEmpty()) {
            throw new TypeConversionException("not a whole number of bytes: '" + value + "'");
        }
        return (long) bytes;
    }

    /** Formats a byte count for people, e.g. {@code 1.5 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %ciB", Math.scalb((double) bytes, -10 * unit), "KMGTPE".charAt(unit - 1));
    }
}
