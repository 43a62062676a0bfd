package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;

/**
 * A 100-node cluster (a master and 99 slaves) on the local cloud, each node a real SSH server:
 * the launch ends with all of them answering SSH, and one command runs on all of them in parallel.
 * Prints the time from "all running" to "all answer SSH" and of the parallel run (not asserted:
 * they depend on the machine).
 */
class HundredNodeSshTest {
    private static final Logger LOG = LoggerFactory.getLogger(HundredNodeSshTest.class);

    @TempDir
    static Path keys;

    @Test
    void hundredNodesAnswerSshAndRunACommandInParallel() throws Exception {
        try (SshFixture fx = SshFixture.start(keys, Duration.ofSeconds(1))) {
            RecordingListener events = new RecordingListener();
            Cluster cluster = fx.cluster(fx.spec(name("hundred")).slaves(99).readyTimeout(Duration.ofMinutes(10)))
                    .addListener(events);

            long start = System.nanoTime();
            ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
            Duration launch = Duration.ofNanos(System.nanoTime() - start);
            Duration runningToSsh = events.of(ClusterEvent.StepFinished.class).stream()
                    .filter(f -> f.step() == ClusterEvent.Step.WAIT_SSH)
                    .findFirst()
                    .orElseThrow()
                    .took();

            start = System.nanoTime();
            List<CommandResult> results = cluster.run("echo $HOME");
            Duration run = Duration.ofNanos(System.nanoTime() - start);

            assertThat(launched.nodes()).hasSize(100);
            assertThat(events.finished())
                    .containsSubsequence(ClusterEvent.Step.WAIT_RUNNING, ClusterEvent.Step.WAIT_SSH);
            assertThat(results).hasSize(100).allSatisfy(r -> assertThat(r.exitStatus())
                    .isZero());
            assertThat(results.stream().map(CommandResult::stdout).collect(Collectors.toSet()))
                    .hasSize(100);
            assertThat(results).extracting(r -> r.node().instanceId()).containsExactlyElementsOf(ids(launched.nodes()));
            assertThat(fx.knownHostIds()).hasSize(100);

            String line = String.format(
                    "100 nodes over SSH on the local cloud: launch %d ms, all running -> all answer SSH"
                            + " %d ms, parallel run of 'echo $HOME' on all %d ms",
                    launch.toMillis(), runningToSsh.toMillis(), run.toMillis());
            LOG.info(line);
            System.out.println(line);
        }
    }
}
