package io.intinode.node.config;

/** A config file that cannot be read or is malformed; the message names the file and line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
