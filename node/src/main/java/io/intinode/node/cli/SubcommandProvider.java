package io.intinode.node.cli;

import java.util.List;

/**
 * Contributes subcommands from modules that node cannot depend on (fuse-client). Implementations
 * are found with {@link java.util.ServiceLoader} through {@code META-INF/services}; each returns new
 * picocli command objects (annotated with {@code @Command}).
 */
public interface SubcommandProvider {
    List<Object> subcommands();
}
