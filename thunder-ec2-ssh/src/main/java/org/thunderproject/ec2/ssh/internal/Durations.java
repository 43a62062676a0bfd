package org.thunderproject.ec2.ssh.internal;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in messages: "850 ms", "12.3 s", "4 min 05 s". */
public final class Durations {
    private Durations() {}

    /** {@code d} in a short human form. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }
}
