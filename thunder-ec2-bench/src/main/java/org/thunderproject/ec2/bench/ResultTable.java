package org.thunderproject.ec2.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.LaunchPhase;

/** The benchmark's one table, as Markdown (so it can go into docs/performance.md as it is). */
final class ResultTable {
    private static final List<Step> PHASES =
            List.of(Step.PREFLIGHT, Step.SECURITY_GROUPS, Step.RUN_INSTANCES, Step.WAIT_RUNNING, Step.WAIT_SSH);

    private ResultTable() {}

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    static void print(List<RunResult> results, PrintStream out) {
        List<String> heading = new ArrayList<>(List.of("N", "phase", "launch s", "critical path s", "ratio"));
        PHASES.forEach(p -> heading.add(p.name() + " s"));
        heading.addAll(List.of(
                "SERVICES s",
                "slowest node's services s",
                "destroy s",
                "throttled",
                "client heap MiB",
                "client CPU s",
                "CPU ms/node",
                "JIT compiling s (elapsed)",
                "extra",
                "EC2 calls (client, retries included)"));
        out.println("| " + String.join(" | ", heading) + " |");
        out.println("|" + " --- |".repeat(heading.size()));
        for (RunResult r : results) {
            List<String> row = new ArrayList<>(
                    List.of(Integer.toString(r.slaves()), r.phase().name()));
            if (r.failure().isPresent()) {
                row.add("FAILED: " + r.failure().get());
                out.println("| " + String.join(" | ", row) + " |");
                continue;
            }
            row.add(seconds(r.launch()));
            row.add(r.criticalPath().map(ResultTable::seconds).orElse("-"));
            row.add(r.ratio().map(x -> String.format(Locale.ROOT, "%.2f", x)).orElse("-"));
            PHASES.forEach(p -> row.add(seconds(r.steps().getOrDefault(p, Duration.ZERO))));
            boolean services = r.phase() == LaunchPhase.SERVICES;
            row.add(services ? seconds(r.services()) : "-");
            row.add(services ? r.slowestNodeServices().map(ResultTable::seconds).orElse("-") : "-");
            row.add(seconds(r.destroy()));
            row.add(Long.toString(r.throttled()));
            row.add(String.format(Locale.ROOT, "%.0f", r.heapMib()));
            row.add(String.format(Locale.ROOT, "%.1f", r.cpuSeconds()));
            row.add(String.format(Locale.ROOT, "%.1f", r.cpuSeconds() * 1000 / r.nodes()));
            row.add(String.format(Locale.ROOT, "%.1f", r.jitSeconds()));
            row.add(r.extras().isEmpty() ? "-" : String.join(", ", r.extras()));
            row.add(r.callsText());
            out.println("| " + String.join(" | ", row) + " |");
        }
    }
}
