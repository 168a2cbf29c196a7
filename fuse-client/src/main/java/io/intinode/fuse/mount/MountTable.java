package io.intinode.fuse.mount;

import io.intinode.fuse.FuseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The kernel's mount table as this process sees it, and the few things we do with FUSE mounts in it. */
public final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FUSERMOUNT_TIMEOUT = Duration.ofSeconds(10);

    private MountTable() {}

    /** One line of /proc/self/mountinfo, the fields we use. */
    public record Mount(long id, Path mountPoint, String fsType, String source) {
        public boolean isFuse() {
            return fsType.equals("fuse") || fsType.startsWith("fuse.");
        }
    }

    /** What is mounted at a directory now. */
    public enum State { NOT_MOUNTED, ALIVE, STALE, NOT_RESPONDING }

    public static List<Mount> read() {
        try {
            return parse(Files.readString(MOUNTINFO));
        } catch (IOException e) {
            throw new FuseException("cannot read " + MOUNTINFO + ": " + e.getMessage(), e);
        }
    }

    static List<Mount> parse(String mountinfo) {
        return mountinfo.lines().filter(l -> !l.isBlank()).map(MountTable::parseLine).toList();
    }

    private static Mount parseLine(String line) {
        // id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions
        String[] fields = line.split(" ");
        int dash = List.of(fields).indexOf("-");
        if (fields.length < 5 || dash < 0 || dash + 2 >= fields.length) {
            throw new FuseException("unexpected line in " + MOUNTINFO + ": " + line);
        }
        return new Mount(Long.parseLong(fields[0]), Path.of(unescape(fields[4])), fields[dash + 1],
                unescape(fields[dash + 2]));
    }

    /** The kernel writes space, tab, newline and backslash as {@code \ooo} octal escapes. */
    static String unescape(String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /**
     * The absolute path of a directory as the mount table spells it: the parent's real path plus the name.
     * The directory itself is not touched, so this works on a stale mount (where stat fails).
     */
    public static Path canonical(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            return abs;
        }
        try {
            return parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            throw new FuseException("cannot resolve " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The topmost mount at {@code dir} (absolute, symlinks resolved by the caller), if any. */
    public static Optional<Mount> find(Path dir) {
        List<Mount> mounts = read();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).mountPoint().equals(dir)) {
                return Optional.of(mounts.get(i));
            }
        }
        return Optional.empty();
    }

    /** Whether the mount with this id (from {@link Mount#id()}) is still in the table. */
    public static boolean contains(long id) {
        return read().stream().anyMatch(m -> m.id() == id);
    }

    /**
     * Whether a FUSE filesystem is mounted at {@code dir} and answers: a mount whose process died answers
     * ENOTCONN (stale); one whose process hangs does not answer within a short probe. Any other answer,
     * even an error such as EACCES, means a process serves it.
     */
    public static State state(Path dir) {
        Optional<Mount> mount = find(dir);
        if (mount.isEmpty() || !mount.get().isFuse()) {
            return State.NOT_MOUNTED;
        }
        CompletableFuture<State> probe = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            // Listing, unlike stat, always reaches the filesystem's process: attributes may be cached.
            try (var listing = Files.newDirectoryStream(dir)) {
                probe.complete(State.ALIVE);
            } catch (IOException e) {
                String reason = String.valueOf(e.getMessage());
                // ENOTCONN once the daemon is gone; ECONNABORTED for a connection aborted under a request.
                boolean gone = reason.contains("Transport endpoint is not connected")
                        || reason.contains("Software caused connection abort");
                probe.complete(gone ? State.STALE : State.ALIVE);
            }
        });
        try {
            return probe.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return State.NOT_RESPONDING;
        } catch (ExecutionException e) {
            throw new FuseException("probing " + dir + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FuseException("interrupted while probing " + dir);
        }
    }

    /** Unmounts a FUSE filesystem as its owner may ({@code fusermount3 -u}); lazy detaches it even when busy. */
    public static void unmount(Path dir, boolean lazy) {
        List<String> command = lazy ? List.of("fusermount3", "-u", "-z", dir.toString())
                : List.of("fusermount3", "-u", dir.toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(FUSERMOUNT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new FuseException("fusermount3 did not unmount " + dir + " within " + FUSERMOUNT_TIMEOUT);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new FuseException("cannot unmount " + dir + ": " + (output.isEmpty() ? "fusermount3 failed" : output));
            }
        } catch (IOException e) {
            throw new FuseException("cannot run fusermount3 (install fuse3): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FuseException("interrupted while unmounting " + dir);
        }
    }
}
