package org.thunderproject.ec2.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.LaunchPhase;

/** One launch and destroy: what the client measured and what the cloud recorded. */
record RunResult(
        int slaves,
        LaunchPhase phase,
        Duration launch,
        Optional<Duration> criticalPath,
        Map<ClusterEvent.Step, Duration> steps,
        Map<String, Long> calls,
        long throttled,
        Duration destroy,
        double heapMib,
        double cpuSeconds,
        double jitSeconds,
        Optional<Duration> slowestNodeServices,
        List<String> extras,
        Optional<String> failure) {

    static RunResult of(
            int slaves,
            LaunchPhase phase,
            Duration launch,
            Map<String, String> stats,
            Map<String, Long> calls,
            Map<ClusterEvent.Step, Duration> steps,
            Duration destroy,
            double heapMib,
            double cpuSeconds,
            double jitSeconds,
            Optional<Duration> slowestNodeServices,
            List<String> extras) {
        String slowest = stats.getOrDefault("boot.slowestMillis", "");
        Optional<Duration> critical =
                slowest.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(slowest)));
        long throttled = stats.entrySet().stream()
                .filter(e -> e.getKey().startsWith("throttled."))
                .mapToLong(e -> Long.parseLong(e.getValue()))
                .sum();
        return new RunResult(
                slaves,
                phase,
                launch,
                critical,
                steps,
                calls,
                throttled,
                destroy,
                heapMib,
                cpuSeconds,
                jitSeconds,
                slowestNodeServices,
                extras,
                Optional.empty());
    }

    static RunResult failed(int slaves, LaunchPhase phase, String failure) {
        return new RunResult(
                slaves,
                phase,
                Duration.ZERO,
                Optional.empty(),
                Map.of(),
                Map.of(),
                0,
                Duration.ZERO,
                0,
                0,
                0,
                Optional.empty(),
                List.of(),
                Optional.of(failure));
    }

    /** Nodes: the master and the slaves. */
    int nodes() {
        return slaves + 1;
    }

    /** Launch ÷ the slowest node's own boot-to-SSH; empty without the latter. */
    Optional<Double> ratio() {
        return criticalPath.filter(c -> !c.isZero()).map(c -> launch.toNanos() / (double) c.toNanos());
    }

    /** The four service steps together. */
    Duration services() {
        return List.of(
                        ClusterEvent.Step.INSTALL_SERVICES,
                        ClusterEvent.Step.CONFIGURE_SERVICES,
                        ClusterEvent.Step.START_SERVICES,
                        ClusterEvent.Step.CHECK_SERVICES)
                .stream()
                .map(s -> steps.getOrDefault(s, Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The EC2 calls, by action, on one line. */
    String callsText() {
        return calls.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    String summary() {
        return "launch " + ResultTable.seconds(launch) + " s, slowest node's boot-to-SSH "
                + criticalPath.map(ResultTable::seconds).orElse("-") + " s, destroy " + ResultTable.seconds(destroy)
                + " s, throttled " + throttled + "; calls " + callsText();
    }
}
