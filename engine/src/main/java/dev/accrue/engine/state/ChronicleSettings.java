package dev.accrue.engine.state;

/**
 * Process-wide Chronicle switches, applied before the first map is built. Chronicle otherwise
 * tries to send usage analytics to a remote host, which a loyalty engine must never do.
 */
final class ChronicleSettings {
    private ChronicleSettings() {
    }

    static void apply() {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }
}
