package org.thunderproject.ec2.cli.output;

import java.util.Locale;
import java.util.Optional;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.ClusterDescription;

/** A cluster's autostop setting in words, for {@code list} and {@code describe}. */
public final class AutostopText {

    private AutostopText() {}

    /** "30m stop", "2h terminate", or "-" when none is set. */
    public static String brief(ClusterDescription cluster) {
        return cluster.autostop().map(AutostopText::brief).orElse("-");
    }

    /** "30m stop". */
    public static String brief(Autostop autostop) {
        return Durations.brief(autostop.idle()) + " " + autostop.action().name().toLowerCase(Locale.ROOT);
    }

    /** describe's line: the setting and, when it was read, how long the cluster has been idle. */
    public static String line(ClusterDescription cluster, Optional<IdleReading> idle) {
        if (cluster.autostop().isEmpty()) {
            return "autostop: none";
        }
        Autostop autostop = cluster.autostop().get();
        String does =
                switch (autostop.action()) {
                    case STOP -> "stops";
                    case TERMINATE -> "terminates";
                };
        return "autostop: " + does + " after " + Durations.brief(autostop.idle()) + " idle"
                + idle.map(i -> "; idle: " + i.text()).orElse("");
    }
}
