package org.thunderproject.ec2.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ServiceStep;
import org.thunderproject.ec2.cli.Terminal;

/** How events look: timestamped lines off a terminal, one redrawn line on one. */
class ProgressTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private final StringWriter err = new StringWriter();
    private final Terminal terminal = Terminal.of(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            new StringReader(""),
            false,
            false,
            Path.of("/nonexistent-home"),
            Map.of(),
            clock);

    @Test
    void plainLinesWithTimestamps() {
        try (LineProgress progress = new LineProgress(terminal)) {
            progress.onEvent(new ClusterEvent.StepStarted("demo", Step.SECURITY_GROUPS, "demo-master, demo-slaves"));
            progress.onEvent(new ClusterEvent.StepFinished("demo", Step.SECURITY_GROUPS, Duration.ofMillis(820)));
            progress.onEvent(new ClusterEvent.NodeStateChanged(
                    "demo", "i-1", NodeRole.SLAVE, Optional.of(NodeState.PENDING), NodeState.RUNNING));
            progress.onEvent(new ClusterEvent.Waiting("demo", "1 of 2 nodes running", Duration.ofSeconds(3)));
            progress.onEvent(new ClusterEvent.Waiting("demo", "1 of 2 nodes running", Duration.ofSeconds(4)));
            progress.onEvent(new ClusterEvent.Warning("demo", "zone full, trying another"));
            progress.onEvent(new ClusterEvent.ServiceStepFinished(
                    "demo", "i-1", NodeRole.SLAVE, "spark", ServiceStep.INSTALL, Duration.ofMillis(296)));
        }
        assertThat(err.toString().lines())
                .containsExactly(
                        "03:04:05 Setting up security groups: demo-master, demo-slaves",
                        "03:04:05 [done] Setting up security groups (0.8s)",
                        "03:04:05 slave i-1: pending -> running",
                        "03:04:05 waiting: 1 of 2 nodes running",
                        "03:04:05 warning: zone full, trying another");
    }

    @Test
    void liveLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        LiveProgress progress = new LiveProgress(terminal);
        progress.onEvent(new ClusterEvent.StepStarted("demo", Step.WAIT_RUNNING, ""));
        progress.onEvent(
                new ClusterEvent.NodeStateChanged("demo", "i-1", NodeRole.MASTER, Optional.empty(), NodeState.PENDING));
        progress.onEvent(
                new ClusterEvent.NodeStateChanged("demo", "i-2", NodeRole.SLAVE, Optional.empty(), NodeState.RUNNING));
        String live = err.toString();
        assertThat(live).contains("\r\033[K[00:00] ").contains("Waiting for the nodes to run: 1 pending, 1 running");
        assertThat(live).doesNotContain("\n");
        progress.onEvent(new ClusterEvent.StepFinished("demo", Step.WAIT_RUNNING, Duration.ofSeconds(42)));
        progress.close();
        String all = err.toString();
        assertThat(all).contains("\r\033[K[done] Waiting for the nodes to run (42s)\n");
        assertThat(all).endsWith("(42s)\n");
    }

    @Test
    void durationsReadWell() {
        assertThat(ProgressText.duration(Duration.ofMillis(820))).isEqualTo("0.8s");
        assertThat(ProgressText.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ProgressText.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(ProgressText.clock(Duration.ofSeconds(102))).isEqualTo("01:42");
    }
}
