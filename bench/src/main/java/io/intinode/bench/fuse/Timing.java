package io.intinode.bench.fuse;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Wall-clock timing of shell commands, for the FUSE benchmark. */
final class Timing {
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(5);

    private Timing() {}

    /** Runs {@code sh -c script} with output discarded and returns how long it took. */
    static Duration shell(String script) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("did not finish within " + COMMAND_LIMIT + ": " + script);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + script);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Each script once per round, in turn, for {@code rounds} rounds: times[script][round]. Taking turns lets a
     * change in the machine's load (it is shared) hit every script alike.
     */
    static Duration[][] interleaved(int rounds, String... scripts) throws IOException, InterruptedException {
        Duration[][] times = new Duration[scripts.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < scripts.length; s++) {
                times[s][r] = shell(scripts[s]);
            }
        }
        return times;
    }

    static Duration median(Duration[] times) {
        Duration[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String ms(Duration d) {
        return String.format("%.2f ms", d.toNanos() / 1e6);
    }

    static String mbps(long bytes, Duration d) {
        return String.format("%.0f MB/s", bytes / 1e6 / (d.toNanos() / 1e9));
    }
}
