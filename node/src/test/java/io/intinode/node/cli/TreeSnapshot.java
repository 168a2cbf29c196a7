package io.intinode.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Everything a copy must keep of a tree, per relative path: type, mode, mtime, content or link target. */
final class TreeSnapshot {
    private TreeSnapshot() {}

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                entries.put(root.relativize(p).toString(), describe(p));
            }
        }
        return entries;
    }

    private static String describe(Path p) throws IOException {
        LinkOption nofollow = LinkOption.NOFOLLOW_LINKS;
        String mtime = Files.getLastModifiedTime(p, nofollow).toString();
        if (Files.isSymbolicLink(p)) {
            return "link " + Files.readSymbolicLink(p) + " " + mtime;
        }
        String mode = Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", nofollow));
        if (Files.isDirectory(p, nofollow)) {
            return "dir " + mode + " " + mtime;
        }
        byte[] sha = sha256(Files.readAllBytes(p));
        return "file " + mode + " " + mtime + " " + Files.size(p) + " " + HexFormat.of().formatHex(sha);
    }

    private static byte[] sha256(byte[] bytes) {
        return Sha256.newDigest().digest(bytes);
    }
}
