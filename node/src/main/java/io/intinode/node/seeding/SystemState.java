package io.intinode.node.seeding;

/**
 * What the OS says about power and the network; {@code UNKNOWN} when it does not say.
 *
 * @param power on mains, on battery, or unknown (no power supply reported: a desktop or a container)
 * @param metered whether NetworkManager calls the connection metered
 */
public record SystemState(Power power, Metered metered) {
    public static final SystemState UNKNOWN = new SystemState(Power.UNKNOWN, Metered.UNKNOWN);

    public enum Power { MAINS, BATTERY, UNKNOWN }

    public enum Metered { YES, NO, UNKNOWN }
}
