package io.intinode.node.cli;

import java.io.Console;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar in bytes on stderr, shown only when the user is at a terminal. */
final class TerminalProgress implements LongConsumer, AutoCloseable {
    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static TerminalProgress bytes(String task, long totalBytes) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return new TerminalProgress(null);
        }
        return new TerminalProgress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit("MiB", 1 << 20)
                .showSpeed()
                .clearDisplayOnFinish()
                .build());
    }

    @Override
    public void accept(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
