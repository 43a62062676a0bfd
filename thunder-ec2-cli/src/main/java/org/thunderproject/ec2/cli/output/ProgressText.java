package org.thunderproject.ec2.cli.output;

import java.time.Duration;
import java.util.Locale;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterEvent.Step;

/** The words progress displays use for steps and durations. */
public final class ProgressText {

    private ProgressText() {}

    /** A step as a short phrase, like "Creating security groups". */
    static String step(Step step) {
        switch (step.name()) {
            case "PREFLIGHT":
                return "Preflight checks";
            case "SECURITY_GROUPS":
                return "Setting up security groups";
            case "RUN_INSTANCES":
                return "Requesting instances";
            case "WAIT_RUNNING":
                return "Waiting for the nodes to run";
            case "WAIT_SSH":
                return "Waiting for the nodes to answer SSH";
            case "REMOVE_SLAVES":
                return "Removing slaves";
            case "STOP_INSTANCES":
                return "Stopping the nodes";
            case "START_INSTANCES":
                return "Starting the nodes";
            case "TERMINATE_INSTANCES":
                return "Terminating the nodes";
            case "DELETE_SECURITY_GROUPS":
                return "Deleting security groups";
            default:
                // Steps added to the engine later still read well: WAIT_SSH -> "Wait ssh".
                String words = step.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }

    /** A started step with its detail, like "Requesting instances: 1 master, 2 slaves". */
    static String started(ClusterEvent.StepStarted event) {
        String detail = event.detail() == null ? "" : event.detail().trim();
        return detail.isEmpty() ? step(event.step()) : step(event.step()) + ": " + detail;
    }

    /** A finished step, like "[done] Requesting instances (0.8s)". */
    static String finished(ClusterEvent.StepFinished event) {
        return "[done] " + step(event.step()) + " (" + duration(event.took()) + ")";
    }

    /** A duration for people: "0.8s", "42s", "3m05s". */
    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    /** Elapsed time as a clock, like "01:42". */
    static String clock(Duration elapsed) {
        long seconds = Math.max(0, elapsed.getSeconds());
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    /** One node's change, like "slave i-0abc: pending -> running". */
    static String node(ClusterEvent.NodeStateChanged event) {
        String role = event.role().name().toLowerCase(Locale.ROOT);
        return event.from()
                .map(from -> role + " " + event.instanceId() + ": " + from.ec2Name() + " -> "
                        + event.to().ec2Name())
                .orElse(role + " " + event.instanceId() + ": " + event.to().ec2Name());
    }
}
