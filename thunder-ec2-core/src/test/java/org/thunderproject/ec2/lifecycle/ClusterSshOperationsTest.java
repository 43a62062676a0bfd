package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.OperationInterruptedException;

/**
 * A cluster's operations over SSH against the local cloud: slaves come and go, a launch
 * interrupted while waiting for SSH is completed by resume, login runs a shell on a PTY, SSH
 * operations on a missing cluster say so, and launches that stop at INFRASTRUCTURE skip SSH.
 */
class ClusterSshOperationsTest extends AbstractClusterSshTest {
    @Test
    void addSlavesLaunchesThemThroughSshAndRemoveSlavesTerminatesTheNewestKeepingOne() throws IOException {
        Cluster cluster = fx.cluster(fx.spec(name("scale")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String firstSlave = launched.slaves().get(0).instanceId();
        RecordingListener events = new RecordingListener();
        cluster.addListener(events);

        ClusterDescription grown = cluster.addSlaves(2, LaunchPhase.SSH_READY);

        assertThat(grown.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(grown.slaves()).hasSize(3);
        assertThat(ids(grown.slaves())).contains(firstSlave);
        assertThat(grown.master().orElseThrow().instanceId())
                .isEqualTo(launched.master().orElseThrow().instanceId());
        assertThat(events.finished())
                .containsSubsequence(
                        ClusterEvent.Step.RUN_INSTANCES, ClusterEvent.Step.WAIT_RUNNING, ClusterEvent.Step.WAIT_SSH);
        assertThat(cluster.slaves())
                .extracting(Node::instanceId)
                .containsExactlyInAnyOrderElementsOf(ids(grown.slaves()));
        assertThat(cluster.run("true", NodeSelector.SLAVES)).hasSize(3).allSatisfy(r -> assertThat(r.exitStatus())
                .isZero());
        assertThat(fx.knownHostIds()).containsAll(ids(grown.nodes()));
        List<String> added = ids(grown.slaves()).stream()
                .filter(id -> !id.equals(firstSlave))
                .toList();

        ClusterDescription shrunk = cluster.removeSlaves(2);

        assertThat(ids(shrunk.slaves())).containsExactly(firstSlave);
        assertThat(fx.knownHostIds()).doesNotContainAnyElementsOf(added).contains(firstSlave);
        assertThat(cluster.run("true")).hasSize(2);
        assertThatThrownBy(() -> cluster.removeSlaves(1))
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("at least one")
                .hasMessageContaining("destroy()");
        assertThatThrownBy(() -> cluster.addSlaves(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cluster.describe().slaves()).hasSize(1);
    }

    @Test
    void addSlavesToAStoppedClusterIsRefused() {
        Cluster cluster = fx.cluster(fx.spec(name("stopped")).slaves(1));
        cluster.launch(LaunchPhase.SSH_READY);
        cluster.stop();

        assertThatThrownBy(() -> cluster.addSlaves(1))
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("start()");
        assertThatThrownBy(() -> cluster.run("true"))
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("start()");
        assertThat(cluster.describe().nodes()).hasSize(2);
    }

    @Test
    void aLaunchInterruptedWhileWaitingForSshIsCompletedByResume() {
        Cluster cluster = fx.cluster(fx.spec(name("sshwait")).slaves(2));
        Thread launching = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        cluster.addListener(e -> {
            if (e instanceof ClusterEvent.StepStarted s
                    && s.step() == ClusterEvent.Step.WAIT_SSH
                    && fired.compareAndSet(false, true)) {
                launching.interrupt();
            }
        });

        assertThatThrownBy(() -> cluster.launch(LaunchPhase.SSH_READY))
                .isInstanceOf(OperationInterruptedException.class)
                .hasMessageContaining("resume()");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.RUNNING);

        ClusterDescription resumed = cluster.resume(LaunchPhase.SSH_READY);

        assertThat(resumed.nodes()).hasSize(3);
        assertThat(cluster.run("true")).hasSize(3).allSatisfy(r -> assertThat(r.exitStatus())
                .isZero());
    }

    @Test
    void loginRunsAShellOnTheMasterOnAPtyAndReturnsItsExitStatus() throws Exception {
        assumeTrue(
                onPath("script"),
                "util-linux 'script' is not installed: the local cloud's shells have no PTY without it");
        Cluster cluster = fx.cluster(fx.spec(name("login")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // Typed ahead, and the keyboard stays open (as a terminal's would) until the shell is gone.
        keyboard.write("echo \"hi from $(tty | cut -c1-8)\"; echo $HOME; exit 3\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();

        int status;
        try {
            status = cluster.login(in, screen);
        } finally {
            keyboard.close();
        }

        assertThat(status).isEqualTo(3);
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("hi from /dev/pts");
        String masterHome =
                cluster.run("echo $HOME", NodeSelector.MASTER).get(0).stdout().strip();
        assertThat(shown).contains(masterHome);
        assertThat(launched.master()).isPresent();
    }

    @Test
    void sshOperationsOnAClusterThatDoesNotExistSaySo() {
        Cluster cluster = fx.cluster(fx.spec(name("ghost")));

        for (Function<Cluster, Object> op : List.<Function<Cluster, Object>>of(
                c -> c.run("true"),
                Cluster::master,
                Cluster::sshCommand,
                c -> c.forward(0, 80),
                c -> c.addSlaves(1),
                c -> c.removeSlaves(1))) {
            assertThatThrownBy(() -> op.apply(cluster))
                    .isInstanceOf(org.thunderproject.ec2.ClusterNotFoundException.class);
        }
    }

    @Test
    void endpointsWhoseNodesCannotBeReachedStopAtInfrastructure() {
        Cluster cluster = fx.cluster(fx.spec(name("infra")).slaves(1));

        ClusterDescription launched = cluster.launch(LaunchPhase.INFRASTRUCTURE);
        cluster.stop();
        RecordingListener events = new RecordingListener();
        ClusterDescription started = cluster.addListener(events).start(LaunchPhase.INFRASTRUCTURE);

        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(started.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(events.started()).doesNotContain(ClusterEvent.Step.WAIT_SSH);
        assertThat(started.nodes()).extracting(Node::role).containsExactly(NodeRole.MASTER, NodeRole.SLAVE);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
