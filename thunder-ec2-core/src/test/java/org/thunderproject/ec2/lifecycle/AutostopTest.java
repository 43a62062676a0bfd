package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Autostop on the local cloud: a cluster set to stop after a short idle time does not stop while
 * an SSH session is open on its master, stops by itself (master first, then the slave that
 * follows it) once the session ends, keeps its root-volume files, and after a start its agents
 * run again and stop it again; a launch restarts no agent on the nodes it launched. SAFETY: the
 * agents power off only through the nodes' own shutdown.
 */
@ExtendWith(ShortAutostop.class)
class AutostopTest {
    // Long enough that the start's own SSH sessions end before the restarted agents power off.
    private static final Duration IDLE = Duration.ofSeconds(8);
    // What a node keeps on its disk once autostop was set (no agent script: a restart shows without one).
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
    void anAutostopShorterThanAMinuteIsRefusedWithoutTheTestKnob() {
        System.clearProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY);
        try {
            assertThatThrownBy(() ->
                            fx.spec("short").autostop(Duration.ofSeconds(30)).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("autostop")
                    .hasMessageContaining("1 minute");
        } finally {
            System.setProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY, ShortAutostop.MINIMUM);
        }
    }

    @Test
    void stopsWhenIdleNotWhileASessionIsOpenKeepsItsFilesAndStopsAgainAfterAStart() throws Exception {
        Cluster cluster = fx.cluster(fx.spec(name("autostop")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        String slave = launched.slaves().get(0).instanceId();
        assertThat(cluster.run("echo kept > kept.txt", NodeSelector.MASTER)
                        .get(0)
                        .exitStatus())
                .isZero();
        Path home = nodes.home(master);
        Path agent = home.resolve(".thunder-ec2/autostop");

        // An SSH session held open on the master (it ends when the file 'release' appears).
        CompletableFuture<List<CommandResult>> held = CompletableFuture.supplyAsync(
                () -> cluster.run("while [ ! -f release ]; do sleep 0.2; done", NodeSelector.MASTER));
        Poll.until(
                "the held session is marked",
                Duration.ofMinutes(1),
                () -> Optional.of(nodes.sessions(master)).filter(n -> n > 0),
                () -> "sessions: " + nodes.sessions(master));
        cluster.autostop(Optional.of(IDLE));
        long deadline = Instant.now().plus(IDLE).plusSeconds(1).getEpochSecond();
        // The agent checked past its idle time and still counts the session as busy.
        Poll.until(
                "the master agent busy past " + deadline,
                Duration.ofMinutes(1),
                () -> Optional.of(AutostopNodes.read(agent.resolve("state")) + " "
                                + AutostopNodes.read(agent.resolve("idle-since")))
                        .filter(s -> s.matches("busy \\(ssh session\\) \\d+")
                                && Long.parseLong(s.substring(19)) >= deadline),
                () -> AutostopNodes.read(agent.resolve("state")) + " "
                        + AutostopNodes.read(agent.resolve("idle-since")));
        assertThat(nodes.state(master)).isEqualTo("running");
        assertThat(nodes.state(slave)).isEqualTo("running");

        Files.writeString(home.resolve("release"), "");
        assertThat(held.join().get(0).exitStatus()).isZero();
        for (String id : List.of(master, slave)) {
            Instance stopped = nodes.await(id, "stopped");
            assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        }
        assertThat(home.resolve("kept.txt")).hasContent("kept");

        // The setting lives on the nodes: a start restarts the agents, and they stop the cluster again.
        cluster.start(LaunchPhase.SSH_READY);
        for (String id : List.of(master, slave)) {
            nodes.await(id, "stopped");
        }
        assertThat(home.resolve("kept.txt")).hasContent("kept");
    }

    /**
     * Without autostop in the spec or the cluster, a launch restarts no agent on the nodes it
     * launched (their disks are the image's), a start restarts it on every node that keeps a
     * setting. The nodes here keep one from before the launch's agent step, as an image made from
     * a node with autostop would; a restart shows as the agent's log, which the restart command
     * opens before its SSH session can end.
     */
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
