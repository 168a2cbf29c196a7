package io.intinode.node.cli;

import io.intinode.transfer.resolve.ResolveListener;
import java.io.Console;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A byte progress bar on stderr, shown only when the CLI runs on a terminal. */
final class Progress implements ResolveListener, AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** {@code totalBytes} is asked only on a terminal; a value < 0 means unknown. */
    static Progress start(String task, LongSupplier totalBytes) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes.getAsLong())
                .setUnit(" MiB", 1 << 20)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build());
    }

    void step(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void bytes(String source, long count) {
        step(count);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
