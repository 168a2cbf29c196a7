package io.intinode.node.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node config file: one {@code key = value} per line, {@code #} starts a comment line, blank lines are
 * ignored. Keys are the long option names of {@code intinode node} without the dashes; a repeatable key may
 * appear on several lines, any other key once. Parsing is strict: an unknown key, a repeated single key, a
 * line without {@code =} or an empty value is an error naming the file and line.
 */
public record ConfigFile(Path path, Map<String, List<String>> values) {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_LINE = 1024;
    private static final Pattern LINE = Pattern.compile("([a-z][a-z0-9-]*)\\s*=\\s*(.*?)\\s*");

    public ConfigFile {
        values = Map.copyOf(values);
    }

    /** The values of {@code key} in file order; empty when the file does not set it. */
    public List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    public static ConfigFile empty(Path path) {
        return new ConfigFile(path, Map.of());
    }

    /**
     * Reads and checks the file.
     *
     * @param single keys that may appear once
     * @param repeatable keys that may appear on several lines
     * @param required whether a missing file is an error (else it reads as empty)
     */
    public static ConfigFile load(Path path, Set<String> single, Set<String> repeatable, boolean required) {
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new ConfigException(path + ": larger than " + MAX_BYTES + " bytes; not a config file?");
            }
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ConfigException(path + ": no such config file", e);
            }
            return empty(path);
        } catch (CharacterCodingException e) {
            throw new ConfigException(path + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read: " + e.getMessage(), e);
        }
        return parse(path, text, single, repeatable);
    }

    static ConfigFile parse(Path path, String text, Set<String> single, Set<String> repeatable) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = path + ":" + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                throw new ConfigException(where + "line longer than " + MAX_LINE + " characters");
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigException(where + "expected 'key = value', got: " + line);
            }
            String key = m.group(1);
            if (!single.contains(key) && !repeatable.contains(key)) {
                throw new ConfigException(where + "unknown key '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(concat(single, repeatable))) + ")");
            }
            if (m.group(2).isEmpty()) {
                throw new ConfigException(where + "'" + key + "' has no value");
            }
            List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.isEmpty() && single.contains(key)) {
                throw new ConfigException(where + "'" + key + "' is set twice (it takes one value)");
            }
            list.add(m.group(2));
        }
        return new ConfigFile(path, values);
    }

    /**
     * Sets a single-valued key in the file (creating it if absent): the line that sets it is replaced, or the line
     * appended; comments and other lines stay. The file must parse first, and is replaced atomically.
     */
    public static void set(Path path, String key, String value, Set<String> single, Set<String> repeatable) {
        ConfigFile current = load(path, single, repeatable, false);
        if (!single.contains(key)) {
            throw new ConfigException("not a single-valued config key: " + key);
        }
        List<String> lines = new ArrayList<>();
        try {
            if (Files.exists(path)) {
                lines.addAll(List.of(Files.readString(path).split("\n", -1)));
                if (lines.getLast().isEmpty()) {
                    lines.removeLast();
                }
            }
            String line = key + " = " + value;
            int at = -1;
            for (int i = 0; i < lines.size() && !current.all(key).isEmpty(); i++) {
                Matcher m = LINE.matcher(lines.get(i).strip());
                if (m.matches() && m.group(1).equals(key)) {
                    at = i;
                }
            }
            if (at >= 0) {
                lines.set(at, line);
            } else {
                lines.add(line);
            }
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(tmp, String.join("\n", lines) + "\n");
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** An {@code on}/{@code off} value, or {@code fallback} when the key is not set. */
    public boolean onOff(String key, boolean fallback) {
        List<String> v = all(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.getFirst()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new ConfigException(path + ": '" + key + "' must be on or off, got: " + v.getFirst());
        };
    }
}
