package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.LaunchPhase;

/**
 * Which nodes an operation restarts the autostop agent on (when neither the spec nor the cluster
 * sets autostop): a launch not on the nodes it launched (their disks are the image's), a start on
 * every node that keeps a setting. The nodes here keep one from before the launch's agent step, as
 * an image made from a node with autostop would: so a restart would show as the agent's log,
 * which the restart command opens before its SSH session can end.
 */
class AutostopRestartTest {
    private static final String SETTING = "idle_seconds=3600\ninterval_seconds=30\n";

    @TempDir
    static Path keys;

    private SshFixture fx;
    private AutostopNodes nodes;

    @BeforeEach
    void start() throws Exception {
        fx = SshFixture.start(keys, Duration.ZERO);
        nodes = AutostopNodes.of(fx);
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aLaunchRestartsNoAgentOnTheNodesItLaunchedAndAStartRestartsThemAll() {
        RecordingListener events = new RecordingListener();
        Cluster cluster = fx.cluster(fx.spec(name("restart")).slaves(1)).addListener(events);
        // Once SSH answers, before the agents' step: a setting on every new node's disk.
        cluster.addListener(e -> {
            if (e instanceof ClusterEvent.StepFinished f && f.step() == ClusterEvent.Step.WAIT_SSH) {
                events.of(ClusterEvent.NodeStateChanged.class).stream()
                        .map(ClusterEvent.NodeStateChanged::instanceId)
                        .distinct()
                        .forEach(this::keepASetting);
            }
        });

        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        List<String> ids = ids(launched.nodes());
        assertThat(ids).hasSize(2);
        assertThat(ids).allSatisfy(id -> {
            assertThat(nodes.agentFile(id, "autostop.conf"))
                    .as("the setting kept on " + id)
                    .exists();
            assertThat(nodes.agentFile(id, "agent.log"))
                    .as("an agent restarted on " + id)
                    .doesNotExist();
        });

        cluster.stop();
        cluster.start(LaunchPhase.SSH_READY);
        assertThat(ids).allSatisfy(id -> assertThat(nodes.agentFile(id, "agent.log"))
                .as("the agent restarted on " + id)
                .exists());
    }

    private void keepASetting(String instanceId) {
        Path conf = nodes.agentFile(instanceId, "autostop.conf");
        try {
            Files.createDirectories(conf.getParent());
            Files.writeString(conf, SETTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
