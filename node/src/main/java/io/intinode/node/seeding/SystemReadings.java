package io.intinode.node.seeding;

import io.intinode.node.seeding.SystemState.Metered;
import io.intinode.node.seeding.SystemState.Power;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads power and metered state from the OS: {@code /sys/class/power_supply/*} (type, online, status, scope)
 * and NetworkManager (the {@code Metered} property over D-Bus with {@code busctl}, else per device with
 * {@code nmcli}). Whatever is absent reads as {@code UNKNOWN}. The parsers are separate from the I/O.
 */
public final class SystemReadings {
    private static final Logger log = LoggerFactory.getLogger(SystemReadings.class);
    static final Path POWER_SUPPLY = Path.of("/sys/class/power_supply");
    private static final long COMMAND_TIMEOUT_MS = 2_000;
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private SystemReadings() {}

    public static SystemState read() {
        return new SystemState(power(POWER_SUPPLY), metered());
    }

    /** Mains online, or a system battery not discharging: MAINS; a discharging system battery: BATTERY. */
    static Power power(Path root) {
        boolean mainsOnline = false;
        boolean battery = false;
        boolean discharging = false;
        try (DirectoryStream<Path> supplies = Files.newDirectoryStream(root)) {
            for (Path s : supplies) {
                String type = attr(s, "type").orElse("");
                if (attr(s, "scope").orElse("System").equals("Device")) {
                    continue; // a mouse's or a headset's battery says nothing about this host
                }
                switch (type) {
                    case "Mains", "USB" -> mainsOnline |= attr(s, "online").orElse("0").equals("1");
                    case "Battery" -> {
                        battery = true;
                        discharging |= attr(s, "status").orElse("").equals("Discharging");
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            return Power.UNKNOWN; // no sysfs (a container, another OS)
        }
        if (mainsOnline) {
            return Power.MAINS;
        }
        if (battery) {
            return discharging ? Power.BATTERY : Power.MAINS;
        }
        return Power.UNKNOWN;
    }

    private static Optional<String> attr(Path supply, String name) {
        try {
            byte[] b = Files.readAllBytes(supply.resolve(name));
            return b.length > 256 ? Optional.empty() : Optional.of(new String(b, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Metered metered() {
        Optional<String> dbus = run(List.of("busctl", "get-property", "org.freedesktop.NetworkManager",
                "/org/freedesktop/NetworkManager", "org.freedesktop.NetworkManager", "Metered"));
        Metered m = dbus.map(SystemReadings::parseBusctl).orElse(Metered.UNKNOWN);
        if (m != Metered.UNKNOWN) {
            return m;
        }
        return run(List.of("nmcli", "-t", "-f", "GENERAL.METERED", "dev", "show"))
                .map(SystemReadings::parseNmcli).orElse(Metered.UNKNOWN);
    }

    /** {@code u 1} … {@code u 4}: NMMetered (1 yes, 2 no, 3 guess yes, 4 guess no, 0 unknown). */
    static Metered parseBusctl(String out) {
        return switch (out.strip()) {
            case "u 1", "u 3" -> Metered.YES;
            case "u 2", "u 4" -> Metered.NO;
            default -> Metered.UNKNOWN;
        };
    }

    /** Lines {@code GENERAL.METERED:yes (guessed)}, one per device: any yes is metered, else any no is not. */
    static Metered parseNmcli(String out) {
        Metered result = Metered.UNKNOWN;
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("GENERAL.METERED:")) {
                continue;
            }
            String v = l.substring("GENERAL.METERED:".length());
            if (v.startsWith("yes")) {
                return Metered.YES;
            }
            if (v.startsWith("no")) {
                result = Metered.NO;
            }
        }
        return result;
    }

    /** The command's stdout if it ran and exited 0 within the timeout; empty if it is absent or failed. */
    private static Optional<String> run(List<String> command) {
        Path out = null;
        Process p = null;
        try {
            // Output to a file: reading a pipe could block past the timeout on a hung command.
            out = Files.createTempFile("intinode-readings", ".out");
            p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                            new java.io.File("/dev/null"))).start();
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0
                    || Files.size(out) > MAX_OUTPUT_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", out, e.getMessage());
                }
            }
        }
    }
}
