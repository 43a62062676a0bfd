package org.thunderproject.ec2.cli.output;

import java.time.Duration;

/** Durations as the CLI prints them, whole seconds at most: {@code 45s}, {@code 30m}, {@code 1h30m}, {@code 2d3h}. */
public final class Durations {

    private Durations() {}

    /** {@code duration} in its two largest units, like {@code 1h30m} (rounded down to the second). */
    public static String brief(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds > 0 ? seconds + "s" : "");
        }
        return seconds + "s";
    }
}
