package org.thunderproject.ec2.cli;

/**
 * Sets slf4j-simple's levels from {@code -v}/{@code -q} before the first logger exists. A level
 * the user set with {@code -Dorg.slf4j.simpleLogger…} is left alone.
 */
public final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {}

    /**
     * Errors only by default: the progress display already shows the engine's warnings as events.
     * With {@code -v}, everything of ours and the libraries' info.
     */
    static void configure(boolean verbose, boolean quiet) {
        setDefault("defaultLogLevel", verbose ? "info" : "error");
        if (verbose) {
            setDefault("log.org.thunderproject", "debug");
            setDefault("showDateTime", "true");
            setDefault("dateTimeFormat", "HH:mm:ss.SSS");
        }
        setDefault("showShortLogName", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
